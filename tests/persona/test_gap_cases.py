"""Issue 26, gaps round two: the case set in `gap_cases.toml` (written before the persona code
was read). Without a model, a question the profile does not answer is said to be not written
down (a gap), and a question it answers quotes its evidence.

The set is measured as a whole against floors (the figure of its first run is in the toml's
history and the report); a case that flips is named in the failure message.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from core.persona.profiles.profile import Profile, load_profile
from tests.persona.offline import case_profile, is_gap, offline_answer

HERE = Path(__file__).resolve().parent
CASES: dict[str, Any] = tomllib.loads((HERE / "gap_cases.toml").read_text(encoding="utf-8"))

# Floors: the share of each group the twin must get right without a model. First run (code at
# 5ad88a2): 50 of 69 unanswered said not written down (72%; the example profile alone 19 of
# 25), 52 of 55 answered quoting their evidence (95%). After this round: 63 of 69 (91%; the
# example profile 22 of 25), 52 of 55.
UNANSWERED_FLOOR = 0.90
EXAMPLE_FLOOR = 0.88
ANSWERED_FLOOR = 0.92


def _path(key: str) -> Path:
    return case_profile(CASES["profiles"][key])


@cache
def _profile(key: str) -> Profile:
    return load_profile(_path(key))


def _available(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [row for row in rows if _path(row["profile"]).exists()]
    if not rows:
        pytest.skip("none of the case set's profiles is here")
    return rows


def test_questions_the_profile_does_not_answer_are_not_written_down() -> None:
    rows = _available(CASES["unanswered"])
    quoted = []
    for row in rows:
        reply = offline_answer(_profile(row["profile"]), row["question"])
        if not is_gap(reply):
            quoted.append(f"{row['profile']}: {row['question']} -> {reply.text[:80]}")
    share = 1 - len(quoted) / len(rows)
    assert share >= UNANSWERED_FLOOR, "\n".join([f"{share:.0%} not written down", *quoted])


def test_questions_the_profile_answers_quote_their_evidence() -> None:
    rows = _available(CASES["answered"])
    missed = []
    for row in rows:
        reply = offline_answer(_profile(row["profile"]), row["question"])
        low = reply.text.lower()
        if is_gap(reply) or not any(e.lower() in low for e in row["evidence"]):
            missed.append(f"{row['profile']}: {row['question']} -> {reply.text[:80]}")
    share = 1 - len(missed) / len(rows)
    assert share >= ANSWERED_FLOOR, "\n".join([f"{share:.0%} answered", *missed])


def test_the_example_profile_alone_keeps_its_share() -> None:
    """The example profile is in the repository, so this runs everywhere (the others may be
    absent): its unanswered questions are not written down at its own floor."""
    rows = [row for row in CASES["unanswered"] if row["profile"] == "example"]
    quoted = [
        row["question"]
        for row in rows
        if not is_gap(offline_answer(_profile("example"), row["question"]))
    ]
    assert 1 - len(quoted) / len(rows) >= EXAMPLE_FLOOR, quoted
