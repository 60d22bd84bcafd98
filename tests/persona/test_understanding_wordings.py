"""Wordings of open and factual questions that name what they ask in words no profile uses
(issue 26): each is read as the open question it is, or searched with the words profiles
use, so the model is given the section that answers. Each failed before its rule was added."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.persona.profiles.profile import Profile
from core.persona.prompt import retrieval_query
from core.persona.questions.understanding import expand, topic
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever

from .offline import is_gap, offline_answer, profile_of


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("when you're not working, what are you into", "fun"),
        ("what are you currently studying on the side?", "learning"),
    ],
)
def test_an_open_question_in_other_words(question: str, name: str) -> None:
    found = topic(question)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("describe a time things went sideways at work", "challenge"),
        ("front end vs back end, where are you stronger", "full stack"),
    ],
)
def test_a_fact_asked_in_other_words_is_searched_with_the_profile_s(
    question: str, words: str
) -> None:
    assert words in expand(question)


ROSA = """# Rosa Vidal

## Experience

### Data Engineer at Pellworth
*2021 - present*

- Responsibilities: own the ingestion layer and the on-call rota.

### Analyst at Marisco
*2018 - 2021*

- Built the weekly sales reports.

## Interests

- Sea kayaking and bouldering.
"""


@pytest.fixture
def rosa(tmp_path: Path) -> Profile:
    return profile_of(tmp_path, ROSA)


def test_a_normal_week_is_given_my_responsibilities(rosa: Profile) -> None:
    question = "what does a normal week look like in your role"
    hits = recall(rosa, Retriever(rosa.chunks), question, retrieval_query(question, []))
    assert any("on-call rota" in h.chunk.text for h in hits)


def test_a_year_asked_for_something_else_is_not_a_job(rosa: Profile) -> None:
    """ "What did you eat in 2019?" names a year, but asks nothing the job held then says."""
    assert is_gap(offline_answer(rosa, "what did you eat in 2019?"))


KAI = """# Kai Moreno

## Experience

### Backend Developer at Orlenta
*2020 - present*

- Built the order service.

## Education

### BSc Computing, Univ of Leon (2016 - 2020)

- Relevant coursework: Operating Systems, Compilers.

## Skills

- Languages: Go, Rust
- Databases: PostgreSQL, Cassandra
- Cloud: AWS, Hetzner
- Soft skills: mentoring, facilitation
"""


@pytest.fixture
def kai(tmp_path: Path) -> Profile:
    return profile_of(tmp_path, KAI)


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("what data stores have you worked with", "Cassandra"),
        ("langs you use?", "Rust"),
        ("non-technical strengths?", "facilitation"),
    ],
)
def test_a_skill_asked_in_other_words_is_quoted(kai: Profile, question: str, wanted: str) -> None:
    reply = offline_answer(kai, question)
    assert wanted in reply.text, reply.text


def test_what_i_did_today_is_still_a_moment(kai: Profile) -> None:
    assert is_gap(offline_answer(kai, "what did you have for lunch today?"))


LEVELS = """# Noor Aziz

## Skills

### Languages
- Level: Master
- Keywords: Erlang, Elixir

### Tools
- Level: Beginner
- Keywords: Terraform, Ansible
"""


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("how good are you at Elixir", "Master"),
        ("are you an expert in Terraform?", "Beginner"),
        ("what's your level in Ansible", "Beginner"),
    ],
)
def test_the_level_of_a_skill_is_quoted_with_it(tmp_path: Path, question: str, wanted: str) -> None:
    reply = offline_answer(profile_of(tmp_path, LEVELS), question)
    assert wanted in reply.text, reply.text


def test_a_level_in_a_skill_not_held_is_not_written_down(tmp_path: Path) -> None:
    assert is_gap(offline_answer(profile_of(tmp_path, LEVELS), "are you an expert in knitting?"))


def test_a_range_of_interests_is_no_figure(tmp_path: Path) -> None:
    """ "From quantum computing to chaos theory" is no result: "how long is your commute?" asks
    for a number, and this is none."""
    profile = profile_of(
        tmp_path,
        "# Rae\n\nBackend engineer. My interests range from quantum computing to chaos theory.\n",
    )
    assert is_gap(offline_answer(profile, "How long is your commute?"))
