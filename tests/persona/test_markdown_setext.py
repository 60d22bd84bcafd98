"""Markdown CVs that underline their headings ("Side Projects" over a line of `-----`, a name over
`=====`): the underlined line starts a section, as `##` / `#` would, while a `-----` after a blank
line stays a rule. Before, the side projects of such a CV were read as part of the section above
("Tools & Protocols") and "any side projects?" found nothing."""

from __future__ import annotations

from pathlib import Path

from core.persona.profiles.profile import load_profile
from tests.persona.offline import holds, offline_answer

CV = """
Ines Duarte
===========

---------------------------------------

* Location: Portugal, Braga

## Experience

### Backend engineer at Lumen Labs

*11.2019 - present* | Remote

Built the billing service.

Technical Experience
--------------------

### Tools

vim, git, Linux.

Side Projects
-------------

* **Tidewatch** - a tide-table bot for surfers in Elixir.
* **Quire** - a Markdown notebook with sync over WebDAV.
"""


def test_underlined_lines_start_sections_and_a_rule_after_a_blank_line_does_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cv.md"
    path.write_text(CV, encoding="utf-8")
    profile = load_profile(path)
    assert profile.name == "Ines Duarte"
    titles = {c.title: c for c in profile.chunks}
    assert "Side Projects" in titles
    assert "Tidewatch" in titles["Side Projects"].text
    assert "Tidewatch" not in titles["Tools"].text
    assert titles["Tools"].section == "Technical Experience"
    assert not any(c.title.startswith("---") for c in profile.chunks)


def test_side_projects_under_an_underlined_heading_are_quoted(tmp_path: Path) -> None:
    path = tmp_path / "cv.md"
    path.write_text(CV, encoding="utf-8")
    profile = load_profile(path)
    for question in ("do you have any side projects?", "any pet projects?"):
        assert holds(offline_answer(profile, question).text, "tidewatch|quire"), question
