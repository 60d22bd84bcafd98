"""SQLite storage (aiosqlite, WAL): usage, questions, conversations, gaps, cache, dedupe keys.

One database file. Every write is committed before the call returns, so a process killed
right after a reply loses nothing it had recorded. The schema carries a version and is
migrated forward on open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from core.models.usage import Attempt, CallContext
from core.store import feedback_sql
from core.store.privacy import Forgotten, MemberPrivacy, Purged
from core.store.records_feedback import AnswerRecord, FeedbackRow
from core.store.sqlite_dashboard import DashboardTables
from core.store.sqlite_owner import MIGRATION_OWNER, OwnerTables, VoteTables

__all__ = ["Forgotten", "Purged", "Store"]  # the privacy results are part of the store's surface

SCHEMA_VERSION = 4

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        request_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cost_usd REAL NOT NULL,
        latency_ms REAL NOT NULL,
        outcome TEXT NOT NULL,
        estimated INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX usage_at ON usage(at);
    CREATE INDEX usage_model ON usage(model, id);
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        request_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        model TEXT,
        tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd REAL NOT NULL DEFAULT 0,
        saved_usd REAL NOT NULL DEFAULT 0,
        latency_ms REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX questions_at ON questions(at);
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        conversation TEXT NOT NULL,
        at TEXT NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX turns_conversation ON turns(conversation, id);
    CREATE TABLE gaps (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL
    );
    CREATE INDEX gaps_at ON gaps(at);
    CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        answer TEXT NOT NULL,
        model TEXT NOT NULL,
        tokens INTEGER NOT NULL,
        cost_usd REAL NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE seen (
        key TEXT PRIMARY KEY,
        at TEXT NOT NULL
    );
    """,
    2: feedback_sql.MIGRATION,  # question/answer text on questions; the feedback votes
    # Groq's usage details: prompt tokens served from its prefix cache (billed at half price)
    # and completion tokens spent reasoning. Additive: older rows read as 0.
    3: """
    ALTER TABLE usage ADD COLUMN cached_input_tokens INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE usage ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
    """,
    4: MIGRATION_OWNER,  # the owner loop: gap groups, cards, answer sources (sqlite_owner)
}

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def ts(at: datetime) -> str:
    """A UTC timestamp as sortable text (fixed width, so text order is time order)."""
    return at.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_ts(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


def day_start(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def month_start(at: datetime) -> datetime:
    return day_start(at).replace(day=1)


def normalize_question(text: str) -> str:
    """Lowercase words only: how questions are compared for the cache and gap grouping."""
    return " ".join(re.findall(r"\w+", text.casefold()))


@dataclass(frozen=True)
class QuestionRecord:
    """One row per question asked, however it ended."""

    at: datetime
    request_id: str
    platform: str
    user_id: str
    channel_id: str
    outcome: str  # answered | degraded | cached | rate_limited | budget | failed | empty
    model: str | None = None
    tokens: int = 0
    cost_usd: float = 0.0
    saved_usd: float = 0.0
    latency_ms: float = 0.0
    question: str = ""  # the text asked (kept with the answer, for feedback)
    answer: str = ""  # the text answered ("" when none was given)


@dataclass(frozen=True)
class StoredTurn:
    role: str
    text: str


@dataclass(frozen=True)
class CachedAnswer:
    answer: str
    model: str
    tokens: int
    cost_usd: float
    created_at: datetime


@dataclass(frozen=True)
class GapRow:
    at: datetime
    question: str
    normalized: str


class StoreError(Exception):
    """The database cannot be opened or is from a newer version of twin."""


class Store(OwnerTables, VoteTables, DashboardTables, MemberPrivacy):
    """All persistence of the twin. Open with `await Store.open(path)`; close with `close()`."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        target = Path(path)
        if str(target) != ":memory:":
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit: every statement is its own durable transaction, one thread hop each.
            db = await aiosqlite.connect(target, isolation_level=None)
        except Exception as exc:  # sqlite3.OperationalError and friends
            raise StoreError(f"cannot open the database {target}: {exc}") from None
        store = cls(db, target)
        try:
            await store._prepare()
        except BaseException:
            await db.close()
            raise
        return store

    async def _prepare(self) -> None:
        db = self._db
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute("PRAGMA busy_timeout=5000")
        await db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        async with db.execute("SELECT value FROM meta WHERE key='schema_version'") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this twin knows up to "
                f"{SCHEMA_VERSION}. Upgrade twin or point [storage] path at another file."
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            await db.executescript(
                "BEGIN;"
                + _MIGRATIONS[target]
                + f"INSERT OR REPLACE INTO meta VALUES ('schema_version', '{target}');COMMIT;"
            )
        await self.ensure_dashboard_tables()
        await self.ensure_member_columns()

    async def close(self) -> None:
        await self._db.close()

    async def schema_version(self) -> int:
        async with self._db.execute("SELECT value FROM meta WHERE key='schema_version'") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    # --- usage -----------------------------------------------------------------------

    async def record_attempt(self, attempt: Attempt) -> None:
        ctx = attempt.context
        await self._db.execute(
            "INSERT INTO usage (at, request_id, platform, user_id, channel_id, model,"
            " prompt_tokens, completion_tokens, cost_usd, latency_ms, outcome, estimated,"
            " cached_input_tokens, reasoning_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            ),
        )

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        """Tokens and dollars of every attempt at or after `since`."""
        async with self._db.execute(
            "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0), COALESCE(SUM(cost_usd), 0)"
            " FROM usage WHERE at >= ?",
            (ts(since),),
        ) as cur:
            row = await cur.fetchone()
        assert row is not None
        return int(row[0]), float(row[1])

    async def recent_attempts(self, per_model: int = 200) -> list[Attempt]:
        """The latest attempts of each model, oldest first: to rebuild model health at start."""
        async with self._db.execute(
            "SELECT at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
            " completion_tokens, cost_usd, latency_ms, outcome, estimated, cached_input_tokens,"
            " reasoning_tokens FROM ("
            "  SELECT *, ROW_NUMBER() OVER (PARTITION BY model ORDER BY id DESC) AS rn FROM usage"
            ") WHERE rn <= ? ORDER BY id",
            (per_model,),
        ) as cur:
            rows = await cur.fetchall()
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

    async def record_question(self, record: QuestionRecord) -> None:
        await self._db.execute(
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

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only query for report builders."""
        async with self._db.execute(sql, params) as cur:
            return [tuple(r) for r in await cur.fetchall()]

    # --- conversations ---------------------------------------------------------------

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
        # One multi-row statement: atomic, one round trip (aiosqlite's executemany can fail
        # with "bad parameter or other API misuse" when other statements run at the same time).
        rows = [(conversation, ts(at), t.role, t.text, platform, user_id) for t in turns]
        if not rows:
            return
        values = ",".join("(?,?,?,?,?,?)" for _ in rows)
        await self._db.execute(
            f"INSERT INTO turns (conversation, at, role, text, platform, user_id) VALUES {values}",
            [v for row in rows for v in row],
        )

    async def last_turns(self, conversation: str, limit: int) -> list[StoredTurn]:
        """The last `limit` turns of a conversation, oldest first."""
        if limit <= 0:
            return []
        async with self._db.execute(
            "SELECT role, text FROM turns WHERE conversation = ? ORDER BY id DESC LIMIT ?",
            (conversation, limit),
        ) as cur:
            rows = await cur.fetchall()
        return [StoredTurn(role=r[0], text=r[1]) for r in reversed(list(rows))]

    async def conversations_since(self, since: datetime) -> set[str]:
        """Keys of the conversations with a turn at or after `since`."""
        rows = await self.fetch(
            "SELECT DISTINCT conversation FROM turns WHERE at >= ?", (ts(since),)
        )
        return {r[0] for r in rows}

    async def has_turns(self, conversation: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM turns WHERE conversation = ? LIMIT 1", (conversation,)
        ) as cur:
            return await cur.fetchone() is not None

    # --- gaps ------------------------------------------------------------------------

    async def add_gap(self, at: datetime, platform: str, user_id: str, question: str) -> None:
        await self._db.execute(
            "INSERT INTO gaps (at, platform, user_id, question, normalized) VALUES (?,?,?,?,?)",
            (ts(at), platform, user_id, question, normalize_question(question)),
        )

    async def gaps(self, since: datetime | None = None, limit: int = 1000) -> list[GapRow]:
        """Recorded gaps, newest first."""
        since_text = ts(since) if since else ""
        async with self._db.execute(
            "SELECT at, question, normalized FROM gaps WHERE at >= ? ORDER BY id DESC LIMIT ?",
            (since_text, limit),
        ) as cur:
            rows = await cur.fetchall()
        return [GapRow(at=parse_ts(r[0]), question=r[1], normalized=r[2]) for r in rows]

    # --- cache -----------------------------------------------------------------------

    async def cache_get(
        self, key: str, fingerprint: str, max_age: timedelta, now: datetime
    ) -> CachedAnswer | None:
        async with self._db.execute(
            "SELECT answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE key = ? AND fingerprint = ? AND created_at >= ?",
            (key, fingerprint, ts(now - max_age)),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return CachedAnswer(row[0], row[1], row[2], row[3], parse_ts(row[4]))

    async def cache_put(self, key: str, fingerprint: str, answer: CachedAnswer) -> None:
        await self._db.execute(
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
        """Cached answers of this fingerprint made at or after `since`, oldest first."""
        rows = await self.fetch(
            "SELECT key, answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE fingerprint = ? AND created_at >= ? ORDER BY created_at",
            (fingerprint, ts(since)),
        )
        return [(r[0], CachedAnswer(r[1], r[2], r[3], r[4], parse_ts(r[5]))) for r in rows]

    async def cache_purge(self, fingerprint: str) -> int:
        """Drop cached answers made from another profile version; returns how many."""
        cur = await self._db.execute("DELETE FROM cache WHERE fingerprint != ?", (fingerprint,))
        return cur.rowcount

    # --- once-only keys --------------------------------------------------------------

    async def claim(self, key: str, now: datetime) -> bool:
        """True the first time `key` is claimed (event ids, alert keys); persisted."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, ts(now))
        )
        return cur.rowcount == 1

    async def claim_alert(self, key: str) -> bool:
        return await self.claim(f"alert:{key}", datetime.now(UTC))

    # --- feedback (SQL in core/store/feedback_sql.py) --------------------------------

    async def record_feedback(self, row: FeedbackRow) -> bool | None:
        """Store a member's vote (the last click wins); return their previous vote or None."""
        return await feedback_sql.upsert_vote(self._db, row)

    async def feedback_for(self, answer_id: str) -> list[FeedbackRow]:
        return await feedback_sql.votes_for(self._db, answer_id)

    async def feedback_since(self, since: datetime) -> list[FeedbackRow]:
        return await feedback_sql.votes_since(self._db, since)

    async def answer_record(self, answer_id: str) -> AnswerRecord | None:
        return await feedback_sql.answer_record(self._db, answer_id)
