"""Discord's part of the store's inbox of accepted questions (issue 32): what an instance writes
down when it takes on a message (`Accepted`, the entry's payload), and what a survivor finds of
the reply a stopped instance left half streamed (`left_replies`).

Any instance can answer an accepted message through Discord's REST API: the payload holds the
channel, the message to reply to and the question as the accepting instance built it (text,
author, admin or not, conversation key), so the survivor needs neither the gateway event nor
the server in its cache. The half-streamed reply is found, not stored: it is the twin's own
reply to that message in the channel's history (no store round trip on the answer path).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass

import discord

from bot.runner import TOO_LATE as TOO_LATE
from core.types import Question

log = logging.getLogger(__name__)

HISTORY_LOOKED_AT = 100  # messages after the question searched for a reply left behind


def entry_key(message_id: int | str) -> str:
    """The once-only key of a Discord message (its inbox entry is `event:` + this)."""
    return f"discord:{message_id}"


@dataclass(frozen=True)
class Accepted:
    """A message the twin took on: where to answer it and the question it asked."""

    channel_id: int
    guild_id: int | None
    message_id: int
    question: Question

    def payload(self) -> str:
        """The inbox entry's payload (JSON text)."""
        return json.dumps(
            {
                "channel_id": str(self.channel_id),
                "guild_id": None if self.guild_id is None else str(self.guild_id),
                "message_id": str(self.message_id),
                "question": dataclasses.asdict(self.question),
            }
        )

    @classmethod
    def of(cls, message: discord.Message, question: Question) -> Accepted:
        """The message as taken on, with the question built from it."""
        guild = message.guild.id if message.guild is not None else None
        return cls(message.channel.id, guild, message.id, question)

    @classmethod
    def load(cls, payload: str) -> Accepted:
        """The `payload` an instance wrote back into an `Accepted`. A field the question has
        since dropped (an entry left by an older twin, e.g. `user_name`) is passed over."""
        saved = json.loads(payload)
        guild = saved.get("guild_id")
        known = {f.name for f in dataclasses.fields(Question)}
        return cls(
            int(saved["channel_id"]),
            None if guild is None else int(guild),
            int(saved["message_id"]),
            Question(**{k: v for k, v in saved["question"].items() if k in known}),
        )


async def left_replies(
    channel: discord.PartialMessageable, question_id: int, my_id: int
) -> list[discord.Message]:
    """The twin's replies to message `question_id`, oldest first: what a stopped instance
    posted of its answer (a preview it was still editing, or the pieces of a finished one).
    Empty when the history cannot be read (no Read Message History permission)."""
    found: list[discord.Message] = []
    try:
        async for message in channel.history(
            after=discord.Object(question_id), limit=HISTORY_LOOKED_AT, oldest_first=True
        ):
            ref = message.reference
            if message.author.id == my_id and ref is not None and ref.message_id == question_id:
                found.append(message)
    except discord.HTTPException as exc:
        log.warning("discord: could not read what a stopped twin left (HTTP %s)", exc.status)
    return found
