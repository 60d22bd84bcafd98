"""PostgreSQL storage (asyncpg, a connection pool): the store several twin processes share.

Selected by `TWIN_DATABASE_URL=postgresql://...`. Same interface, schema and queries as the SQLite
store (`core.store.base.Store`); here are the executor, opening and the ledger: the
reserve-and-check and the rate windows check-and-write inside one transaction holding an
advisory lock (`core.store.pg_ledger`), so processes on any number of machines never pass a cap
together. Any driver failure at run time (server gone, connection cut, timeout) is a
`StoreUnavailable` naming the server, never the password; the pool drops its connections then,
so the store recovers by itself when the server is back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import asyncpg

from core.store.base import Store
from core.store.dialect import POSTGRES
from core.store.executor import Executor, Row
from core.store.inbox import InboxEntry
from core.store.ledger import granted, reserve_arguments, top_up_arguments
from core.store.pg_batch import StatementBatch
from core.store.pg_schema import (
    Conn,
    connect_error,
    create_pool,
    describe,
    migrate,
    server_reason,
)
from core.store.records import (
    BudgetCaps,
    Denial,
    Grant,
    LedgerView,
    RateKey,
    ReserveRequest,
    StoreError,
    StoreUnavailable,
)
from core.store.urls import DatabaseUrl

_LOST = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,  # 57P01 admin shutdown, 57P03 cannot connect now
)


# The event claimed (`seen`) and written to the inbox in one statement, or neither.
_ACCEPT = """
WITH claimed AS (
  INSERT INTO seen (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key
)
INSERT INTO inbox (key, at, owner, platform, user_id, payload, taken)
SELECT key, $2, $3, $4, $5, $6, 0 FROM claimed
RETURNING 1
"""


# The ledger functions (`core.store.pg_ledger`: lock, check and write), one round trip each.
_RESERVE = "SELECT * FROM twin_reserve(" + ", ".join("?" * 14) + ")"
_TOP_UP = "SELECT twin_top_up(" + ", ".join("?" * 10) + ")"
_RATE_HIT = "SELECT o_key, o_wait FROM twin_rate_hit(?::text[], ?::bigint[], ?, ?)"

# `twin_rate_hit`, then `twin_reserve` only when the request was counted (the OFFSET keeps the
# subquery whole, so its condition gates the call): one statement, one transaction.
_ADMIT_AND_RESERVE = (
    "SELECT r.o_key, r.o_wait, v.* FROM twin_rate_hit(?::text[], ?::bigint[], ?, ?) r"
    f" LEFT JOIN LATERAL ({_RESERVE} WHERE r.o_key IS NULL OFFSET 0) v ON TRUE"
)


def _reserved(request: ReserveRequest, row: Row) -> Grant | Denial:
    """The `Grant` or `Denial` a `twin_reserve` row says."""
    return Denial(LedgerView.from_row(row[3:])) if row[0] is None else granted(request, row)


def _changed(status: str) -> int:
    """The row count of a command tag ("UPDATE 1", "INSERT 0 1"; 0 for a SELECT)."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() and not status.startswith("SELECT") else 0


class _OnConnection(Executor):
    """The executor on one connection inside a transaction (`PostgresStore._transaction`)."""

    dialect = POSTGRES

    def __init__(self, conn: Conn, location: str) -> None:
        self._conn_ = conn
        self.location = location

    async def _run(self, what: str, sql: str, *params: Any) -> int:
        return _changed(await self._conn_.execute(self.dialect.sql(sql), *params))

    async def _rows(self, what: str, sql: str, *params: Any) -> list[Row]:
        return list(await self._conn_.fetch(self.dialect.sql(sql), *params))


class PostgresStore(Store):
    """All persistence of the twin on one PostgreSQL database. Open with `await open(url)`."""

    dialect = POSTGRES

    def __init__(self, pool: asyncpg.Pool, url: DatabaseUrl) -> None:
        self._pool = pool
        self.url = url
        self.location = describe(url)
        self._closed = False
        self._batch = StatementBatch(self._alone, self._counts)  # inserts of one loop turn

    @classmethod
    async def open(cls, url: DatabaseUrl, max_connections: int = 10) -> PostgresStore:
        """Connect and migrate; `StoreError` (naming host and database) when that fails."""
        pool = await create_pool(url, max_connections)
        try:
            await migrate(pool, url)
        except asyncpg.PostgresError as exc:  # e.g. 42501: no right to create tables there
            await pool.close()
            raise StoreError(
                f"{describe(url)}: cannot create or upgrade the twin's tables "
                f"({server_reason(exc)}); the user needs CREATE on the database's schema "
                "(make it the database's owner)"
            ) from None
        except (OSError, TimeoutError, asyncpg.InterfaceError) as exc:
            await pool.close()
            raise connect_error(url, exc) from None
        except BaseException:
            await pool.close()
            raise
        return cls(pool, url)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._pool.close()

    @contextlib.asynccontextmanager
    async def _conn(self, what: str) -> AsyncIterator[Conn]:
        """A pooled connection; any driver failure becomes `StoreUnavailable`."""
        try:
            async with self._pool.acquire() as conn:
                yield conn
        except StoreUnavailable:
            raise
        except _LOST as exc:
            await self._pool.expire_connections()  # reconnect afresh once the server is back
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise StoreUnavailable(f"{self.location}: cannot {what} ({reason})") from None
        except asyncpg.PostgresError as exc:
            raise StoreUnavailable(
                f"{self.location}: cannot {what} ({server_reason(exc)})"
            ) from None

    # --- the executor (core.store.sql) ---------------------------------------------------

    async def _run(self, what: str, sql: str, *params: Any) -> int:
        """A write, committed when this returns: the inserts of this loop turn in one
        statement (`core.store.pg_batch`), anything else alone."""
        return await self._batch.write(what, self.dialect.sql(sql), params)

    async def _alone(self, what: str, sql: str, params: Sequence[Any]) -> int:
        async with self._conn(what) as conn:
            return _changed(await conn.execute(sql, *params))

    async def _counts(self, what: str, sql: str, params: Sequence[Any]) -> list[int]:
        async with self._conn(what) as conn:
            row = await conn.fetchrow(sql, *params)
        assert row is not None
        return [int(n) for n in row]

    async def _rows(self, what: str, sql: str, *params: Any) -> list[Row]:
        async with self._conn(what) as conn:
            return list(await conn.fetch(self.dialect.sql(sql), *params))

    @contextlib.asynccontextmanager
    async def _transaction(self, what: str) -> AsyncIterator[Executor]:
        async with self._conn(what) as conn, conn.transaction():
            yield _OnConnection(conn, self.location)

    # --- the budget ledger (core.store.pg_ledger) ----------------------------------------

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        row = await self._one(
            "reserve budget", _RESERVE, *reserve_arguments(request, POSTGRES).values()
        )
        assert row is not None
        return _reserved(request, row)

    async def _admit_and_reserve(
        self, keys: Sequence[RateKey], now: float, window_s: float, request: ReserveRequest
    ) -> tuple[tuple[str, float] | None, Grant | Denial | None]:
        rate = ([k.key for k in keys], [k.limit for k in keys], now, window_s)
        arguments = reserve_arguments(request, POSTGRES).values()
        row = await self._one(
            "count a request and reserve budget", _ADMIT_AND_RESERVE, *rate, *arguments
        )
        assert row is not None
        if row[0] is not None:
            return (str(row[0]), float(row[1])), None
        return None, _reserved(request, tuple(row[2:]))

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        arguments = top_up_arguments(reservation, tokens, usd, caps, now, POSTGRES).values()
        return bool(await self._count("top up a reservation", _TOP_UP, *arguments))

    async def accept(self, entry: InboxEntry) -> bool:
        return await self._one("accept a question", _ACCEPT, *entry.row(entry.at)) is not None

    async def _rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        args = ([k.key for k in keys], [k.limit for k in keys], now, window_s)
        row = await self._one("count a request", _RATE_HIT, *args)
        if row is None or row[0] is None:
            return None
        return str(row[0]), float(row[1])
