"""Short dated jobs and studies are each an entry of the timeline, in both profile formats.

A JSON Resume whose jobs carry only a company, a position and dates (the schema's minimum), and
a Markdown résumé whose jobs are headings with nothing under them, are common; each job must
still be a chunk of its own, so "before X", "my first job" and the current role are read right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.persona.profiles.identity import identity
from core.persona.profiles.profile import load_profile
from core.persona.prompt import degraded_reply
from core.persona.search.retrieval import Retriever

RESUME = {
    "basics": {"name": "Ana Lima", "label": "Backend Developer", "summary": "I build APIs."},
    "work": [
        {"name": "Acme", "position": "Backend Developer", "startDate": "2022-03"},
        {
            "name": "Beta Corp",
            "position": "Junior Developer",
            "startDate": "2020-01",
            "endDate": "2022-02",
        },
        {"name": "Gamma", "position": "Intern", "startDate": "2019-06", "endDate": "2019-09"},
    ],
    "education": [
        {"institution": "University of Porto", "studyType": "BSc", "startDate": "2016"},
    ],
}

MARKDOWN = """# Ana Lima

Backend developer in Porto. I build APIs.

## Experience

### Backend Developer, Acme (2022 - present)

### Junior Developer, Beta Corp (2020 - 2022)

### Intern, Gamma (2019)

## Education

### BSc Computer Science, University of Porto (2016 - 2019)
"""


@pytest.fixture(params=["json", "md"])
def profile_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "json":
        path = tmp_path / "ana.json"
        path.write_text(json.dumps(RESUME))
    else:
        path = tmp_path / "ana.md"
        path.write_text(MARKDOWN)
    return path


def _answer(path: Path, question: str) -> str:
    profile = load_profile(path)
    hits = Retriever(profile.chunks).search(question, k=6)
    return degraded_reply(profile, hits, "NO", question=question).text


def test_the_job_without_an_end_is_the_current_role(profile_path: Path) -> None:
    core = identity(load_profile(profile_path))
    assert core.role_is_current
    assert "Acme" in core.current_role
    assert "Beta Corp" not in core.current_role


def test_before_and_first_job_are_read_from_short_entries(profile_path: Path) -> None:
    before = _answer(profile_path, "where did you work before Acme?")
    assert "Beta Corp" in before
    assert "Gamma" not in before
    first = _answer(profile_path, "what was your first job?")
    assert "Gamma" in first
    assert "Acme" not in first


def test_a_study_with_only_a_heading_is_kept(profile_path: Path) -> None:
    assert "University of Porto" in _answer(profile_path, "where did you study?")
