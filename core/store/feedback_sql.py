"""SQLite statements for answers' texts and members' votes on them (feedback buttons).

`Store` keeps one connection and delegates here, so the feedback SQL sits in one small file.
One vote per (platform, answer, member): a new click replaces the old one (the last click wins).
"""

from __future__ import annotations

from datetime import UTC, datetime

import aiosqlite

from core.store.records_feedback import AnswerRecord, FeedbackRow
from core.store.sqlite_rows import ts

MIGRATION = """
ALTER TABLE questions ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS questions_request ON questions(request_id);
CREATE TABLE IF NOT EXISTS feedback (
    platform TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (platform, answer_id, user_id)
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
"""
"""Schema step: question and answer text kept with each question record, and the votes."""


_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # the same sortable UTC text as core.store.sqlite.ts


def _ts(at: datetime) -> str:
    return ts(at)


def _parse(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


async def upsert_vote(db: aiosqlite.Connection, row: FeedbackRow) -> bool | None:
    """Store the vote; return the member's previous vote on this answer (None: first vote)."""
    found = list(
        await db.execute_fetchall(
            "SELECT helpful FROM feedback WHERE platform = ? AND answer_id = ? AND user_id = ?",
            (row.platform, row.answer_id, row.user_id),
        )
    )
    before = found[0] if found else None
    await db.execute(
        "INSERT INTO feedback (platform, answer_id, user_id, helpful, at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (platform, answer_id, user_id)"
        " DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
        (row.platform, row.answer_id, row.user_id, int(row.helpful), _ts(row.at)),
    )
    return None if before is None else bool(before[0])


async def votes_for(db: aiosqlite.Connection, answer_id: str) -> list[FeedbackRow]:
    """Every member's standing vote on one answer, oldest first."""
    rows = await db.execute_fetchall(
        "SELECT platform, answer_id, user_id, helpful, at FROM feedback"
        " WHERE answer_id = ? ORDER BY at, user_id",
        (answer_id,),
    )
    return [FeedbackRow(r[0], r[1], r[2], bool(r[3]), _parse(r[4])) for r in rows]


async def votes_since(db: aiosqlite.Connection, since: datetime) -> list[FeedbackRow]:
    """Votes cast (or last changed) at or after `since`, oldest first."""
    rows = await db.execute_fetchall(
        "SELECT platform, answer_id, user_id, helpful, at FROM feedback"
        " WHERE at >= ? ORDER BY at, user_id",
        (_ts(since),),
    )
    return [FeedbackRow(r[0], r[1], r[2], bool(r[3]), _parse(r[4])) for r in rows]


async def answer_record(db: aiosqlite.Connection, answer_id: str) -> AnswerRecord | None:
    """The question record of one answer (its id is the request id), or None if unknown."""
    found = list(
        await db.execute_fetchall(
            "SELECT request_id, at, platform, user_id, channel_id, outcome, model, question,"
            " answer FROM questions WHERE request_id = ? ORDER BY id DESC LIMIT 1",
            (answer_id,),
        )
    )
    if not found:
        return None
    r = found[0]
    return AnswerRecord(
        answer_id=r[0],
        at=_parse(r[1]),
        platform=r[2],
        user_id=r[3],
        channel_id=r[4],
        outcome=r[5],
        model=r[6],
        question=r[7],
        answer=r[8],
    )
