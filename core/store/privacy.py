"""The store's members'-privacy queries: forget one member, purge text past its retention.

A mixin of `Store` (SQLite), kept apart so the store module stays one job per file. Text goes;
usage rows stay (budgets must stay right) with the member's id replaced by `FORGOTTEN`.
"""

from __future__ import annotations

import re
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
    usage_rows: int = 0  # questions and model attempts kept for budgets, now without the id


@dataclass(frozen=True)
class Purged:
    """What `purge_text_before` deleted."""

    turns: int = 0
    gaps: int = 0
    cached: int = 0

    @property
    def total(self) -> int:
        return self.turns + self.gaps + self.cached


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))  # as `normalize_question`


class MemberPrivacy:
    """Forget a member; purge old text. Needs `self._db` (an open aiosqlite connection)."""

    _db: aiosqlite.Connection

    async def forget_member(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's conversation turns (theirs and the answers to them), gap entries
        and the cached answers to their questions; keep their questions' and attempts' usage
        rows with the user id replaced by `FORGOTTEN`."""
        who = (platform, user_id)
        async with self._db.execute(
            "SELECT DISTINCT text FROM turns WHERE platform = ? AND user_id = ? AND role = 'user'",
            who,
        ) as cur:
            asked = await cur.fetchall()
        keys = sorted({k for k in (_key(r[0]) for r in asked) if k})
        cached = 0
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" for _ in part)
            cur = await self._db.execute(f"DELETE FROM cache WHERE key IN ({marks})", part)
            cached += cur.rowcount
        turns = await self._db.execute("DELETE FROM turns WHERE platform = ? AND user_id = ?", who)
        gaps = await self._db.execute("DELETE FROM gaps WHERE platform = ? AND user_id = ?", who)
        usage = 0
        for table in ("questions", "usage"):
            cur = await self._db.execute(
                f"UPDATE {table} SET user_id = ? WHERE platform = ? AND user_id = ?",
                (FORGOTTEN, *who),
            )
            usage += cur.rowcount
        return Forgotten(turns.rowcount, gaps.rowcount, cached, tuple(keys), usage)

    async def purge_text_before(self, cutoff: datetime) -> Purged:
        """Delete conversation turns, gap entries and cached answers older than `cutoff`."""
        at = (cutoff.astimezone(UTC).strftime(_TIME_FORMAT),)
        turns = await self._db.execute("DELETE FROM turns WHERE at < ?", at)
        gaps = await self._db.execute("DELETE FROM gaps WHERE at < ?", at)
        cached = await self._db.execute("DELETE FROM cache WHERE created_at < ?", at)
        return Purged(turns.rowcount, gaps.rowcount, cached.rowcount)
