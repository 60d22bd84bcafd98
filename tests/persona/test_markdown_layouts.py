"""Markdown CVs as people write them: a quoted summary, rules between blocks, dotted dates.

A CV that quotes its summary ("> I build ..."), divides its blocks with `-----` lines and dates
its jobs "12.2014 - present" must still give the twin a clean summary and a current role."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.persona.profiles import timeline
from core.persona.profiles.identity import identity
from core.persona.profiles.profile import ProfileError, load_profile

CV = """
# Ines Duarte

---------------------------------------
* Location: Portugal, Braga

---------------------------------------

>  Elixir is the language I reach for first, because processes model the world well.

---------------------------------------

## Experience

### Backend engineer at Lumen Labs

*11.2019 - present* | Remote

Built the billing service.

### Developer at Porto Digital

*03.2016 - 10.2019* | Porto

Maintained the booking site.
"""


@pytest.fixture()
def profile_path(tmp_path: Path) -> Path:
    path = tmp_path / "ines.md"
    path.write_text(CV)
    return path


def test_a_quoted_summary_is_read_without_its_quote_marks(profile_path: Path) -> None:
    profile = load_profile(profile_path)
    text = "\n".join(c.text for c in profile.chunks)
    assert "Elixir is the language I reach for first" in text
    assert ">" not in text
    assert "-----" not in text


def test_dates_written_month_first_date_the_jobs(profile_path: Path) -> None:
    core = identity(load_profile(profile_path))
    assert core.current_role.startswith("Backend engineer at Lumen Labs")
    assert core.role_is_current


def test_dotted_dates_are_not_taken_for_phone_numbers(profile_path: Path) -> None:
    jobs = timeline.entries(load_profile(profile_path).chunks)
    assert [(e.chunk.title, e.start, e.end) for e in jobs] == [
        ("Backend engineer at Lumen Labs", (2019, 11), None),
        ("Developer at Porto Digital", (2016, 3), (2019, 10)),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("*12.2014 - present*", (2014, 12), None),
        ("03/2016 - 10/2019", (2016, 3), (2019, 10)),
        ("01.12.2014 - 05.2016", (2014, 12), (2016, 5)),
        ("Jan 2020 - 2021", (2020, 1), (2021, 0)),
        ("2013-12-01 – 2014-12-01", (2013, 12), (2014, 12)),
    ],
)
def test_month_first_dates(text: str, start: tuple[int, int], end: tuple[int, int] | None) -> None:
    assert timeline.when(text) == (start, end)


SITE_PAGE = """---
title: {title}
subtitle: {subtitle}
layout: post
author: jdoe42
---

I keep databases fast and boring.

## Current positions

### Quarry Labs - Principal Data Engineer

> Since September 2021

Ran the PostgreSQL fleet.
"""


@pytest.mark.parametrize(
    ("title", "subtitle", "name", "headline"),
    [
        ("Resume", "Jane Doe", "Jane Doe", ""),  # a Jekyll page: the title names the document
        ("Jane Doe - CV", "", "Jane Doe", ""),
        ("Résumé | Jane Doe", "Database engineer", "Jane Doe", "Database engineer"),
        ("Principal Data Engineer", "Jane Doe", "Jane Doe", "Principal Data Engineer"),
    ],
)
def test_a_site_pages_front_matter_names_the_person(
    tmp_path: Path, title: str, subtitle: str, name: str, headline: str
) -> None:
    path = tmp_path / "resume.md"
    path.write_text(SITE_PAGE.format(title=title, subtitle=subtitle), encoding="utf-8")
    profile = load_profile(path)
    assert (profile.name, profile.headline) == (name, headline)


def test_a_handle_or_a_document_title_is_no_name(tmp_path: Path) -> None:
    """Neither "Resume" nor the author's handle is a name: the owner is told to set one."""
    path = tmp_path / "resume.md"
    path.write_text(SITE_PAGE.format(title="Resume", subtitle=""), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"\[persona\] name"):
        load_profile(path)


@pytest.mark.parametrize(("ending", "based"), [("in Go.", ""), ("in Lisbon.", "Lisbon")])
def test_a_summary_ending_in_a_language_names_no_place(
    tmp_path: Path, ending: str, based: str
) -> None:
    """ "... payment systems in Go." is not "based in Go" (it went into every prompt)."""
    path = tmp_path / "cv.md"
    path.write_text(f"# Noor Haddad\n\nI build payment systems {ending}\n", encoding="utf-8")
    assert identity(load_profile(path)).based == based
