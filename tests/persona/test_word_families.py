"""Question words a profile spells another way (issue 26): an editor or IDE is listed among the
tools, a "toolbox" is the tools, "methodologies" are Agile
and Scrum. Before, each question was answered "not written down" although the line is there; a
profile without such a line still says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.persona.offline import holds, is_gap, offline_answer, profile_of

CV = """# Ines Duarte

Backend engineer in Braga.

## Experience

### Backend engineer at Lumen Labs

*11.2019 - present* | Remote

Built the billing service in Elixir. We work in two-week Scrum sprints.

## Education

BSc Computer Engineering, University of Minho (2012 - 2016)

## Skills

- Languages: Elixir, Python, SQL
- Tools: Emacs, git, Docker, Grafana
- Ways of working: Agile, Scrum, Kanban
"""

BARE = """# Lea Brandt

Accountant in Kiel.

## Experience

### Accountant at Kiel Partners

*2018 - present*

Prepared quarterly tax filings for forty clients.
"""

CASES = [
    ("what editor do you use?", "emacs"),
    ("which IDE do you code in", "emacs"),
    ("what's in your toolbox", "emacs|docker"),
    ("what methodologies do you follow?", "agile|scrum|kanban"),
]


@pytest.mark.parametrize(("question", "evidence"), CASES)
def test_a_word_spelled_another_way_finds_its_line(
    tmp_path: Path, question: str, evidence: str
) -> None:
    reply = offline_answer(profile_of(tmp_path, CV), question)
    assert holds(reply.text, evidence), reply.text


@pytest.mark.parametrize("question", ["what editor do you use?", "what's in your toolbox"])
def test_without_such_a_line_it_is_not_written_down(tmp_path: Path, question: str) -> None:
    assert is_gap(offline_answer(profile_of(tmp_path, BARE), question))
