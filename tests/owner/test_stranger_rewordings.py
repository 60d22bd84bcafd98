"""Grouping measured on `stranger_rewordings.toml`: 55 unanswerable questions in three wordings
that share few words and 106 close pairs, written before reading the grouping code or the
benches' banks (issue 26). Before this round: 43 of 55 in one group (78%), 1 group mixing two
questions ("are you allowed to drive a car?" filed with "what car do you drive?"), 21 close
pairs alike. The figures are a floor: a change that groups fewer, or mixes, fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from core.owner.gaps import question_terms, similar_terms
from tests.owner.filing import filed

SET: dict[str, Any] = tomllib.loads(
    Path(__file__).with_name("stranger_rewordings.toml").read_text(encoding="utf-8")
)
CASES = {n: case["questions"] for n, case in enumerate(SET["same"])}


def test_the_set_is_as_written() -> None:
    assert len(CASES) == 55 and all(len(w) == 3 for w in CASES.values())
    assert len(SET["apart"]) == 106


def test_rewordings_are_grouped_and_no_group_mixes_questions() -> None:
    together, mixed = filed(CASES)
    assert not mixed, [[CASES[c][0] for c in cases] for cases in mixed]
    assert together >= 44  # 80%


def test_close_pairs_are_seldom_alike() -> None:
    """Close pairs the lexicon reads as one topic ("do you play tennis?" / "do you play golf?":
    `sport`) are alike; at most the 21 of before."""
    alike = [
        pair
        for pair in (case["pair"] for case in SET["apart"])
        if similar_terms(question_terms(pair[0]), question_terms(pair[1]))
        or similar_terms(question_terms(pair[1]), question_terms(pair[0]))
    ]
    assert len(alike) <= 21, alike
