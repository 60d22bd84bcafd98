"""Conversation starters: the greeting in the owner's voice and prompts from the profile."""

from __future__ import annotations

from pathlib import Path

from core.persona.profiles.profile import load_profile
from core.persona.questions.starters import MAX_PROMPTS, TITLE_LIMIT, greeting, topic_prompts
from tests.conftest import EXAMPLE_PROFILE, REPO

MARKDOWN = """# Sam Rivera
Nurse turned data analyst

## Experience
### Analyst at Harbour Hospital (2023 - now)
Dashboards for ward staffing.

## Certifications
Google Data Analytics certificate.
"""


def test_prompts_follow_the_profile_latest_role_first() -> None:
    prompts = topic_prompts(load_profile(EXAMPLE_PROFILE))
    assert len(prompts) == MAX_PROMPTS
    assert prompts[0].title == "Work at Northwind Freight"
    assert prompts[0].message == "What do you do at Northwind Freight?"
    assert any("Leeds Bus Punctuality Tracker" in p.message for p in prompts)
    assert all(len(p.title) <= TITLE_LIMIT and p.message.endswith(("?", ".")) for p in prompts)


def test_a_small_markdown_profile_gets_only_its_own_topics(tmp_path: Path) -> None:
    path = tmp_path / "sam.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    profile = load_profile(path)
    titles = [p.title for p in topic_prompts(profile)]
    assert titles == ["Work at Harbour Hospital", "Courses and certificates"]
    text = greeting(profile)
    assert text.startswith("Hi, I'm Sam - well, my digital twin.")
    assert "my work or the courses I've taken" in text
    assert "I answer from what I've written about myself" in text  # first person


def test_the_greeting_names_the_owner_and_headline() -> None:
    text = greeting(load_profile(REPO / "profiles" / "example.md"))
    assert "Maya" in text and "Data engineer in Leeds" in text
