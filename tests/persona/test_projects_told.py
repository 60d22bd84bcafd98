"""Projects asked by their verb ("show me some stuff you made", "what kind of things have u
shipped?"), a CV's list of projects under one heading ("* **Tidewatch** - ..."), and a CV with no
projects section at all: its job's "Highlighted projects:" lines, else what its jobs say I built
("Implemented a seat map creator"). Before, each of these was answered "not written down" or with
the one sentence that holds the word "project"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.persona.offline import holds, is_gap, offline_answer, profile_of

LISTED = """# Ines Duarte

Backend engineer.

## Experience

### Backend engineer at Lumen Labs

*11.2019 - present* | Remote

Built the billing service.

## Side Projects

* **Tidewatch** - a tide-table bot for surfers, written in Elixir.
* **[Quire](https://example.org/quire)** - a Markdown notebook with sync over WebDAV.
* In scope of this project I wrote a WebDAV client.
"""

IN_A_JOB = """# Noor Haddad

Database consultant.

## Experience

### Principal engineer at Bluefin Data

*2019 - present*

Database reliability for large customers.

Highlighted projects:

- Harbor Bank: live migration from Oracle to a Patroni cluster on Google Cloud.
- Kestrel Mobile: load balancing and PgBouncer for the payments database.

### Developer at Orchard Apps

*2015 - 2019*

- Implemented a seat map creator using Canvas.
- Creation of mobile applications using React Native.
"""

NO_PROJECT = """# Lea Brandt

Accountant.

## Experience

### Accountant at Kiel Partners

*2018 - present*

- Prepared quarterly tax filings for forty clients.
"""

ASKED = [
    "what projects have you worked on?",
    "show me some stuff you made",
    "what kind of things have u shipped",
    "tell me about a project you built",
]


@pytest.mark.parametrize("question", ASKED)
def test_a_list_of_projects_under_one_heading_is_named(tmp_path: Path, question: str) -> None:
    reply = offline_answer(profile_of(tmp_path, LISTED), question)
    assert holds(reply.text, "tidewatch|quire"), reply.text


@pytest.mark.parametrize("question", ASKED[:3])
def test_projects_told_inside_a_job_are_quoted(tmp_path: Path, question: str) -> None:
    reply = offline_answer(profile_of(tmp_path, IN_A_JOB), question)
    assert holds(reply.text, "harbor bank|kestrel mobile"), reply.text


def test_without_any_projects_what_the_jobs_built_is_quoted(tmp_path: Path) -> None:
    text = IN_A_JOB.replace("Highlighted projects:", "Customers:")
    reply = offline_answer(profile_of(tmp_path, text), "what projects have you worked on?")
    assert holds(reply.text, "seat map creator|react native"), reply.text


def test_a_profile_that_built_nothing_still_says_it_is_not_written(tmp_path: Path) -> None:
    reply = offline_answer(profile_of(tmp_path, NO_PROJECT), "show me some stuff you made")
    assert is_gap(reply), reply.text
