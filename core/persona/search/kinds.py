"""Kinds of technology and the names that belong to them: a question names a kind ("do you do
web development?", "which databases do you know?", "any cloud experience?"), a profile names
its members ("React", "PostgreSQL", "AWS"). Retrieval, the check whether a profile holds a
question's subject, and the choice of the sentence to quote all read a member as its kind.

One way only: a member answers for its kind, a kind never for a member ("do you know React?"
is not answered by "HTML", though both are web development). Members are written as a
profile's words are searched (`terms`): "Next.js" is "next" and "js", so "js" stands for it.
The words are data here; `retrieval.members_of` reads them.
"""

from __future__ import annotations

_WEB_FRONT = "html css javascript js typescript react angular vue svelte jquery bootstrap tailwind"
_WEB_BACK = "express django flask fastapi spring rails laravel php wordpress streamlit graphql"
_DATABASES = (
    "sql postgresql postgres mysql sqlite mongodb redis duckdb oracle snowflake bigquery dynamodb "
    "cassandra elasticsearch supabase firestore mariadb"
)
_ML = (
    "scikit sklearn tensorflow pytorch keras xgboost llm llms rag openai nlp anomaly anomalies "
    "classification regression prediction forecasting huggingface langchain"
)

# kind words (as a question says them) -> the names of its members
KINDS: dict[str, str] = {
    "web website websites": f"{_WEB_FRONT} {_WEB_BACK} frontend backend fullstack",
    "frontend front": f"{_WEB_FRONT} redux figma",
    "backend back": f"{_WEB_BACK} node api apis rest postgresql mysql mongodb",
    "framework frameworks library libraries": (
        "react angular vue svelte django flask fastapi express spring rails laravel pandas "
        "numpy spark dbt airflow tensorflow pytorch scikit bootstrap tailwind streamlit"
    ),
    "database databases db sql": _DATABASES,
    "cloud": "aws azure gcp vercel heroku netlify lambda firebase cloudflare ec2 s3",
    "devops infrastructure": "docker kubernetes terraform jenkins ansible ci cd circleci",
    "ml ai": _ML,
    "mobile": "android ios swift kotlin flutter",
    "api apis": "fastapi graphql flask express openapi",
    "testing test tests": "pytest jest cypress selenium unittest junit playwright",
    "programming coding code": "python java javascript typescript go rust ruby php kotlin swift",
}
