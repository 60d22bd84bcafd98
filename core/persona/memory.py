"""Conversation memory: the last turns of each conversation, in SQLite with a bounded
in-process copy of the recently active ones, so most questions cost no database read.

A conversation idle for longer than `horizon` starts afresh: a Slack thread or Discord reply
chain picked up again after a month is a new conversation."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from core.store.base import Store
from core.store.records import StoredTurn

HORIZON = timedelta(days=30)


class ConversationMemory:
    """Reads and appends turns. The in-process view is current as long as one process answers a
    conversation (several processes may share the file; a conversation answered in turn by two
    can miss the other's newest turns, see the README)."""

    def __init__(
        self, store: Store, keep: int, conversations: int = 10_000, *, shared: bool = False
    ) -> None:
        self._store = store
        self._shared = shared  # other machines write turns too (PostgreSQL): always read them
        self._keep = keep  # turns kept per conversation (user and assistant count one each)
        self._max = conversations
        self._recent: OrderedDict[str, list[StoredTurn]] = OrderedDict()
        self._known: set[str] | None = None  # conversations with turns; None = ask the store

    async def start(self, now: datetime) -> None:
        """Learn which conversations have turns, so a new one costs no database read."""
        self._known = await self._store.conversations_since(now - HORIZON)

    async def last(self, conversation: str) -> list[StoredTurn]:
        """The last turns of a conversation, oldest first."""
        if self._shared:  # a follow-up another instance answered must see that instance's turns
            return await self._store.last_turns(conversation, self._keep)
        turns = self._recent.get(conversation)
        if turns is not None:
            self._recent.move_to_end(conversation)
            return list(turns)
        if self._known is not None and conversation not in self._known:
            return []
        turns = await self._store.last_turns(conversation, self._keep)
        self._remember(conversation, turns)
        return list(turns)

    async def add(self, conversation: str, turns: list[StoredTurn], at: datetime) -> None:
        """Persist turns first, then update the in-process view."""
        await self._store.add_turns(conversation, turns, at)
        held = self._recent.get(conversation)
        if held is not None:
            self._remember(conversation, (held + turns)[-self._keep :])
        elif self._known is not None and conversation not in self._known:
            self._remember(conversation, turns[-self._keep :])  # these are all its turns
        if self._known is not None:
            self._known.add(conversation)

    def _remember(self, conversation: str, turns: list[StoredTurn]) -> None:
        self._recent[conversation] = turns
        self._recent.move_to_end(conversation)
        while len(self._recent) > self._max:
            self._recent.popitem(last=False)
