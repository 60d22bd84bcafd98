"""The inbox of accepted questions (issue 32): a platform event the twin acknowledged is written
down here in the same transaction that claims it (`seen`), owned by the process answering it
(`pid@host`, alive while its `processes` heartbeat is fresh), and deleted once its answer is
posted. What a dead owner left open, a survivor takes over (`InboxQueries.take_over`: one
statement, so one claimer wins each entry); what a stopping owner hands over (`hand_over`), any
other process takes at once.

The entry's `payload` is the adapter's own (JSON text: what it needs to answer again, e.g. the
Slack event); the store never reads it. The accept itself is each backend's (one round trip:
`sqlite.SqliteStore.accept`, `postgres.PostgresStore.accept`); the rest is shared here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core.store.executor import Executor


@dataclass(frozen=True)
class InboxEntry:
    """One accepted question not yet answered."""

    key: str  # the event's once-only key (the `seen` row it was claimed with)
    at: datetime  # when it was accepted
    owner: str  # the process answering it (pid@host)
    platform: str
    user_id: str
    payload: str  # the adapter's: what it needs to answer again (JSON text)
    taken: int = 0  # how many times it was taken over from a dead owner

    def row(self, at: Any) -> tuple[Any, ...]:
        """`INBOX_INSERT`'s parameters, with `at` as the backend stores times."""
        return (self.key, at, self.owner, self.platform, self.user_id, self.payload)


@dataclass(frozen=True)
class TakenOver:
    """An entry this process took over from a dead one, and whether it is too late to answer."""

    entry: InboxEntry
    late: bool


INBOX_INSERT = (
    "INSERT INTO inbox (key, at, owner, platform, user_id, payload, taken)"
    " VALUES (?, ?, ?, ?, ?, ?, 0)"
)

RELEASED = ""  # the owner of an entry handed over by a graceful stop: any process takes it

# A dead owner's entries: its heartbeat (core.store.ledger.ORPHANED's rule) is older than {edge}
# and the entry was accepted before it; or an owner with no heartbeat row accepted it before
# {edge} (a process that died before its first beat); or its owner released it (at once).
_DEAD = """
inbox.owner <> {me} AND (inbox.owner = '' OR inbox.at <= {edge} AND (
    inbox.owner IN (SELECT p.writer FROM processes p WHERE p.seen_at <= {edge})
    OR inbox.owner NOT IN (SELECT p.writer FROM processes p)))
"""


class InboxQueries(Executor):
    """The inbox's shared statements (the accept is each backend's)."""

    async def answered(self, key: str) -> None:
        """The inbox entry's answer (or apology) was posted: it leaves the inbox."""
        await self._run("close an inbox entry", "DELETE FROM inbox WHERE key = ?", key)

    async def note(self, key: str, owner: str, payload: str) -> bool:
        """Replace the payload of `key` while `owner` holds it (what the answer shows so far, for
        a survivor to close); False when the entry is gone or another process holds it."""
        sql = "UPDATE inbox SET payload = ? WHERE key = ? AND owner = ?"
        return await self._run("note an inbox entry", sql, payload, key, owner) == 1

    async def hand_over(self, owner: str, platform: str) -> int:
        """A stopping `owner` hands over its open entries of `platform`: any other process takes
        them at its next look (not a lease later). How many were released."""
        sql = "UPDATE inbox SET owner = ? WHERE owner = ? AND platform = ?"
        return await self._run("hand over inbox entries", sql, RELEASED, owner, platform)

    async def take_over(
        self,
        me: str,
        now: datetime,
        lease: timedelta,
        limit: int = 50,
        platforms: Sequence[str] = (),
    ) -> list[InboxEntry]:
        """Make `me` the owner of up to `limit` entries whose owner's heartbeat is older than
        `lease` (or who never beat, or handed them over), of `platforms` only when given (those
        `me` can answer), oldest first, atomically: two survivors never take the same entry.
        The entries taken (`taken` counts the takeovers)."""
        edge = self.dialect.time(now - lease)
        dead = _DEAD.format(edge="?", me="?").strip()
        if platforms:  # a process takes only what it can answer
            dead += f" AND inbox.platform IN ({', '.join('?' * len(platforms))})"
        rows = await self._rows(
            "take over inbox entries",
            "UPDATE inbox SET owner = ?, taken = taken + 1 WHERE key IN"
            f" (SELECT key FROM inbox WHERE {dead} ORDER BY at LIMIT ?)"
            f" AND {dead}"
            " RETURNING key, at, owner, platform, user_id, payload, taken",
            me,
            *(me, edge, edge),
            *platforms,
            limit,
            *(me, edge, edge),
            *platforms,
        )
        read = self.dialect.read_time
        entries = [InboxEntry(r[0], read(r[1]), r[2], r[3], r[4], r[5], int(r[6])) for r in rows]
        return sorted(entries, key=lambda e: e.at)

    async def inbox(self) -> list[InboxEntry]:
        """Every open entry, oldest first (for `twin db status` and tests)."""
        rows = await self._rows(
            "read the inbox",
            "SELECT key, at, owner, platform, user_id, payload, taken FROM inbox ORDER BY at",
        )
        read = self.dialect.read_time
        return [InboxEntry(r[0], read(r[1]), r[2], r[3], r[4], r[5], int(r[6])) for r in rows]
