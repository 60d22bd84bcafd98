"""PostgreSQL: members' votes on answers (feedback buttons) and the dashboard's tables (alerts
history, the owner's decisions on gap wordings). A mixin of `PostgresStore`, the same methods
and meaning as the SQLite store's `feedback_sql` and `sqlite_dashboard`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from core.insight.alerts import Alert
from core.store.records_feedback import AnswerRecord, FeedbackRow

if TYPE_CHECKING:
    from core.store.pg_schema import Conn

EXTRA_TABLES = """
ALTER TABLE questions ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
CREATE INDEX questions_request ON questions(request_id);
CREATE TABLE feedback (
    platform TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    helpful BOOLEAN NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, answer_id, user_id)
);
CREATE INDEX feedback_at ON feedback(at);
CREATE INDEX feedback_answer ON feedback(answer_id);
CREATE TABLE alerts (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX alerts_at ON alerts(at);
CREATE TABLE gap_status (
    normalized TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
"""
EXTRA_TABLE_NAMES = ("feedback", "alerts", "gap_status")


class FeedbackAndDashboard:
    """Votes, the alerts history and gap statuses on PostgreSQL."""

    def _conn(self, what: str) -> contextlib.AbstractAsyncContextManager[Conn]:
        raise NotImplementedError  # PostgresStore's

    # --- feedback ------------------------------------------------------------------------

    async def record_feedback(self, row: FeedbackRow) -> bool | None:
        """Store the vote (the last click wins); return the member's previous vote, if any."""
        async with self._conn("record a vote") as conn:
            before = await conn.fetchval(
                "WITH old AS (SELECT helpful FROM feedback"
                "  WHERE platform = $1 AND answer_id = $2 AND user_id = $3),"
                " new AS (INSERT INTO feedback (platform, answer_id, user_id, helpful, at)"
                "  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, answer_id, user_id)"
                "  DO UPDATE SET helpful = EXCLUDED.helpful, at = EXCLUDED.at)"
                " SELECT helpful FROM old",
                row.platform,
                row.answer_id,
                row.user_id,
                row.helpful,
                row.at,
            )
        return None if before is None else bool(before)

    async def feedback_for(self, answer_id: str) -> list[FeedbackRow]:
        """Every member's standing vote on one answer, oldest first."""
        return await self._votes("WHERE answer_id = $1", answer_id)

    async def feedback_since(self, since: datetime) -> list[FeedbackRow]:
        """Votes cast (or last changed) at or after `since`, oldest first."""
        return await self._votes("WHERE at >= $1", since)

    async def _votes(self, where: str, value: object) -> list[FeedbackRow]:
        async with self._conn("read votes") as conn:
            rows = await conn.fetch(
                "SELECT platform, answer_id, user_id, helpful, at FROM feedback "
                f"{where} ORDER BY at, user_id",
                value,
            )
        return [FeedbackRow(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]

    async def answer_record(self, answer_id: str) -> AnswerRecord | None:
        """The question record of one answer (its id is the request id), or None if unknown."""
        async with self._conn("read an answer") as conn:
            r = await conn.fetchrow(
                "SELECT request_id, at, platform, user_id, channel_id, outcome, model, question,"
                " answer FROM questions WHERE request_id = $1 ORDER BY id DESC LIMIT 1",
                answer_id,
            )
        if r is None:
            return None
        return AnswerRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])

    # --- the dashboard's tables ----------------------------------------------------------

    async def record_alert(self, alert: Alert) -> None:
        """Keep a published alert for the history (an AlertBus subscriber)."""
        async with self._conn("record an alert") as conn:
            await conn.execute(
                "INSERT INTO alerts (at, kind, key, severity, title, text, action)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                alert.at,
                alert.kind,
                alert.key,
                alert.severity,
                alert.title,
                alert.text,
                alert.action,
            )

    async def alerts_history(self, limit: int = 200) -> list[Alert]:
        """Recorded alerts, newest first."""
        async with self._conn("read the alerts") as conn:
            rows = await conn.fetch(
                "SELECT kind, key, title, text, action, severity, at FROM alerts"
                " ORDER BY at DESC, id DESC LIMIT $1",
                limit,
            )
        return [Alert(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    async def set_gap_status(self, normalized: Iterable[str], status: str, now: datetime) -> None:
        """Mark gap wordings (normalized text) with an owner's decision, e.g. "ignored"."""
        wordings = list(dict.fromkeys(normalized))
        if not wordings:
            return
        async with self._conn("record a gap decision") as conn:
            await conn.execute(
                "INSERT INTO gap_status (normalized, status, at)"
                " SELECT n, $2, $3 FROM unnest($1::text[]) AS n"
                " ON CONFLICT (normalized)"
                " DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at",
                wordings,
                status,
                now,
            )

    async def gap_statuses(self) -> dict[str, str]:
        """The owner's decision per normalized gap wording."""
        async with self._conn("read gap decisions") as conn:
            rows = await conn.fetch("SELECT normalized, status FROM gap_status")
        return {r[0]: r[1] for r in rows}
