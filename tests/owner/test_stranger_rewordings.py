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

SET: dict[str, Any] = tomllib.loads(
    Path(__file__).with_name("stranger_rewordings.toml").read_text(encoding="utf-8")
)
CASES = {n: case["questions"] for n, case in enumerate(SET["same"])}


def _filed() -> tuple[int, list[set[int]]]:
    """File the wordings interleaved (every case's first wording, then the second...) as the
    owner desk files gaps: into the first open group they are alike, else a new group. How
    many cases end in one group, and the groups holding more than one case."""
    groups: list[tuple[frozenset[str], set[int]]] = []
    homes: dict[int, set[int]] = {}
    for turn in range(3):
        for case, wordings in CASES.items():
            terms = question_terms(wordings[turn])
            home = next(
                (i for i, (known, _) in enumerate(groups) if similar_terms(terms, known)), None
            )
            if home is None:
                groups.append((terms, set()))
                home = len(groups) - 1
            groups[home][1].add(case)
            homes.setdefault(case, set()).add(home)
    together = sum(1 for places in homes.values() if len(places) == 1)
    return together, [cases for _, cases in groups if len(cases) > 1]


def test_the_set_is_as_written() -> None:
    assert len(CASES) == 55 and all(len(w) == 3 for w in CASES.values())
    assert len(SET["apart"]) == 106


def test_rewordings_are_grouped_and_no_group_mixes_questions() -> None:
    together, mixed = _filed()
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
