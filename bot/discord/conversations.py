"""Conversations on Discord: the memory key of a message (a DM channel, a thread, or the root
of a reply chain) and which of the twin's answers belong to which conversation."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import discord

MAX_CHAIN_HOPS = 10  # how far up a reply chain to look for its root
KNOWN_ANSWERS = 10_000  # answer message ids remembered (oldest forgotten first)
THREAD_TYPES = frozenset(
    {
        discord.ChannelType.public_thread,
        discord.ChannelType.private_thread,
        discord.ChannelType.news_thread,
    }
)


class AnswerIndex:
    """Which conversation each of the twin's answer messages belongs to (bounded, LRU)."""

    def __init__(self, size: int = KNOWN_ANSWERS) -> None:
        self._size = size
        self._keys: OrderedDict[int, str] = OrderedDict()

    def add(self, message_id: int, key: str) -> None:
        self._keys[message_id] = key
        self._keys.move_to_end(message_id)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)

    def get(self, message_id: int) -> str | None:
        return self._keys.get(message_id)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._keys


def is_thread(channel: object) -> bool:
    return isinstance(channel, discord.Thread) or getattr(channel, "type", None) in THREAD_TYPES


def with_parent(channel_id: str, channel: object) -> list[str]:
    """`channel_id` and, for a thread, its parent's id: the access lists may name either."""
    parent = getattr(channel, "parent_id", None) if is_thread(channel) else None
    return [channel_id, str(parent)] if parent else [channel_id]


class Conversations:
    """Memory keys. A DM channel and a thread are one conversation each; elsewhere the key is
    the root of the reply chain, so replying to the twin's answer continues the conversation.
    Keys come from Discord ids only, so the core's memory still matches them after a restart
    (the chain is then walked through Discord instead of the in-memory index)."""

    def __init__(self, answers: AnswerIndex | None = None) -> None:
        self.answers = answers or AnswerIndex()

    @staticmethod
    def chain_key(channel_id: int, root_id: int) -> str:
        return f"discord:{channel_id}:{root_id}"

    async def key_for(self, message: discord.Message) -> str:
        channel = message.channel
        if message.guild is None:
            return f"discord:dm:{channel.id}"
        if is_thread(channel):
            return f"discord:thread:{channel.id}"
        root = message.id
        current = message
        for _ in range(MAX_CHAIN_HOPS):
            ref = current.reference
            if (
                ref is None
                or ref.message_id is None
                or ref.channel_id != channel.id
                or ref.type is discord.MessageReferenceType.forward
            ):
                break
            known = self.answers.get(ref.message_id)
            if known is not None:
                return known
            root = ref.message_id
            parent = await self._parent(ref, channel)
            if parent is None:
                break
            current = parent
        return self.chain_key(channel.id, root)

    @staticmethod
    async def _parent(ref: discord.MessageReference, channel: Any) -> discord.Message | None:
        if isinstance(ref.resolved, discord.Message):
            return ref.resolved
        if isinstance(ref.resolved, discord.DeletedReferencedMessage) or ref.message_id is None:
            return None
        if ref.cached_message is not None:
            return ref.cached_message
        try:
            fetched: discord.Message = await channel.fetch_message(ref.message_id)
        except (discord.HTTPException, AttributeError):
            return None
        return fetched

    def replies_to_me(self, message: discord.Message, my_id: int) -> bool:
        ref = message.reference
        if ref is None or ref.message_id is None:
            return False
        if ref.message_id in self.answers:
            return True
        resolved = ref.resolved
        return isinstance(resolved, discord.Message) and resolved.author.id == my_id
