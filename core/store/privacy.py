"""The store's members'-privacy queries: forget one member, purge text past its retention.

A mixin of `Store` (SQLite), kept apart so the store module stays one job per file. Text goes;
usage rows stay (budgets must stay right) with the member's id replaced by `FORGOTTEN`.

`turns` gains `platform` and `user_id` columns (whose turn it is; '' for turns written before)
when they are missing, on every open, outside the numbered migrations (as the dashboard tables
are), so this never competes with another change for a schema version number.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

FORGOTTEN = "forgotten"  # the user id usage rows keep once their member is forgotten
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # as `sqlite.ts` writes it


@dataclass(frozen=True)
class Forgotten:
    """What `forget_member` deleted (turns, gaps, cached answers) and anonymised (rows)."""

    turns: int = 0
    gaps: int = 0
    cached: int = 0
    cache_keys: tuple[str, ...] = ()  # normalised questions whose cached answers were deleted
    usage_rows: int = 0  # questions and model attempts kept for budgets, now without id or text
    votes: int = 0  # feedback votes kept for the owner's counts, under an unlinkable id
    gap_decisions: int = 0  # the owner's decisions on wordings only this member had asked


@dataclass(frozen=True)
class Purged:
    """What `purge_text_before` deleted."""

    turns: int = 0
    gaps: int = 0
    cached: int = 0
    gap_decisions: int = 0
    question_texts: int = 0  # question records whose question and answer text were blanked

    @property
    def total(self) -> int:
        return self.turns + self.gaps + self.cached + self.gap_decisions + self.question_texts


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))  # as `normalize_question`


class MemberPrivacy:
    """Forget a member; purge old text. Needs `self._db` (an open aiosqlite connection)."""

    _db: aiosqlite.Connection

    async def ensure_member_columns(self) -> None:
        """Add the member columns and indexes to `turns` when missing (idempotent; two
        processes opening one new file at once both end up with them)."""
        columns = {row[1] for row in await self._db.execute_fetchall("PRAGMA table_info(turns)")}
        for column in ("platform", "user_id"):
            if column not in columns:
                try:
                    await self._db.execute(
                        f"ALTER TABLE turns ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
                    )
                except sqlite3.OperationalError as exc:
                    if "duplicate column" not in str(exc):
                        raise
        await self._db.executescript(
            "CREATE INDEX IF NOT EXISTS turns_user ON turns(platform, user_id);"
            "CREATE INDEX IF NOT EXISTS turns_at ON turns(at);"
            "CREATE INDEX IF NOT EXISTS gaps_user ON gaps(platform, user_id);"
        )

    async def forget_member(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's conversation turns (theirs and the answers to them), gap entries
        and the cached answers to their questions; keep their questions' and attempts' usage
        rows with the user id replaced by `FORGOTTEN` and the question and answer text blanked;
        keep their feedback votes under an id no one can link back."""
        who = (platform, user_id)
        asked = await self._db.execute_fetchall(
            "SELECT DISTINCT text FROM turns WHERE platform = ? AND user_id = ? AND role = 'user'",
            who,
        )
        keys = sorted({k for k in (_key(r[0]) for r in asked) if k})
        cached = 0
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" for _ in part)
            cur = await self._db.execute(f"DELETE FROM cache WHERE key IN ({marks})", part)
            cached += cur.rowcount
        turns = await self._db.execute("DELETE FROM turns WHERE platform = ? AND user_id = ?", who)
        wordings = [
            r[0]
            for r in await self._db.execute_fetchall(
                "SELECT DISTINCT normalized FROM gaps WHERE platform = ? AND user_id = ?", who
            )
        ]
        gaps = await self._db.execute("DELETE FROM gaps WHERE platform = ? AND user_id = ?", who)
        decisions = await self._orphan_decisions(wordings) + await self._orphan_groups()
        if await self._has_table("answer_sources"):  # /twin-why's records: no text, the asker
            await self._db.execute(
                "UPDATE answer_sources SET user_id = ?, reply_to = ''"
                " WHERE platform = ? AND user_id = ?",
                (FORGOTTEN, *who),
            )
        usage = 0
        texts = ", question = '', answer = ''" if await self._has_question_texts() else ""
        for table, blank in (("questions", texts), ("usage", "")):
            cur = await self._db.execute(
                f"UPDATE {table} SET user_id = ?{blank} WHERE platform = ? AND user_id = ?",
                (FORGOTTEN, *who),
            )
            usage += cur.rowcount
        votes = await self._anonymise_votes(platform, user_id)
        return Forgotten(
            turns=turns.rowcount,
            gaps=gaps.rowcount,
            cached=cached,
            cache_keys=tuple(keys),
            usage_rows=usage,
            votes=votes,
            gap_decisions=decisions,
        )

    async def _has_question_texts(self) -> bool:
        """Whether question records carry their question and answer text (the feedback step)."""
        return "question" in {
            row[1] for row in await self._db.execute_fetchall("PRAGMA table_info(questions)")
        }

    async def _anonymise_votes(self, platform: str, user_id: str) -> int:
        """A forgotten member's feedback votes stay (the owner's counts) under an id no one
        can link back: fresh for every forget, so two forgotten members never collide."""
        if not await self._has_table("feedback"):
            return 0
        cur = await self._db.execute(
            "UPDATE feedback SET user_id = ? WHERE platform = ? AND user_id = ?",
            (f"{FORGOTTEN}-{uuid.uuid4().hex[:12]}", platform, user_id),
        )
        return cur.rowcount

    async def _has_table(self, name: str) -> bool:
        return bool(
            await self._db.execute_fetchall(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
            )
        )

    async def _orphan_groups(self) -> int:
        """Delete the open gap groups of the owner loop no gap holds any more (their example
        is a member's wording); the owner's closed decisions (answered, private) stay."""
        if not await self._has_table("gap_groups"):
            return 0
        cur = await self._db.execute(
            "DELETE FROM gap_groups WHERE status = 'open'"
            " AND NOT EXISTS (SELECT 1 FROM gaps WHERE gaps.group_id = gap_groups.id)"
        )
        return cur.rowcount

    async def _orphan_decisions(self, wordings: list[str] | None, before: str = "") -> int:
        """Delete the old dashboard's gap decisions (`gap_status`, unread now) on wordings no
        gap holds any more: `wordings` given, only those; else every one made before `before`."""
        if not await self._has_table("gap_status"):  # only databases from before keep it
            return 0
        orphan = "NOT EXISTS (SELECT 1 FROM gaps g WHERE g.normalized = gap_status.normalized)"
        if wordings is None:
            cur = await self._db.execute(
                f"DELETE FROM gap_status WHERE at < ? AND {orphan}", (before,)
            )
            return cur.rowcount
        deleted = 0
        for start in range(0, len(wordings), 500):
            part = wordings[start : start + 500]
            marks = ",".join("?" for _ in part)
            cur = await self._db.execute(
                f"DELETE FROM gap_status WHERE normalized IN ({marks}) AND {orphan}", part
            )
            deleted += cur.rowcount
        return deleted

    async def purge_text_before(self, cutoff: datetime) -> Purged:
        """Delete conversation turns, gap entries and cached answers older than `cutoff`, and
        the owner's gap decisions older than that on wordings no gap holds any more; blank the
        question and answer text of question records older than that (the rows stay)."""
        at = (cutoff.astimezone(UTC).strftime(_TIME_FORMAT),)
        turns = await self._db.execute("DELETE FROM turns WHERE at < ?", at)
        gaps = await self._db.execute("DELETE FROM gaps WHERE at < ?", at)
        cached = await self._db.execute("DELETE FROM cache WHERE created_at < ?", at)
        decisions = await self._orphan_decisions(None, at[0]) + await self._orphan_groups()
        blanked = 0
        if await self._has_question_texts():
            cur = await self._db.execute(
                "UPDATE questions SET question = '', answer = ''"
                " WHERE at < ? AND (question != '' OR answer != '')",
                at,
            )
            blanked = cur.rowcount
        return Purged(
            turns=turns.rowcount,
            gaps=gaps.rowcount,
            cached=cached.rowcount,
            gap_decisions=decisions,
            question_texts=blanked,
        )
