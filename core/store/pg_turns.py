"""PostgreSQL: conversation turns (whose they are, for forgetting a member) and the heartbeat
that tells a process whether others share the store. A mixin of `PostgresStore`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.store.records import StoredTurn

if TYPE_CHECKING:
    from core.store.pg_schema import Conn


class ConversationTurns:
    """Turns of conversations, and processes' heartbeats."""

    def _conn(self, what: str) -> contextlib.AbstractAsyncContextManager[Conn]:
        raise NotImplementedError  # PostgresStore's

    async def add_turns(
        self,
        conversation: str,
        turns: Iterable[StoredTurn],
        at: datetime,
        *,
        platform: str = "",
        user_id: str = "",
    ) -> None:
        items = list(turns)
        if not items:
            return
        async with self._conn("record a conversation") as conn:
            await conn.execute(
                "INSERT INTO turns (conversation, at, role, text, platform, user_id)"
                " SELECT $1, $2, r, t, $5, $6 FROM unnest($3::text[], $4::text[])"
                " WITH ORDINALITY AS x(r, t, n) ORDER BY n",
                conversation,
                at,
                [t.role for t in items],
                [t.text for t in items],
                platform,
                user_id,
            )

    async def last_turns(
        self, conversation: str, limit: int, since: datetime | None = None
    ) -> list[StoredTurn]:
        if limit <= 0:
            return []
        async with self._conn("read a conversation") as conn:
            rows = await conn.fetch(
                "SELECT role, text FROM turns WHERE conversation = $1"
                " AND ($3::timestamptz IS NULL OR at >= $3) ORDER BY id DESC LIMIT $2",
                conversation,
                limit,
                since,
            )
        return [StoredTurn(role=r[0], text=r[1]) for r in reversed(rows)]

    async def heartbeat(
        self, writer: str, now: datetime, within: timedelta, *, serving: bool = True
    ) -> int:
        if not serving:
            async with self._conn("count the serving processes") as conn:
                seen = await conn.fetchval(
                    "SELECT COUNT(*) FROM processes WHERE writer <> $1 AND seen_at >= $2",
                    writer,
                    now - within,
                )
            return int(seen or 0)
        async with self._conn("note this process") as conn:
            others = await conn.fetchval(
                "WITH beat AS (INSERT INTO processes (writer, seen_at) VALUES ($1, $2)"
                "  ON CONFLICT (writer) DO UPDATE SET seen_at = EXCLUDED.seen_at)"
                " SELECT COUNT(*) FROM processes WHERE writer <> $1 AND seen_at >= $3",
                writer,
                now,
                now - within,
            )
        return int(others or 0)

    async def conversations_since(self, since: datetime) -> set[str]:
        async with self._conn("read conversations") as conn:
            rows = await conn.fetch("SELECT DISTINCT conversation FROM turns WHERE at >= $1", since)
        return {r[0] for r in rows}

    async def has_turns(self, conversation: str) -> bool:
        async with self._conn("read a conversation") as conn:
            found = await conn.fetchval(
                "SELECT 1 FROM turns WHERE conversation = $1 LIMIT 1", conversation
            )
        return found is not None
