"""Conversation memory: the last turns of each conversation, in SQLite with a bounded
in-process copy of the recently active ones, so most questions cost no database read.

A conversation idle for longer than `horizon` starts afresh: a Slack thread or Discord reply
chain picked up again after a month is a new conversation."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from core.store.sqlite import Store, StoredTurn

HORIZON = timedelta(days=30)


class ConversationMemory:
    """Reads and appends turns. One process owns a database file (see the README), so the
    in-process view is always current."""

    def __init__(self, store: Store, keep: int, conversations: int = 10_000) -> None:
        self._store = store
        self._keep = keep  # turns kept per conversation (user and assistant count one each)
        self._max = conversations
        self._recent: OrderedDict[str, list[StoredTurn]] = OrderedDict()
        self._known: set[str] | None = None  # conversations with turns; None = ask the store

    async def start(self, now: datetime) -> None:
        """Learn which conversations have turns, so a new one costs no database read."""
        self._known = await self._store.conversations_since(now - HORIZON)

    async def last(self, conversation: str) -> list[StoredTurn]:
        """The last turns of a conversation, oldest first."""
        turns = self._recent.get(conversation)
        if turns is not None:
            self._recent.move_to_end(conversation)
            return list(turns)
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
        await self._store.add_turns(conversation, turns, at, platform=platform, user_id=user_id)
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
