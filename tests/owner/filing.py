"""Gaps filed as the owner desk files them, for the grouping tests: each wording in order into
the first open group whose terms are alike, else a new group; and a case set's wordings filed
interleaved (every case's first wording, then the second...)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from core.owner.gaps import question_terms, similar_terms

K = TypeVar("K", bound=Hashable)


def grouped(wordings: Sequence[tuple[K, str]]) -> list[tuple[frozenset[str], set[K]]]:
    """File `(case, wording)` in order: each group's terms and the cases it holds."""
    groups: list[tuple[frozenset[str], set[K]]] = []
    for case, wording in wordings:
        terms = question_terms(wording)
        for known, ids in groups:
            if similar_terms(terms, known):
                ids.add(case)
                break
        else:
            groups.append((terms, {case}))
    return groups


def filed(cases: Mapping[K, Sequence[str]]) -> tuple[int, list[set[K]]]:
    """File the cases' wordings interleaved: how many cases end in one group, and the groups
    holding more than one case."""
    most = max((len(w) for w in cases.values()), default=0)
    order = [(case, w[n]) for n in range(most) for case, w in cases.items() if n < len(w)]
    groups = grouped(order)
    homes = {case: sum(1 for _, ids in groups if case in ids) for case in cases}
    return sum(1 for n in homes.values() if n == 1), [ids for _, ids in groups if len(ids) > 1]
