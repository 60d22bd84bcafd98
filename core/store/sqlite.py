"""The SQLite store (aiosqlite, WAL): one database file shared by every process on a machine.

Every write is committed before the call returns (the writes issued in one turn of the event
loop share one transaction: `core.store.sqlite_batch`), so a process killed right after a reply
loses nothing it had recorded. Any SQLite failure at run time becomes `StoreUnavailable`
naming the file and the cause; at start-up, `StoreError`.
The ledger and rate windows are in `core.store.sqlite_ledger`; semantics in `core.store.base`.
"""

from __future__ import annotations

import functools
import inspect
import logging
import math
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self

import aiosqlite

from core.insight.alerts import Alert
from core.insight.reports import DayUsage, ModelUsage, PeriodUsage, UserUsage
from core.models.usage import Attempt, CallContext
from core.store import feedback_sql, sqlite_ledger, sqlite_reports
from core.store.grounding_records import SqliteGrounding
from core.store.privacy import MemberPrivacy
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
    StoredTurn,
    StoreError,
    StoreUnavailable,
    day_start,
    month_start,
    normalize_question,
)
from core.store.records_feedback import AnswerRecord, FeedbackRow
from core.store.sqlite_batch import WriteBatch
from core.store.sqlite_dashboard import DashboardTables
from core.store.sqlite_open import cause_of, check_path, prepare
from core.store.sqlite_owner import OwnerTables, VoteTables
from core.store.sqlite_rows import parse_ts, ts
from core.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

__all__ = [
    "SCHEMA_VERSION",
    "CachedAnswer",
    "GapRow",
    "QuestionRecord",
    "SqliteStore",
    "StoreError",
    "StoreUnavailable",
    "StoredTurn",
    "day_start",
    "month_start",
    "normalize_question",
    "parse_ts",
    "ts",
]


class SqliteStore(OwnerTables, VoteTables, DashboardTables, MemberPrivacy, SqliteGrounding):
    """All persistence of the twin in one file. `await SqliteStore.open(path)`; `close()`."""

    def __init__(self, db: aiosqlite.Connection, path: Path, busy_timeout_s: float) -> None:
        self._db = db
        self.path = path
        self.location = str(path)
        self._busy_timeout_s = busy_timeout_s
        self._closed = False
        self._batch = WriteBatch(db)  # writes of one loop turn: one transaction, one hop

    @classmethod
    async def open(
        cls, path: str | Path, *, busy_timeout_s: float = 5.0, max_size_mb: float = 0.0
    ) -> Self:
        """Open (creating and migrating as needed). Raises StoreError naming the file."""
        target = Path(path)
        if str(target) != ":memory:":
            check_path(target)
        try:
            # Autocommit: every statement is its own durable transaction, one thread hop each.
            db = await aiosqlite.connect(target, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"the database {target} {cause_of(exc, busy_timeout_s)}") from None
        store = cls(db, target, busy_timeout_s)
        try:
            await prepare(db, target, busy_timeout_s, max_size_mb)
            await store.ensure_dashboard_tables()
            await store.ensure_member_columns()
            await store.ensure_grounding_table()
        except sqlite3.Error as exc:
            await db.close()
            raise StoreError(f"the database {target} {cause_of(exc, busy_timeout_s)}") from None
        except StoreUnavailable as exc:
            await db.close()
            raise StoreError(exc.cause) from None
        except BaseException:
            await db.close()
            raise
        return store

    def _errors(self) -> _Translated:
        """`with self._errors():` turns an sqlite3 error into StoreUnavailable naming the file
        (a plain class, not @contextmanager: it runs for every statement)."""
        return _Translated(self)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._db.close()

    async def schema_version(self) -> int:
        rows = await self.fetch("SELECT value FROM meta WHERE key='schema_version'")
        return int(rows[0][0]) if rows else 0

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A raw read (SQLite-only tests and benchmarks; not part of the Store interface)."""
        with self._errors():
            # executed and read to the end in one hop: an open statement would hold back the
            # commit of other tasks' writes on this connection
            return [tuple(r) for r in await self._db.execute_fetchall(sql, params)]

    async def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """A write without RETURNING, committed (with the others of this loop turn) when this
        returns; its rowcount."""
        with self._errors():
            return await self._batch.write(sql, params)

    # --- the budget ledger -----------------------------------------------------------

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        with self._errors():
            return await sqlite_ledger.reserve(self._batch, request)

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        with self._errors():
            return await sqlite_ledger.top_up(self._batch, reservation, tokens, usd, caps, now)

    async def release(self, reservation: int) -> None:
        await self._write("DELETE FROM reservations WHERE id = ?", (reservation,))

    async def ledger(self, now: datetime, caps: BudgetCaps) -> LedgerView:
        with self._errors():
            return await sqlite_ledger.ledger(self._batch, now, caps)

    async def maintain(self, now: datetime) -> None:
        with self._errors():
            await sqlite_ledger.maintain(self._batch, now)

    async def rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        with self._errors():
            return await sqlite_ledger.rate_hit(self._batch, keys, now, window_s)

    async def record_attempt(self, attempt: Attempt) -> None:
        ctx = attempt.context
        await self._write(
            "INSERT INTO usage (at, request_id, platform, user_id, channel_id, model,"
            " prompt_tokens, completion_tokens, cost_usd, latency_ms, outcome, estimated,"
            " cached_input_tokens, reasoning_tokens, reservation, second)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ts(attempt.at),
                ctx.request_id,
                ctx.platform,
                ctx.user_id,
                ctx.channel_id,
                attempt.model,
                attempt.prompt_tokens,
                attempt.completion_tokens,
                attempt.cost_usd,
                attempt.latency_ms,
                attempt.outcome,
                int(attempt.estimated),
                attempt.cached_input_tokens,
                attempt.reasoning_tokens,
                ctx.reservation,
                math.floor(attempt.at.timestamp()),
            ),
        )

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        rows = await self.fetch(
            "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0), COALESCE(SUM(cost_usd), 0)"
            " FROM usage WHERE at >= ?",
            (ts(since),),
        )
        return int(rows[0][0]), float(rows[0][1])

    async def recent_attempts(self, per_model: int = 200) -> list[Attempt]:
        rows = await self.fetch(
            "SELECT at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
            " completion_tokens, cost_usd, latency_ms, outcome, estimated, cached_input_tokens,"
            " reasoning_tokens FROM ("
            "  SELECT *, ROW_NUMBER() OVER (PARTITION BY model ORDER BY id DESC) AS rn FROM usage"
            ") WHERE rn <= ? ORDER BY id",
            (per_model,),
        )
        return [
            Attempt(
                at=parse_ts(r[0]),
                context=CallContext(request_id=r[1], platform=r[2], user_id=r[3], channel_id=r[4]),
                model=r[5],
                prompt_tokens=r[6],
                completion_tokens=r[7],
                cost_usd=r[8],
                latency_ms=r[9],
                outcome=r[10],
                estimated=bool(r[11]),
                cached_input_tokens=r[12],
                reasoning_tokens=r[13],
            )
            for r in rows
        ]

    # --- once-only keys --------------------------------------------------------------

    async def claim(self, key: str, now: datetime) -> bool:
        return (
            await self._write("INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, ts(now)))
            == 1
        )

    async def claim_alert(self, key: str) -> bool:
        return await self.claim(f"alert:{key}", datetime.now(UTC))

    # --- questions, turns, gaps ------------------------------------------------------

    async def record_question(self, record: QuestionRecord) -> None:
        await self._write(
            "INSERT INTO questions (at, request_id, platform, user_id, channel_id, outcome, model,"
            " tokens, cost_usd, saved_usd, latency_ms, question, answer)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ts(record.at),
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
                record.question,
                record.answer,
            ),
        )

    async def add_turns(
        self,
        conversation: str,
        turns: Iterable[StoredTurn],
        at: datetime,
        *,
        platform: str = "",
        user_id: str = "",
    ) -> None:
        """Append turns; `platform` and `user_id` name the member they belong to (the asker,
        for the answer too), so `forget_member` can find them."""
        # One multi-row statement: atomic, one round trip.
        rows = [(conversation, ts(at), t.role, t.text, platform, user_id) for t in turns]
        if not rows:
            return
        values = ",".join("(?,?,?,?,?,?)" for _ in rows)
        await self._write(
            f"INSERT INTO turns (conversation, at, role, text, platform, user_id) VALUES {values}",
            [v for row in rows for v in row],
        )

    async def last_turns(
        self, conversation: str, limit: int, since: datetime | None = None
    ) -> list[StoredTurn]:
        if limit <= 0:
            return []
        rows = await self.fetch(
            "SELECT role, text FROM turns WHERE conversation = ? AND at >= ?"
            " ORDER BY id DESC LIMIT ?",
            (conversation, ts(since) if since else "", limit),
        )
        return [StoredTurn(role=r[0], text=r[1]) for r in reversed(rows)]

    async def heartbeat(self, writer: str, now: datetime, within: timedelta) -> int:
        with self._errors():  # one statement: it rides along with the loop turn's writes
            rows = await self._batch.fetch(
                "INSERT INTO processes (writer, seen_at) VALUES (?, ?)"
                " ON CONFLICT(writer) DO UPDATE SET seen_at = excluded.seen_at"
                " RETURNING (SELECT COUNT(*) FROM processes WHERE writer != ? AND seen_at >= ?)",
                (writer, ts(now), writer, ts(now - within)),
            )
        return int(rows[0][0])

    async def conversations_since(self, since: datetime) -> set[str]:
        rows = await self.fetch(
            "SELECT DISTINCT conversation FROM turns WHERE at >= ?", (ts(since),)
        )
        return {r[0] for r in rows}

    async def has_turns(self, conversation: str) -> bool:
        rows = await self.fetch(
            "SELECT 1 FROM turns WHERE conversation = ? LIMIT 1", (conversation,)
        )
        return bool(rows)

    async def add_gap(self, at: datetime, platform: str, user_id: str, question: str) -> None:
        await self._write(
            "INSERT INTO gaps (at, platform, user_id, question, normalized) VALUES (?,?,?,?,?)",
            (ts(at), platform, user_id, question, normalize_question(question)),
        )

    async def gaps(self, since: datetime | None = None, limit: int = 1000) -> list[GapRow]:
        rows = await self.fetch(
            "SELECT at, question, normalized FROM gaps WHERE at >= ? ORDER BY id DESC LIMIT ?",
            (ts(since) if since else "", limit),
        )
        return [GapRow(at=parse_ts(r[0]), question=r[1], normalized=r[2]) for r in rows]

    # --- the answer cache ------------------------------------------------------------

    async def cache_get(
        self, key: str, fingerprint: str, max_age: timedelta, now: datetime
    ) -> CachedAnswer | None:
        rows = await self.fetch(
            "SELECT answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE key = ? AND fingerprint = ? AND created_at >= ?",
            (key, fingerprint, ts(now - max_age)),
        )
        if not rows:
            return None
        r = rows[0]
        return CachedAnswer(r[0], r[1], r[2], r[3], parse_ts(r[4]))

    async def cache_put(self, key: str, fingerprint: str, answer: CachedAnswer) -> None:
        await self._write(
            "INSERT OR REPLACE INTO cache VALUES (?,?,?,?,?,?,?)",
            (
                key,
                fingerprint,
                answer.answer,
                answer.model,
                answer.tokens,
                answer.cost_usd,
                ts(answer.created_at),
            ),
        )

    async def cache_entries(
        self, fingerprint: str, since: datetime
    ) -> list[tuple[str, CachedAnswer]]:
        rows = await self.fetch(
            "SELECT key, answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE fingerprint = ? AND created_at >= ? ORDER BY created_at",
            (fingerprint, ts(since)),
        )
        return [(r[0], CachedAnswer(r[1], r[2], r[3], r[4], parse_ts(r[5]))) for r in rows]

    async def cache_purge(self, fingerprint: str) -> int:
        return await self._write("DELETE FROM cache WHERE fingerprint != ?", (fingerprint,))

    # --- model health and reports (SQL in core/store/sqlite_reports.py) --------------

    async def health_put(self, snapshots: Sequence[HealthSnapshot]) -> None:
        with self._errors():
            await sqlite_reports.health_put(self._db, snapshots)

    async def health_all(self) -> list[HealthSnapshot]:
        return sqlite_reports.health_rows(
            await self.fetch("SELECT * FROM model_health ORDER BY model")
        )

    async def period_usage(self, label: str, since: datetime) -> PeriodUsage:
        return await sqlite_reports.period_usage(self.fetch, label, since)

    async def model_usage(self, since: datetime) -> list[ModelUsage]:
        return await sqlite_reports.model_usage(self.fetch, since)

    async def top_users(self, since: datetime, limit: int = 5) -> list[UserUsage]:
        return await sqlite_reports.top_users(self.fetch, since, limit)

    async def day_usage(self, first: datetime, days: int) -> list[DayUsage]:
        return await sqlite_reports.day_usage(self.fetch, first, days)

    # --- feedback (SQL in core/store/feedback_sql.py) and the dashboard's tables -----

    async def record_feedback(self, row: FeedbackRow) -> bool | None:
        """Store a member's vote (the last click wins); return their previous vote or None."""
        with self._errors():
            return await feedback_sql.upsert_vote(self._db, row)

    async def feedback_for(self, answer_id: str) -> list[FeedbackRow]:
        with self._errors():
            return await feedback_sql.votes_for(self._db, answer_id)

    async def feedback_since(self, since: datetime) -> list[FeedbackRow]:
        with self._errors():
            return await feedback_sql.votes_since(self._db, since)

    async def answer_record(self, answer_id: str) -> AnswerRecord | None:
        with self._errors():
            return await feedback_sql.answer_record(self._db, answer_id)

    async def record_alert(self, alert: Alert) -> None:
        """Keep a published alert for the history; best effort (an alert that the store is
        full cannot be kept in it: one log line, no traceback)."""
        try:
            with self._errors():
                await super().record_alert(alert)
        except StoreUnavailable as exc:
            log.warning("alert %s not kept in the history: %s", alert.key, exc.cause)


class _Translated:
    __slots__ = ("_store",)

    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        if isinstance(exc, sqlite3.Error):
            cause = cause_of(exc, self._store._busy_timeout_s)
            raise StoreUnavailable(f"the database {self._store.path} {cause}") from None


def _translating(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def run(self: SqliteStore, *args: Any, **kwargs: Any) -> Any:
        with self._errors():
            return await method(self, *args, **kwargs)

    return run


# The owner, vote, dashboard and members'-privacy mixins run their own SQL: their failures become
# StoreUnavailable too (never a driver exception), like every method above.
for _mixin in (OwnerTables, VoteTables, DashboardTables, MemberPrivacy):
    for _name, _method in vars(_mixin).items():
        public = not _name.startswith("_") and _name not in vars(SqliteStore)
        if public and inspect.iscoroutinefunction(_method):
            setattr(SqliteStore, _name, _translating(_method))

# Names other branches import (kept so their merges stay easy): the class and its migrations.
Store = SqliteStore
_MIGRATIONS = MIGRATIONS
