"""Group the questions the twin could not answer, so the owner sees what to add to the profile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from core.insight.reports import GapGroup, GapsReport
from core.store.base import Store
from core.store.owner_records import KIND_HELD_CLAIM, OPEN
from core.store.records import GapRow, normalize_question

_STOP_WORDS = (
    "a an and are as at be can could did do does for from have how i in is it me my of on or "
    "so tell that the there this to was were what when where which who why will with would you "
    "your yours about any ever"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


def _terms(normalized: str) -> frozenset[str]:
    return frozenset(w[:6] for w in normalized.split() if w not in _STOP) or frozenset(
        normalized.split()
    )


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= 0.5


def question_terms(question: str) -> frozenset[str]:
    """The words that decide which gap group a question belongs to."""
    return _terms(normalize_question(question))


def similar_terms(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two questions' terms are alike enough to share a group."""
    return _similar(a, b)


def group_gaps(rows: Sequence[GapRow]) -> list[GapGroup]:
    """Group gaps (newest first) by likeness of their words; biggest, then newest group first."""
    groups: list[tuple[frozenset[str], list[GapRow]]] = []
    for row in rows:
        terms = _terms(row.normalized)
        for key, members in groups:
            if _similar(terms, key):
                members.append(row)
                break
        else:
            groups.append((terms, [row]))
    out = []
    for _, members in groups:
        wordings: list[str] = []
        seen: set[str] = set()
        for m in members:
            if m.normalized not in seen:
                seen.add(m.normalized)
                wordings.append(m.question)
        out.append(
            GapGroup(
                example=members[0].question,
                questions=tuple(wordings),
                count=len(members),
                last_asked=members[0].at,
            )
        )
    out.sort(key=lambda g: (-g.count, -g.last_asked.timestamp()))
    return out


async def gaps_report(
    store: Store,
    now: datetime,
    limit: int = 20,
    public: Callable[[GapsReport], GapsReport] | None = None,
) -> GapsReport:
    """Open gap groups (stable ids for `twin gaps answer|private|ignore ID`), most asked and
    then newest first; `public` takes out what must not be listed (private topics)."""
    ranked = sorted(
        await store.counted_gap_groups(OPEN, limit=1000),  # one query, without wordings
        key=lambda g: (-g.count, -g.last_asked.timestamp(), -g.id),
    )
    groups = []
    for light in ranked[:limit]:  # the wordings of the groups shown only
        g = await store.gap_group(light.id) or light
        groups.append(
            GapGroup(
                example=g.example,
                questions=g.questions,
                count=g.count,
                last_asked=g.last_asked,
                id=g.id,
                kind=g.kind,
                carded=g.carded_at is not None,
                detail=g.detail if g.kind == KIND_HELD_CLAIM else "",
            )
        )
    report = GapsReport(generated_at=now, total=sum(g.count for g in ranked), groups=tuple(groups))
    return report if public is None else public(report)
