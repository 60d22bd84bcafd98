"""Quality beside cost: members' helpful votes per model and per topic (the heading of the
fact retrieval picked first), for `/twin-usage`, `twin usage` and the weekly digest."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from core.store.base import Store

NO_TOPIC = "(none)"


@dataclass(frozen=True)
class VoteCount:
    """Helpful and unhelpful votes on the answers of one model or one topic."""

    name: str
    helpful: int
    unhelpful: int
    cost_usd: float = 0.0  # what the answers of this topic cost this period (topics only)

    @property
    def votes(self) -> int:
        return self.helpful + self.unhelpful

    @property
    def helpful_share(self) -> float:
        return self.helpful / self.votes if self.votes else 0.0


def tally(
    pairs: Iterable[tuple[str, bool]], limit: int = 10, costs: Mapping[str, float] | None = None
) -> tuple[VoteCount, ...]:
    """Counts per name, most votes first (with each name's cost when `costs` has it)."""
    up: Counter[str] = Counter()
    down: Counter[str] = Counter()
    for name, helpful in pairs:
        (up if helpful else down)[name or NO_TOPIC] += 1
    names = sorted(up.keys() | down.keys(), key=lambda n: (-(up[n] + down[n]), n))
    spent = costs or {}
    return tuple(VoteCount(n, up[n], down[n], spent.get(n, 0.0)) for n in names[:limit])


async def votes_since(
    store: Store, since: datetime
) -> tuple[tuple[VoteCount, ...], tuple[VoteCount, ...]]:
    """(per model, per topic) vote counts of the votes cast at or after `since`."""
    rows = await store.vote_rows(since)
    costs: defaultdict[str, float] = defaultdict(float)
    for topic, cost in await store.topic_costs(since):
        costs[topic or NO_TOPIC] += cost
    by_model = tally((model, helpful) for helpful, model, _ in rows)
    by_topic = tally(((topic, helpful) for helpful, _, topic in rows), costs=costs)
    return by_model, by_topic
