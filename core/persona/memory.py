"""Conversation memory: the last turns of each conversation, in SQLite with a bounded
in-process copy of the recently active ones, so most questions cost no database read.

The copy is only trusted while this process has the store to itself: the process notes itself
in the store (`Store.heartbeat`) at start, with an answer's turns (at most every `QUICK_BEAT`,
in the same trip to the store as the turns) and, when it has been idle, before reading
(`BEAT`); while another process was seen in the last few minutes, every question reads its
conversation's turns from the store, so a thread answered in turn by two instances does not
miss the other's newest turns. A process that started first learns of a newcomer with its next
answer after the newcomer started (within `QUICK_BEAT` while it keeps answering).

A conversation idle for longer than `horizon` starts afresh: a Slack thread or Discord reply
chain picked up again after a month is a new conversation."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import OrderedDict
from datetime import datetime, timedelta

from core.clock import WallClock, utc_now
from core.store.base import Store
from core.store.records import StoredTurn, StoreUnavailable

HORIZON = timedelta(days=30)
BEAT = timedelta(seconds=60)  # an idle process notes itself before reading, at most this often
QUICK_BEAT = timedelta(seconds=5)  # with an answer's turns (no extra trip), at most this often
ALIVE = timedelta(seconds=150)  # another process seen this recently shares the store

log = logging.getLogger(__name__)


class ConversationMemory:
    """Reads and appends turns; the in-process copy is used only while no other process shares
    the store (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        keep: int,
        conversations: int = 10_000,
        *,
        wall: WallClock = utc_now,
        writer: str | None = None,
        serves: bool = True,
    ) -> None:
        self._store = store
        self._serves = serves  # a serving process (run, dashboard) is counted by the others
        self._wall = wall
        self._writer = writer or f"{os.getpid()}@{socket.gethostname()}"
        self._shared = False  # another process uses the store: read turns through
        self._next_beat: datetime | None = None
        self._next_quick: datetime | None = None
        self._keep = keep  # turns kept per conversation (user and assistant count one each)
        self._max = conversations
        self._recent: OrderedDict[str, list[StoredTurn]] = OrderedDict()
        self._known: set[str] | None = None  # conversations with turns; None = ask the store

    async def start(self, now: datetime) -> None:
        """Learn which conversations have turns, so a new one costs no database read."""
        self._known = await self._store.conversations_since(now - HORIZON)
        await self._beat(now)

    async def _beat(self, now: datetime) -> None:
        self._next_beat = now + BEAT
        self._next_quick = now + QUICK_BEAT
        try:
            others = await self._store.heartbeat(self._writer, now, ALIVE, serving=self._serves)
        except StoreUnavailable as exc:
            log.info("memory: presence not noted: %s", exc.cause)
            return
        if bool(others) == self._shared:
            return
        log.info(
            "memory: %s",
            "another twin serves from this database, so conversations are read from it on"
            " every question"
            if others
            else "no other twin serves from this database, so recent conversations are kept"
            " in this process",
        )
        self._shared = others > 0
        if not self._shared:  # alone again: what others wrote meanwhile is not in the copy
            self._recent.clear()
            self._known = None  # ask the store until the next start

    async def last(self, conversation: str) -> list[StoredTurn]:
        """The last turns of a conversation, oldest first."""
        now = self._wall()
        if self._next_beat is None or now >= self._next_beat:
            await self._beat(now)
        if self._shared:
            return await self._store.last_turns(conversation, self._keep, since=now - HORIZON)
        held = self._recent.get(conversation)
        if held is not None:
            self._recent.move_to_end(conversation)
            return list(held)
        if self._known is not None and conversation not in self._known:
            return []
        turns = await self._store.last_turns(conversation, self._keep)
        self._remember(conversation, turns)
        return list(turns)

    async def add(
        self,
        conversation: str,
        turns: list[StoredTurn],
        at: datetime,
        *,
        keep_as: tuple[str, str] | None = ("", ""),
    ) -> None:
        """Persist turns first, as the member `keep_as` = (platform, user_id), then update the
        in-process view. `keep_as=None` keeps them in this process only (DMs when
        `[privacy] store_dm_text = false`): lost on restart, never written to the database."""
        if keep_as is None:
            kept = self._recent.get(conversation) or []
            self._remember(conversation, (kept + turns)[-self._keep :])
            return
        platform, user_id = keep_as
        write = self._store.add_turns(conversation, turns, at, platform=platform, user_id=user_id)
        now = self._wall()
        if self._next_quick is not None and now >= self._next_quick:
            await asyncio.gather(write, self._beat(now))  # one trip: the beat joins the turns
        else:
            await write
        if self._shared:
            return
        held = self._recent.get(conversation)
        if held is not None:
            self._remember(conversation, (held + turns)[-self._keep :])
        elif self._known is not None and conversation not in self._known:
            self._remember(conversation, turns[-self._keep :])  # these are all its turns
        if self._known is not None:
            self._known.add(conversation)

    async def reload(self, now: datetime) -> None:
        """Forget the in-process copy and learn again from the store (after turns were
        deleted: a member forgotten, old text purged)."""
        self._recent.clear()
        await self.start(now)

    def _remember(self, conversation: str, turns: list[StoredTurn]) -> None:
        self._recent[conversation] = turns
        self._recent.move_to_end(conversation)
        while len(self._recent) > self._max:
            self._recent.popitem(last=False)
