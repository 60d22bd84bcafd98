"""Issue 26, gaps round three: the case set in `gap3_questions.toml` (questions written before
the persona code or the profiles were read) and `gap3_annotations.toml` (which profile answers
which, annotated afterwards). Without a model, a question the profile does not answer is said
to be not written down (a gap); a question it answers quotes its evidence.

Measured as a whole against floors; the cases that miss are named in the failure message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from core.persona.profiles.profile import Profile, load_profile
from tests.persona.offline import case_profile, is_gap, offline_answer

HERE = Path(__file__).resolve().parent
QUESTIONS: dict[str, Any] = tomllib.loads((HERE / "gap3_questions.toml").read_text("utf-8"))
NOTES: dict[str, Any] = tomllib.loads((HERE / "gap3_annotations.toml").read_text("utf-8"))

# Floors. First run (code at 0ffa0a5, annotations corrected): 263 of 311 unanswered said not
# written down (85%), 166 of 190 answered with their evidence (87%). After this round: 284 of
# 311 (91%) and 166 of 190 (87%).
UNANSWERED_FLOOR = 0.90
ANSWERED_FLOOR = 0.86


@dataclass(frozen=True)
class Case:
    """One wording on one profile: `evidence` empty means the profile does not answer it."""

    profile: str
    question: str
    evidence: tuple[str, ...]


def _path(key: str) -> Path:
    return case_profile(NOTES["profiles"][key])


@cache
def _profile(key: str) -> Profile:
    return load_profile(_path(key))


def cases(profiles: tuple[str, ...] | None = None) -> list[Case]:
    """Every measured (profile, wording) pair; "skip" ones are left out."""
    out: list[Case] = []
    for key in NOTES["profiles"]:
        if (profiles is not None and key not in profiles) or not _path(key).exists():
            continue
        notes: dict[str, Any] = NOTES.get(key, {})
        for topic in QUESTIONS["topic"]:
            for n, wording in enumerate(topic["wordings"], start=1):
                value = notes.get(f"{topic['id']}#{n}", notes.get(topic["id"], "none"))
                if value == "skip":
                    continue
                evidence = () if value == "none" else tuple(value)
                out.append(Case(key, wording, evidence))
    return out


def misses(rows: list[Case]) -> tuple[list[str], list[str]]:
    """(unanswered ones quoted, answered ones without their evidence or said to be gaps)."""
    quoted: list[str] = []
    missed: list[str] = []
    for case in rows:
        reply = offline_answer(_profile(case.profile), case.question)
        if not case.evidence:
            if not is_gap(reply):
                quoted.append(f"{case.profile}: {case.question} -> {reply.text[:90]!r}")
            continue
        low = reply.text.lower()
        if is_gap(reply) or not any(e.lower() in low for e in case.evidence):
            missed.append(f"{case.profile}: {case.question} -> {reply.text[:90]!r}")
    return quoted, missed


@cache
def _all_misses() -> tuple[list[Case], list[str], list[str]]:
    rows = cases()
    if not rows:
        pytest.skip("none of the case set's profiles is here")
    quoted, missed = misses(rows)
    return rows, quoted, missed


def test_questions_no_profile_answers_are_not_written_down() -> None:
    rows, quoted, _ = _all_misses()
    unanswered = [c for c in rows if not c.evidence]
    share = 1 - len(quoted) / len(unanswered)
    assert share >= UNANSWERED_FLOOR, "\n".join([f"{share:.0%} of {len(unanswered)}", *quoted])


def test_questions_a_profile_answers_quote_their_evidence() -> None:
    rows, _, missed = _all_misses()
    answered = [c for c in rows if c.evidence]
    share = 1 - len(missed) / len(answered)
    assert share >= ANSWERED_FLOOR, "\n".join([f"{share:.0%} of {len(answered)}", *missed])


if __name__ == "__main__":  # pragma: no cover - a figure for the report
    rows = cases()
    quoted, missed = misses(rows)
    n_un = sum(1 for c in rows if not c.evidence)
    n_an = len(rows) - n_un
    print("\n".join(quoted))
    print("--- answered, missed")
    print("\n".join(missed))
    print(f"unanswered not written down: {n_un - len(quoted)}/{n_un}")
    print(f"answered with evidence: {n_an - len(missed)}/{n_an}")
