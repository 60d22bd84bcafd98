"""Each checked answer's grounding record (issue #29): its model, how many claims were checked
and held back, and which. One table, `grounding`, created when missing at open (no schema
number of its own, like the member columns), on SQLite and on PostgreSQL; what `/twin-health`
reads as invented claims per 100 answers per model across every instance.

    grounding(request_id TEXT PRIMARY KEY, at, model TEXT, claims INT, held INT, terms TEXT)

`terms` holds the held-back claims joined by " | " (model text, not the member's), or nothing
when the member's text is not kept.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import aiosqlite

from core.store.sqlite_rows import ts

if TYPE_CHECKING:
    from core.store.pg_schema import Conn

MIGRATION_LOCK = 0x7477696E_00000001  # core.store.pg_schema's migration lock (no import circle)

SQLITE_TABLE = """
CREATE TABLE IF NOT EXISTS grounding (
    request_id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    model TEXT NOT NULL,
    claims INTEGER NOT NULL,
    held INTEGER NOT NULL,
    terms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS grounding_at ON grounding(at);
"""
PG_TABLE = """
CREATE TABLE IF NOT EXISTS grounding (
    request_id TEXT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    model TEXT NOT NULL,
    claims INTEGER NOT NULL,
    held INTEGER NOT NULL,
    terms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS grounding_at ON grounding(at);
"""
_RATES = (
    "SELECT model, COUNT(*), COALESCE(SUM(held), 0) FROM grounding WHERE at >= {p} "
    "GROUP BY model ORDER BY model"
)


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


class SqliteGrounding:
    """The SQLite side; needs `self._db` and `self._errors()` (SqliteStore's)."""

    _db: aiosqlite.Connection

    def _errors(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError  # SqliteStore's

    async def ensure_grounding_table(self) -> None:
        await self._db.executescript(SQLITE_TABLE)

    async def record_grounding(self, row: GroundingRow) -> None:
        with self._errors():
            await self._db.execute(
                "INSERT OR REPLACE INTO grounding (request_id, at, model, claims, held, terms)"
                " VALUES (?,?,?,?,?,?)",
                (row.request_id, ts(row.at), row.model, row.claims, row.held, _join(row.terms)),
            )

    async def grounding_rates(self, since: datetime) -> list[ModelGroundingRate]:
        with self._errors():
            rows = await self._db.execute_fetchall(_RATES.format(p="?"), (ts(since),))
        return [ModelGroundingRate(str(m), int(n), int(h)) for m, n, h in rows]


class PgGrounding:
    """The PostgreSQL side; needs `self._conn(what)` (PostgresStore's)."""

    def _conn(self, what: str) -> contextlib.AbstractAsyncContextManager[Conn]:
        raise NotImplementedError  # PostgresStore's

    async def ensure_grounding_table(self) -> None:
        """Under the migration lock: instances starting at once create it once."""
        async with self._conn("create the grounding table") as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await conn.execute(PG_TABLE)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)

    async def record_grounding(self, row: GroundingRow) -> None:
        async with self._conn("record a grounding check") as conn:
            await conn.execute(
                "INSERT INTO grounding (request_id, at, model, claims, held, terms)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO UPDATE SET"
                " at = excluded.at, model = excluded.model, claims = excluded.claims,"
                " held = excluded.held, terms = excluded.terms",
                row.request_id,
                row.at,
                row.model,
                row.claims,
                row.held,
                _join(row.terms),
            )

    async def grounding_rates(self, since: datetime) -> list[ModelGroundingRate]:
        async with self._conn("read the grounding rates") as conn:
            rows = await conn.fetch(_RATES.format(p="$1"), since)
        return [ModelGroundingRate(str(r[0]), int(r[1]), int(r[2])) for r in rows]


def _join(terms: Sequence[str]) -> str:
    return " | ".join(t.replace("|", "/") for t in terms)
