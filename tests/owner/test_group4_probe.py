"""Grouping measured on `group4_probe.toml`: 44 unanswerable questions in three wordings and 44
close pairs, written before reading the grouping lexicon or any bank (issue 26, seventh round).
Before this round: 39 of 44 in one group (89%), 4 groups mixing two questions, 7 close pairs
alike. Places named now keep "have you ever been to Japan?" out of "how many countries have you
visited?" (3 mixing). The figures are a floor: a change that groups fewer, or mixes more, fails.

The three groups still mixing are the lexicon's choice of grain, said here so a change is seen:
"what time do you wake up?" is read as being a morning person, "do you go running?" as working
out (both `fitness`), and "are you a good singer?" as music like "your favourite singer"."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from core.owner.gaps import question_terms, similar_terms
from tests.owner.filing import filed

SET: dict[str, Any] = tomllib.loads(
    Path(__file__).with_name("group4_probe.toml").read_text(encoding="utf-8")
)
CASES = {n: case["questions"] for n, case in enumerate(SET["same"])}


def test_the_set_is_as_written() -> None:
    assert len(CASES) == 44 and all(len(w) == 3 for w in CASES.values())
    assert len(SET["apart"]) == 44


def test_rewordings_are_grouped_and_few_groups_mix() -> None:
    together, mixed = filed(CASES)
    assert together >= 39  # 89%
    firsts = [sorted(CASES[c][0] for c in cases) for cases in mixed]
    assert len(mixed) <= 3, firsts
    assert not any("Have you ever been to Japan?" in f for f in firsts), firsts


def test_close_pairs_are_seldom_alike() -> None:
    alike = [
        pair
        for pair in (case["pair"] for case in SET["apart"])
        if similar_terms(question_terms(pair[0]), question_terms(pair[1]))
        or similar_terms(question_terms(pair[1]), question_terms(pair[0]))
    ]
    assert len(alike) <= 7, alike
