"""The one query layer: every store method that is the same on SQLite and PostgreSQL, written
once over the executor contract (`core.store.executor`) each backend implements: usage, claims,
questions, turns, gaps, the answer cache, model health, votes, alerts and housekeeping (the
owner loop, reports and members' privacy are beside it: `sql_owner`, `sql_reports`, `privacy`).
Times and flags go through `self.dialect`. What each backend keeps for itself is only what buys
something measurable there: the atomic reserve-and-check, the rate windows, the usage write that
books spend, and SQLite's group commit.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from core.clock import utc_now
from core.store.attempts import Attempt, CallContext
from core.store.executor import Executor, Row
from core.store.ledger import ATTEMPT_COLUMNS, HOUR_S, LEDGER_READ, ORPHAN, view_args
from core.store.records import (
    BudgetCaps,
    CachedAnswer,
    GapRow,
    HealthSnapshot,
    LedgerView,
    QuestionRecord,
    StoredTurn,
    StoreUnavailable,
    normalize_question,
)
from core.store.records_feedback import AnswerRecord, FeedbackRow
from core.store.reports import Alert

log = logging.getLogger(__name__)


_HEALTH_COLUMNS = (
    "model, updated_at, writer, breaker, breaker_until, in_rotation, last_error, last_error_at,"
    " remaining_requests, remaining_tokens, limits_at"
)


class CoreQueries(Executor):
    """Usage, claims, questions, turns, gaps, the answer cache, health, votes and alerts."""

    # --- usage ------------------------------------------------------------------------------

    def _attempt_params(self, attempt: Attempt) -> tuple[Any, ...]:
        ctx = attempt.context
        return (
            self.dialect.time(attempt.at),
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
            self.dialect.flag(attempt.estimated),
            ctx.reservation,
            attempt.cached_input_tokens,
            attempt.reasoning_tokens,
            attempt.cache_saved_usd,
        )

    async def schema_version(self) -> int:
        """The schema version the database carries (migrated on open)."""
        sql = "SELECT value FROM meta WHERE key = 'schema_version'"
        row = await self._one("read the schema version", sql)
        return int(row[0]) if row else 0

    async def ledger(self, now: datetime, caps: BudgetCaps) -> LedgerView:
        """Where the ledger stands at `now` (for status, alerts and explaining a denial)."""
        row = await self._one("read the budget ledger", LEDGER_READ, *view_args(now, caps))
        assert row is not None
        return LedgerView.from_row(row)

    async def release(self, reservation: int) -> None:
        """Stop holding what is left of a reservation (its spend came via `record_attempt`).
        Releasing twice, or an unknown id, is harmless."""
        sql = "DELETE FROM reservations WHERE id = ?"
        await self._run("release a reservation", sql, reservation)

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        """(tokens, USD) of every attempt at or after `since`."""
        row = await self._one(
            "read usage",
            "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0),"
            " COALESCE(SUM(cost_usd), 0) FROM usage WHERE at >= ?",
            self.dialect.time(since),
        )
        assert row is not None
        return int(row[0]), float(row[1])

    async def recent_attempts(self, per_model: int = 200) -> list[Attempt]:
        """The latest attempts of each model, oldest first: to rebuild model health at start."""
        rows = await self._rows(
            "read recent attempts",
            f"SELECT {ATTEMPT_COLUMNS} FROM ("
            "  SELECT *, ROW_NUMBER() OVER (PARTITION BY model ORDER BY id DESC) AS rn"
            f"  FROM usage WHERE outcome <> '{ORPHAN}') u WHERE rn <= ? ORDER BY id",
            per_model,
        )
        read = self.dialect.read_time
        return [
            Attempt(
                at=read(r[0]),
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
                cache_saved_usd=float(r[15] or 0.0),
            )
            for r in rows
        ]

    # --- once-only keys ---------------------------------------------------------------------

    async def claim(self, key: str, now: datetime) -> bool:
        """True the first time `key` is claimed, by any process, ever (event dedupe ids, alert
        keys); False after. Atomic (INSERT ... ON CONFLICT DO NOTHING)."""
        return await self._once(
            "claim a key",
            "INSERT INTO seen (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            key,
            self.dialect.time(now),
        )

    async def claim_alert(self, key: str) -> bool:
        """`claim("alert:" + key, now)`."""
        return await self.claim(f"alert:{key}", utc_now())

    # --- questions, turns, gaps -------------------------------------------------------------

    async def record_question(self, record: QuestionRecord) -> None:
        """One row per question, however it ended."""
        await self._run(
            "record a question",
            "INSERT INTO questions (at, request_id, platform, user_id, channel_id, outcome, model,"
            " tokens, cost_usd, saved_usd, latency_ms, question, answer)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.dialect.time(record.at),
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
        """Append turns to a conversation, all or none, in order, as the member `platform`,
        `user_id` (the asker, for the answer too) so `forget_member` finds them."""
        stamp = self.dialect.time(at)
        rows = [(conversation, stamp, t.role, t.text, platform, user_id) for t in turns]
        if not rows:
            return
        values = ",".join("(?,?,?,?,?,?)" for _ in rows)  # one statement: atomic, one trip
        await self._run(
            "record a conversation",
            f"INSERT INTO turns (conversation, at, role, text, platform, user_id) VALUES {values}",
            *(v for row in rows for v in row),
        )

    async def last_turns(
        self, conversation: str, limit: int, since: datetime | None = None
    ) -> list[StoredTurn]:
        """The last `limit` turns of a conversation (made at or after `since`, if given),
        oldest first ([] for limit <= 0)."""
        if limit <= 0:
            return []
        if since is None:
            rows = await self._rows(
                "read a conversation",
                "SELECT role, text FROM turns WHERE conversation = ? ORDER BY id DESC LIMIT ?",
                conversation,
                limit,
            )
        else:
            rows = await self._rows(
                "read a conversation",
                "SELECT role, text FROM turns WHERE conversation = ? AND at >= ?"
                " ORDER BY id DESC LIMIT ?",
                conversation,
                self.dialect.time(since),
                limit,
            )
        return [StoredTurn(role=r[0], text=r[1]) for r in reversed(rows)]

    async def heartbeat(
        self, writer: str, now: datetime, within: timedelta, *, serving: bool = True
    ) -> int:
        """Note that process `writer` is alive at `now` (a process that serves: `twin run`,
        `twin dashboard`; `serving=False` only reads, so a short `twin ask` is never counted);
        return how many OTHER serving processes were seen at or after now - within (0: this
        process has the store to itself)."""
        since = self.dialect.time(now - within)
        if not serving:
            return await self._count(
                "count the serving processes",
                "SELECT COUNT(*) FROM processes WHERE writer <> ? AND seen_at >= ?",
                writer,
                since,
            )
        row = await self._one(
            "note this process",
            "INSERT INTO processes (writer, seen_at) VALUES (?, ?)"
            " ON CONFLICT (writer) DO UPDATE SET seen_at = excluded.seen_at"
            " RETURNING (SELECT COUNT(*) FROM processes WHERE writer <> ? AND seen_at >= ?)",
            writer,
            self.dialect.time(now),
            writer,
            since,
        )
        return int(row[0]) if row else 0

    async def conversations_since(self, since: datetime) -> set[str]:
        """Keys of the conversations with a turn at or after `since`."""
        rows = await self._rows(
            "read conversations",
            "SELECT DISTINCT conversation FROM turns WHERE at >= ?",
            self.dialect.time(since),
        )
        return {r[0] for r in rows}

    async def add_gap(self, at: datetime, platform: str, user_id: str, question: str) -> None:
        """A question the profile could not answer (stored with `normalize_question` of it)."""
        await self._run(
            "record a gap",
            "INSERT INTO gaps (at, platform, user_id, question, normalized) VALUES (?,?,?,?,?)",
            self.dialect.time(at),
            platform,
            user_id,
            question,
            normalize_question(question),
        )

    async def gaps(self, since: datetime | None = None, limit: int = 1000) -> list[GapRow]:
        """Recorded gaps at or after `since`, newest first."""
        where, params = ("WHERE at >= ?", [self.dialect.time(since)]) if since else ("", [])
        rows = await self._rows(
            "read gaps",
            f"SELECT at, question, normalized FROM gaps {where} ORDER BY id DESC LIMIT ?",
            *params,
            limit,
        )
        return [
            GapRow(at=self.dialect.read_time(r[0]), question=r[1], normalized=r[2]) for r in rows
        ]

    # --- the answer cache -------------------------------------------------------------------

    def _cached(self, r: Row) -> CachedAnswer:
        return CachedAnswer(r[0], r[1], int(r[2]), float(r[3]), self.dialect.read_time(r[4]))

    async def cache_get(
        self, key: str, fingerprint: str, max_age: timedelta, now: datetime
    ) -> CachedAnswer | None:
        """The entry of `key` and `fingerprint` made at or after now - max_age."""
        row = await self._one(
            "read the answer cache",
            "SELECT answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE key = ? AND fingerprint = ? AND created_at >= ?",
            key,
            fingerprint,
            self.dialect.time(now - max_age),
        )
        return None if row is None else self._cached(row)

    async def cache_put(self, key: str, fingerprint: str, answer: CachedAnswer) -> None:
        """Insert or replace the entry of `key`."""
        await self._run(
            "write the answer cache",
            "INSERT INTO cache (key, fingerprint, answer, model, tokens, cost_usd, created_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (key) DO UPDATE SET"
            " fingerprint = excluded.fingerprint, answer = excluded.answer,"
            " model = excluded.model, tokens = excluded.tokens,"
            " cost_usd = excluded.cost_usd, created_at = excluded.created_at",
            key,
            fingerprint,
            answer.answer,
            answer.model,
            answer.tokens,
            answer.cost_usd,
            self.dialect.time(answer.created_at),
        )

    async def cache_entries(
        self, fingerprint: str, since: datetime
    ) -> list[tuple[str, CachedAnswer]]:
        """Entries of this fingerprint made at or after `since`, oldest first."""
        rows = await self._rows(
            "read the answer cache",
            "SELECT key, answer, model, tokens, cost_usd, created_at FROM cache"
            " WHERE fingerprint = ? AND created_at >= ? ORDER BY created_at, key",
            fingerprint,
            self.dialect.time(since),
        )
        return [(r[0], self._cached(r[1:])) for r in rows]

    async def cache_purge(self, fingerprint: str) -> int:
        """Drop entries of any other fingerprint; returns how many."""
        sql = "DELETE FROM cache WHERE fingerprint <> ?"
        return await self._run("purge the answer cache", sql, fingerprint)

    async def cache_rekey(self, old: str, new: str, keys: Sequence[str]) -> int:
        """Move cached answers (by question key) from one fingerprint to another."""
        return await self._in_chunks(
            "move cached answers",
            "UPDATE cache SET fingerprint = ? WHERE fingerprint = ? AND key IN ({marks})",
            keys,
            new,
            old,
        )

    # --- model health -----------------------------------------------------------------------

    async def health_put(self, snapshots: Sequence[HealthSnapshot]) -> None:
        """Upsert one row per model; a snapshot older than the stored one is ignored."""
        newest: dict[str, HealthSnapshot] = {}
        for s in snapshots:  # one row per model in the statement (PostgreSQL requires it)
            if s.model not in newest or s.updated_at >= newest[s.model].updated_at:
                newest[s.model] = s
        if not newest:
            return
        t = self.dialect.time
        params: list[Any] = []
        for s in newest.values():
            params += [
                s.model,
                t(s.updated_at),
                s.writer,
                s.breaker,
                t(s.breaker_until),
                self.dialect.flag(s.in_rotation),
                s.last_error,
                t(s.last_error_at),
                s.remaining_requests,
                s.remaining_tokens,
                t(s.limits_at),
            ]
        values = ",".join("(?,?,?,?,?,?,?,?,?,?,?)" for _ in newest)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _HEALTH_COLUMNS.split(", ")[1:])
        await self._run(
            "write model health",
            f"INSERT INTO health ({_HEALTH_COLUMNS}) VALUES {values}"
            f" ON CONFLICT (model) DO UPDATE SET {updates}"
            " WHERE excluded.updated_at >= health.updated_at",
            *params,
        )

    async def health_all(self) -> list[HealthSnapshot]:
        """The newest snapshot of every model any process wrote."""
        rows = await self._rows(
            "read model health", f"SELECT {_HEALTH_COLUMNS} FROM health ORDER BY model"
        )
        read, opt = self.dialect.read_time, self.dialect.read_opt_time
        return [
            HealthSnapshot(
                model=r[0],
                updated_at=read(r[1]),
                writer=r[2],
                breaker=r[3],
                breaker_until=opt(r[4]),
                in_rotation=bool(r[5]),
                last_error=r[6],
                last_error_at=opt(r[7]),
                remaining_requests=None if r[8] is None else int(r[8]),
                remaining_tokens=None if r[9] is None else int(r[9]),
                limits_at=opt(r[10]),
            )
            for r in rows
        ]

    # --- feedback and the alerts history ----------------------------------------------------

    async def record_feedback(self, row: FeedbackRow) -> bool | None:
        """Store a member's vote on an answer (one per platform, answer and member; the last
        click wins); return their previous vote, or None for a first vote."""
        before = await self._one(
            "record a vote",
            "SELECT helpful FROM feedback WHERE platform = ? AND answer_id = ? AND user_id = ?",
            row.platform,
            row.answer_id,
            row.user_id,
        )
        await self._run(
            "record a vote",
            "INSERT INTO feedback (platform, answer_id, user_id, helpful, at) VALUES (?,?,?,?,?)"
            " ON CONFLICT (platform, answer_id, user_id)"
            " DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
            row.platform,
            row.answer_id,
            row.user_id,
            self.dialect.flag(row.helpful),
            self.dialect.time(row.at),
        )
        return None if before is None else bool(before[0])

    async def feedback_for(self, answer_id: str) -> list[FeedbackRow]:
        """Every member's standing vote on one answer, oldest first."""
        return await self._votes("WHERE answer_id = ?", answer_id)

    async def feedback_since(self, since: datetime) -> list[FeedbackRow]:
        """Votes cast or changed at or after `since`, oldest first."""
        return await self._votes("WHERE at >= ?", self.dialect.time(since))

    async def _votes(self, where: str, value: Any) -> list[FeedbackRow]:
        rows = await self._rows(
            "read votes",
            f"SELECT platform, answer_id, user_id, helpful, at FROM feedback {where}"
            " ORDER BY at, user_id",
            value,
        )
        return [
            FeedbackRow(r[0], r[1], r[2], bool(r[3]), self.dialect.read_time(r[4])) for r in rows
        ]

    async def answer_record(self, answer_id: str) -> AnswerRecord | None:
        """The question record of an answer (its id is the request id), or None."""
        r = await self._one(
            "read an answer",
            "SELECT request_id, at, platform, user_id, channel_id, outcome, model, question,"
            " answer FROM questions WHERE request_id = ? ORDER BY id DESC LIMIT 1",
            answer_id,
        )
        if r is None:
            return None
        at = self.dialect.read_time(r[1])
        return AnswerRecord(r[0], at, r[2], r[3], r[4], r[5], r[6], r[7], r[8])

    async def record_alert(self, alert: Alert) -> None:
        """Keep a published alert for the history (an AlertBus subscriber): best effort, never
        raises (an alert that the store cannot write must still reach the admins)."""
        try:
            await self._run(
                "record an alert",
                "INSERT INTO alerts (at, kind, key, severity, title, text, action)"
                " VALUES (?,?,?,?,?,?,?)",
                self.dialect.time(alert.at),
                alert.kind,
                alert.key,
                alert.severity,
                alert.title,
                alert.text,
                alert.action,
            )
        except StoreUnavailable as exc:
            log.warning("alert %s not kept in the history: %s", alert.key, exc.cause)

    async def alerts_history(self, limit: int = 200) -> list[Alert]:
        """Recorded alerts, newest first."""
        rows = await self._rows(
            "read the alerts",
            "SELECT kind, key, title, text, action, severity, at FROM alerts"
            " ORDER BY at DESC, id DESC LIMIT ?",
            limit,
        )
        return [
            Alert(r[0], r[1], r[2], r[3], r[4], r[5], self.dialect.read_time(r[6])) for r in rows
        ]

    # --- housekeeping -----------------------------------------------------------------------

    async def maintain(self, now: datetime) -> None:
        """Housekeeping, called at most about once a minute: drop the per-second windows older
        than an hour (expired reservations are booked by `book_orphans`, never dropped). Never
        required for correctness."""
        hour_ago = math.floor(now.timestamp() - HOUR_S)  # whole seconds: the column's type
        await self._run("tidy the ledger", "DELETE FROM rate_seconds WHERE second <= ?", hour_ago)
        await self._run("tidy the ledger", "DELETE FROM spend_seconds WHERE second <= ?", hour_ago)
