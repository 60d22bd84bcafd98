"""Each checked answer's grounding record (issue #29): its model, how many claims were checked
and held back, and which; what `/twin-health` reads as invented claims per 100 answers per
model across every instance. The `grounding` table is declared in `core.store.schema`; these
queries run on both backends through the executor.

`terms` holds the held-back claims joined by " | " (model text, not the member's), or nothing
when the member's text is not kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.store.executor import Executor


@dataclass(frozen=True)
class GroundingRow:
    """One checked answer."""

    request_id: str
    at: datetime
    model: str
    claims: int  # claims checked
    held: int  # claims held back
    terms: tuple[str, ...] = ()  # which (empty when the member's text is not kept)


@dataclass(frozen=True)
class ModelGroundingRate:
    """Checked answers and held-back claims of one model since a time."""

    model: str
    answers: int
    held: int


class GroundingQueries(Executor):
    """The grounding records, for both backends."""

    async def record_grounding(self, row: GroundingRow) -> None:
        """Keep one checked answer's record (a second check of the same request replaces it)."""
        await self._run(
            "record a grounding check",
            "INSERT INTO grounding (request_id, at, model, claims, held, terms)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT (request_id) DO UPDATE SET"
            " at = excluded.at, model = excluded.model, claims = excluded.claims,"
            " held = excluded.held, terms = excluded.terms",
            row.request_id,
            self.dialect.time(row.at),
            row.model,
            row.claims,
            row.held,
            _join(row.terms),
        )

    async def grounding_rates(self, since: datetime) -> list[ModelGroundingRate]:
        """Checked answers and held-back claims per model since `since`, by model name."""
        rows = await self._rows(
            "read the grounding rates",
            "SELECT model, COUNT(*), COALESCE(SUM(held), 0) FROM grounding WHERE at >= ?"
            " GROUP BY model ORDER BY model",
            self.dialect.time(since),
        )
        return [ModelGroundingRate(str(m), int(n), int(h)) for m, n, h in rows]


def _join(terms: Sequence[str]) -> str:
    return " | ".join(t.replace("|", "/") for t in terms)
