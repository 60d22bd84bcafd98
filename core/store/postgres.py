"""PostgreSQL storage (asyncpg, a connection pool): the store several twin processes share.

Selected by `TWIN_DATABASE_URL=postgresql://...`. Same interface and rules as the SQLite store
(`core.store.base.Store`): every write is committed before its coroutine returns; the ledger and
the rate windows check-and-write inside one transaction holding an advisory lock, so processes on
any number of machines never pass a cap together. Any driver failure at run time (server gone,
connection cut, timeout) is a `StoreUnavailable` naming the server, never the password; the pool
drops its connections then, so the store recovers by itself when the server is back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from core.clock import utc_now
from core.insight.reports import DayUsage, ModelUsage, PeriodUsage, UserUsage
from core.models.usage import Attempt, CallContext
from core.store import pg_compat, pg_ledger, pg_reports
from core.store.grounding_records import PgGrounding
from core.store.ledger_math import top_up_fits
from core.store.pg_extras import FeedbackAndDashboard
from core.store.pg_owner import OwnerAndVotes
from core.store.pg_privacy import MemberPrivacy
from core.store.pg_schema import (
    LEDGER_LOCK,
    Conn,
    connect_error,
    create_pool,
    describe,
    migrate,
    read_version,
    server_reason,
)
from core.store.pg_turns import ConversationTurns
from core.store.records import (
    BudgetCaps,
    CachedAnswer,
    Denial,
    GapRow,
    Grant,
    HealthSnapshot,
    LedgerView,
    QuestionRecord,
    RateKey,
    ReserveRequest,
    StoreError,
    StoreUnavailable,
    day_start,
    month_start,
    normalize_question,
)
from core.store.urls import DatabaseUrl

_LOST = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,  # 57P01 admin shutdown, 57P03 cannot connect now
)


class PostgresStore(
    ConversationTurns, FeedbackAndDashboard, OwnerAndVotes, MemberPrivacy, PgGrounding
):
    """All persistence of the twin on one PostgreSQL database. Open with `await open(url)`."""

    def __init__(self, pool: asyncpg.Pool, url: DatabaseUrl) -> None:
        self._pool = pool
        self.url = url
        self.location = describe(url)
        self._closed = False

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
        store = cls(pool, url)
        try:
            await store.ensure_grounding_table()
        except BaseException:
            await pool.close()
            raise
        return store

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

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A raw read in SQLite's dialect, carried over by `pg_compat` (the dashboard's history)."""
        query, values = pg_compat.translate(sql, params)
        async with self._conn("read") as conn:
            rows = await conn.fetch(query, *values)
        return [pg_compat.as_sqlite_row(r) for r in rows]

    async def schema_version(self) -> int:
        async with self._conn("read the schema version") as conn:
            return await read_version(conn)

    # --- the budget ledger -------------------------------------------------------------------

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        caps, now = request.caps, request.now
        async with self._conn("reserve budget") as conn:
            row = await conn.fetchrow(
                "SELECT * FROM twin_reserve($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
                now,
                day_start(now).date(),
                month_start(now).date(),
                request.prompt_tokens,
                request.max_tokens,
                request.min_tokens,
                request.input_usd,
                request.output_usd,
                caps.daily_tokens,
                caps.monthly_usd,
                caps.tokens_per_minute,
                request.expires_at,
                request.owner,
            )
        assert row is not None
        view = LedgerView(
            day_tokens=int(row["day_tokens"]),
            month_usd=float(row["month_usd"]),
            held_tokens=int(row["held_tokens"]),
            held_usd=float(row["held_usd"]),
            minute_tokens=int(row["minute_tokens"]),
            open_reservations=int(row["open_count"]),
        )
        if row["granted"] is None:
            return Denial(view)
        answer = int(row["answer"])
        return Grant(
            id=int(row["granted"]),
            max_tokens=answer,
            tokens=request.prompt_tokens + answer,
            usd=request.prompt_tokens * request.input_usd + answer * request.output_usd,
            day_tokens=view.day_tokens,
            month_usd=view.month_usd,
        )

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        async with self._conn("top up a reservation") as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", LEDGER_LOCK)
            row = await conn.fetchrow(
                "SELECT tokens, usd FROM reservations WHERE id = $1 AND expires_at > $2",
                reservation,
                now,
            )
            if row is None:
                return False
            more_tokens = max(0, tokens - int(row[0]))
            more_usd = max(0.0, usd - float(row[1]))
            if more_tokens == 0 and more_usd == 0:
                return True
            view = await pg_ledger.view(conn, now)
            if not top_up_fits(view, caps, int(row[0]), more_tokens, more_usd):
                return False
            await conn.execute(
                "UPDATE reservations SET tokens = tokens + $2, usd = usd + $3 WHERE id = $1",
                reservation,
                more_tokens,
                more_usd,
            )
        return True

    async def release(self, reservation: int) -> None:
        async with self._conn("release a reservation") as conn:
            await conn.execute("DELETE FROM reservations WHERE id = $1", reservation)

    async def ledger(self, now: datetime, caps: BudgetCaps) -> LedgerView:
        async with self._conn("read the budget ledger") as conn:
            return await pg_ledger.view(conn, now)

    async def record_attempt(self, attempt: Attempt) -> None:
        async with self._conn("record usage") as conn:
            await pg_ledger.record_attempt(conn, attempt)

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        async with self._conn("read usage") as conn:
            row = await conn.fetchrow(
                "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0),"
                " COALESCE(SUM(cost_usd), 0) FROM usage WHERE at >= $1",
                since,
            )
        assert row is not None
        return int(row[0]), float(row[1])

    async def recent_attempts(self, per_model: int = 200) -> list[Attempt]:
        async with self._conn("read recent attempts") as conn:
            rows = await conn.fetch(
                "SELECT at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
                " completion_tokens, cost_usd, latency_ms, outcome, estimated, reservation,"
                " cached_input_tokens, reasoning_tokens FROM ("
                "  SELECT *, ROW_NUMBER() OVER (PARTITION BY model ORDER BY id DESC) AS rn"
                "  FROM usage) u WHERE rn <= $1 ORDER BY id",
                per_model,
            )
        return [
            Attempt(
                at=r[0],
                context=CallContext(
                    request_id=r[1], platform=r[2], user_id=r[3], channel_id=r[4], reservation=r[12]
                ),
                model=r[5],
                prompt_tokens=int(r[6]),
                completion_tokens=int(r[7]),
                cost_usd=float(r[8]),
                latency_ms=float(r[9]),
                outcome=r[10],
                estimated=bool(r[11]),
                cached_input_tokens=int(r[13]),
                reasoning_tokens=int(r[14]),
            )
            for r in rows
        ]

    async def maintain(self, now: datetime) -> None:
        async with self._conn("tidy the ledger") as conn:
            await conn.execute("DELETE FROM reservations WHERE expires_at <= $1", now)
            await conn.execute("DELETE FROM rate_hits WHERE at < $1", now.timestamp() - 3600)

    # --- rate windows ------------------------------------------------------------------------

    async def rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        counted = [k for k in keys if k.limit > 0]
        if not counted:
            return None
        async with self._conn("count a request") as conn:
            row = await conn.fetchrow(
                "SELECT full_key, wait FROM twin_rate_hit($1::text[], $2::int[], $3, $4)",
                [k.key for k in counted],
                [k.limit for k in counted],
                now,
                window_s,
            )
        if row is None or row["full_key"] is None:
            return None
        return str(row["full_key"]), max(1e-6, float(row["wait"]))

    # --- once-only keys ----------------------------------------------------------------------

    async def claim(self, key: str, now: datetime) -> bool:
        async with self._conn("claim a key") as conn:
            status = await conn.execute(
                "INSERT INTO seen (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", key, now
            )
        return bool(status.endswith(" 1"))

    async def claim_alert(self, key: str) -> bool:
        return await self.claim(f"alert:{key}", utc_now())

    # --- questions, turns, gaps --------------------------------------------------------------

    async def record_question(self, record: QuestionRecord) -> None:
        async with self._conn("record a question") as conn:
            await conn.execute(
                "INSERT INTO questions (at, request_id, platform, user_id, channel_id, outcome,"
                " model, tokens, cost_usd, saved_usd, latency_ms, question, answer)"
                " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
                record.at,
                record.request_id,
                record.platform,
                record.user_id,
                record.channel_id,
                record.outcome,
                record.model,
                record.tokens,
                record.cost_usd,
                record.saved_usd,
                record.latency_ms,
                str(getattr(record, "question", "")),  # the feedback fields (issue #18)
                str(getattr(record, "answer", "")),
            )

    async def add_gap(self, at: datetime, platform: str, user_id: str, question: str) -> None:
        async with self._conn("record a gap") as conn:
            await conn.execute(
                "INSERT INTO gaps (at, platform, user_id, question, normalized)"
                " VALUES ($1,$2,$3,$4,$5)",
                at,
                platform,
                user_id,
                question,
                normalize_question(question),
            )

    async def gaps(self, since: datetime | None = None, limit: int = 1000) -> list[GapRow]:
        async with self._conn("read gaps") as conn:
            rows = await conn.fetch(
                "SELECT at, question, normalized FROM gaps"
                " WHERE $1::timestamptz IS NULL OR at >= $1 ORDER BY id DESC LIMIT $2",
                since,
                limit,
            )
        return [GapRow(at=r[0], question=r[1], normalized=r[2]) for r in rows]

    # --- the answer cache --------------------------------------------------------------------

    async def cache_get(
        self, key: str, fingerprint: str, max_age: timedelta, now: datetime
    ) -> CachedAnswer | None:
        async with self._conn("read the answer cache") as conn:
            row = await conn.fetchrow(
                "SELECT answer, model, tokens, cost_usd, created_at FROM cache"
                " WHERE key = $1 AND fingerprint = $2 AND created_at >= $3",
                key,
                fingerprint,
                now - max_age,
            )
        if row is None:
            return None
        return CachedAnswer(row[0], row[1], int(row[2]), float(row[3]), row[4])

    async def cache_put(self, key: str, fingerprint: str, answer: CachedAnswer) -> None:
        async with self._conn("write the answer cache") as conn:
            await conn.execute(
                "INSERT INTO cache VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (key) DO UPDATE SET"
                " fingerprint = EXCLUDED.fingerprint, answer = EXCLUDED.answer,"
                " model = EXCLUDED.model, tokens = EXCLUDED.tokens,"
                " cost_usd = EXCLUDED.cost_usd, created_at = EXCLUDED.created_at",
                key,
                fingerprint,
                answer.answer,
                answer.model,
                answer.tokens,
                answer.cost_usd,
                answer.created_at,
            )

    async def cache_entries(
        self, fingerprint: str, since: datetime
    ) -> list[tuple[str, CachedAnswer]]:
        async with self._conn("read the answer cache") as conn:
            rows = await conn.fetch(
                "SELECT key, answer, model, tokens, cost_usd, created_at FROM cache"
                " WHERE fingerprint = $1 AND created_at >= $2 ORDER BY created_at, key",
                fingerprint,
                since,
            )
        return [(r[0], CachedAnswer(r[1], r[2], int(r[3]), float(r[4]), r[5])) for r in rows]

    async def cache_purge(self, fingerprint: str) -> int:
        async with self._conn("purge the answer cache") as conn:
            status = await conn.execute("DELETE FROM cache WHERE fingerprint <> $1", fingerprint)
        return int(status.split()[-1])

    # --- model health ------------------------------------------------------------------------

    async def health_put(self, snapshots: Sequence[HealthSnapshot]) -> None:
        if snapshots:
            async with self._conn("write model health") as conn:
                await pg_reports.health_put(conn, snapshots)

    async def health_all(self) -> list[HealthSnapshot]:
        async with self._conn("read model health") as conn:
            return await pg_reports.health_all(conn)

    # --- reports -----------------------------------------------------------------------------

    async def period_usage(self, label: str, since: datetime) -> PeriodUsage:
        async with self._conn("read usage") as conn:
            return await pg_reports.period_usage(conn, label, since)

    async def model_usage(self, since: datetime) -> list[ModelUsage]:
        async with self._conn("read usage") as conn:
            return await pg_reports.model_usage(conn, since)

    async def top_users(self, since: datetime, limit: int = 5) -> list[UserUsage]:
        async with self._conn("read usage") as conn:
            return await pg_reports.top_users(conn, since, limit)

    async def day_usage(self, first: datetime, days: int) -> list[DayUsage]:
        async with self._conn("read usage") as conn:
            return await pg_reports.day_usage(conn, first, days)
