"""Profile-only evidence for factual questions (`evidence4_cases.toml`, issue 26; the questions
were written before the code, the profiles or any bank's misses were read). Every wording of a
case is asked without a model: an answered case must quote its evidence, a case marked "-" must
be said to be not written down (a gap). Both are measured as shares over four profiles (two
Markdown CVs, a JSON Resume, a digitaltwin.json), and the misses are printed."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .offline import run_cases

HERE = Path(__file__).resolve().parent
CASES: dict[str, Any] = tomllib.loads((HERE / "evidence4_cases.toml").read_text(encoding="utf-8"))

# Floors. First run, on the code this branch started from (59d0623): evidence 212 of 267 (79%;
# education 24/27, list 6/12, open 7/15, projects 5/21, skills 69/84, time 51/54, work 50/54),
# not written down 3 of 6. After this branch (setext headings, lead-in lists, projects asked by
# their verb or told inside a job, word families): evidence 230 of 267 (86%; list 7/12, projects
# 18/21, skills 73/84), not written down 3 of 6 (the gaps are the gaps4 helper's side).
ANSWERED_FLOOR = 0.85
UNANSWERED_FLOOR = 0.5


def test_factual_questions_are_answered_from_the_profile() -> None:
    run_cases(CASES).check(ANSWERED_FLOOR, UNANSWERED_FLOOR)
