"""Group the questions the twin could not answer, so the owner sees what to add to the profile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from core.insight.reports import GapGroup, GapsReport
from core.owner.meaning import alike, concepts
from core.store.base import Store
from core.store.owner_records import KIND_HELD_CLAIM, OPEN
from core.store.records import normalize_question


def question_terms(question: str) -> frozenset[str]:
    """What decides which gap group a question belongs to: its concepts (see `meaning`), so
    "What's your favourite film?" and "Which movie do you love the most?" are one group; the
    words themselves for a question of frame words only."""
    found = concepts(question)
    return found or frozenset(normalize_question(question).split())


def similar_terms(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two questions' terms are alike enough to share a group."""
    return alike(a, b)


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
                detail=g.detail if g.kind == KIND_HELD_CLAIM else "",
            )
        )
    report = GapsReport(generated_at=now, total=sum(g.count for g in ranked), groups=tuple(groups))
    return report if public is None else public(report)
