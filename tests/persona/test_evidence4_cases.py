"""Profile-only evidence for factual questions (`evidence4_cases.toml`, issue 26; the questions
were written before the code, the profiles or any bank's misses were read). Every wording of a
case is asked without a model: an answered case must quote its evidence, a case marked "-" must
be said to be not written down (a gap). Both are measured as shares over four profiles (two
Markdown CVs, a JSON Resume, a digitaltwin.json), and the misses are printed."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from core.persona.profiles.profile import Profile, load_profile
from tests.persona.offline import case_profile, holds

from .offline import is_gap, offline_answer

HERE = Path(__file__).resolve().parent
CASES: dict[str, Any] = tomllib.loads((HERE / "evidence4_cases.toml").read_text(encoding="utf-8"))

# Floors. First run, on the code this branch started from (59d0623): evidence 212 of 267 (79%;
# education 24/27, list 6/12, open 7/15, projects 5/21, skills 69/84, time 51/54, work 50/54),
# not written down 3 of 6. After this branch (setext headings, lead-in lists, projects asked by
# their verb or told inside a job, word families): evidence 230 of 267 (86%; list 7/12, projects
# 18/21, skills 73/84), not written down 3 of 6 (the gaps are the gaps4 helper's side).
ANSWERED_FLOOR = 0.85
UNANSWERED_FLOOR = 0.5


def _path(key: str) -> Path:
    return case_profile(CASES["profiles"][key]["file"])


@cache
def _profile(key: str) -> Profile:
    return load_profile(_path(key), name=CASES["profiles"][key].get("name", ""))


def outcomes() -> tuple[dict[str, list[bool]], list[bool], list[str]]:
    """Per kind, whether each answered (case, profile, wording) held its evidence; whether each
    unanswered one was a gap; and the misses of both, readable."""
    kinds: dict[str, list[bool]] = {}
    gaps: list[bool] = []
    misses: list[str] = []
    for case in CASES["case"]:
        for key, evidence in case["evidence"].items():
            if not _path(key).exists():
                continue
            for question in case["wordings"]:
                reply = offline_answer(_profile(key), question)
                if evidence == "-":
                    ok = is_gap(reply)
                    gaps.append(ok)
                else:
                    ok = holds(reply.text, evidence)
                    kinds.setdefault(case["kind"], []).append(ok)
                if not ok:
                    want = "gap" if evidence == "-" else evidence
                    said = reply.text[:200]
                    misses.append(f"{key}/{case['id']} {question!r} want {want} -> {said!r}")
    return kinds, gaps, misses


def test_factual_questions_are_answered_from_the_profile() -> None:
    if not any(_path(k).exists() for k in CASES["profiles"]):
        pytest.skip("none of the case set's profiles is here")
    kinds, gaps, misses = outcomes()
    every = [ok for oks in kinds.values() for ok in oks]
    answered = sum(every) / len(every)
    unanswered = sum(gaps) / len(gaps) if gaps else 1.0
    per_kind = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(kinds.items())}
    print(f"\nevidence {sum(every)}/{len(every)} = {answered:.0%} {per_kind}")
    print(f"not written down {sum(gaps)}/{len(gaps)} = {unanswered:.0%}")
    print("\n".join(misses))
    assert answered >= ANSWERED_FLOOR, "\n".join(misses)
    assert unanswered >= UNANSWERED_FLOOR, "\n".join(misses)
