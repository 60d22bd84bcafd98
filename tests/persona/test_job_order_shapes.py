"""A job asked by its place in the career, in shapes people use (issue 26): "once you left
your first job" (the job after the first), "after that first role, what was next?" (the anchor
ends at the comma), "where did you work most recently before now?" (the job before the current
one), "first ever role after school?" (the earliest job, whatever follows). Before, these quoted
the first job, nothing, the current job and the job after graduating."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.persona.offline import holds, offline_answer, profile_of

CV = """# Ines Duarte

Backend engineer in Braga.

## Experience

### Backend engineer at Lumen Labs

*11.2019 - present* | Remote

Built the billing service.

### Developer at Porto Digital

*03.2016 - 10.2019* | Porto

Maintained the booking site.

### Support technician at Minho Telecom

*06.2014 - 02.2016* | Braga

Answered the helpdesk.

## Education

BSc Computer Engineering, University of Minho (2010 - 2014)
"""

CASES = [
    ("where did you go once you left your first job", "porto digital"),
    ("and after that first role, what was next?", "porto digital"),
    ("where did u work most recently before now", "porto digital"),
    ("first ever role after school?", "minho telecom"),
]


@pytest.mark.parametrize(("question", "evidence"), CASES)
def test_the_job_asked_by_its_place(tmp_path: Path, question: str, evidence: str) -> None:
    reply = offline_answer(profile_of(tmp_path, CV), question)
    assert holds(reply.text, evidence), reply.text
