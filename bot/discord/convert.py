"""Discord message -> core Question: `ignore_reason` says why a message is not for the twin
(bots, itself, system messages, channel talk that does not mention it); `question_text` strips
the twin's own mention; `to_question` builds the platform-neutral question."""

from __future__ import annotations

import re

import discord

from bot.discord.conversations import Conversations
from core.config import DiscordConfig
from core.types import Question

ANSWERED_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})


def is_admin(person: discord.abc.User, settings: DiscordConfig) -> bool:
    """An admin by user ID, or by one of their roles (server members only)."""
    if str(person.id) in settings.admins:
        return True
    roles = getattr(person, "roles", None) or ()
    return any(str(role.id) in settings.admin_roles for role in roles)


def _my_role_ids(message: discord.Message, my_id: int) -> set[int]:
    """The twin's own managed role(s) mentioned in the message (Discord sometimes inserts the
    bot's role instead of its user when someone picks it from the @ list)."""
    return {
        role.id
        for role in message.role_mentions
        if role.tags is not None and role.tags.bot_id == my_id
    }


def mentions_me(message: discord.Message, my_id: int) -> bool:
    return any(u.id == my_id for u in message.mentions) or bool(_my_role_ids(message, my_id))


_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_CHANNEL_MENTION = re.compile(r"<#(\d+)>")


def question_text(message: discord.Message, my_id: int) -> str:
    """The message as its author meant it: the twin's own mention removed, other mentions
    shown as @name / #channel."""
    users = {u.id: u.display_name for u in message.mentions}
    roles = {r.id: r.name for r in message.role_mentions}
    mine = _my_role_ids(message, my_id)

    def user(match: re.Match[str]) -> str:
        uid = int(match.group(1))
        if uid == my_id:
            return " "
        return f"@{users[uid]}" if uid in users else match.group(0)

    def role(match: re.Match[str]) -> str:
        rid = int(match.group(1))
        if rid in mine:
            return " "
        return f"@{roles[rid]}" if rid in roles else match.group(0)

    def channel(match: re.Match[str]) -> str:
        found = message.guild.get_channel(int(match.group(1))) if message.guild else None
        return f"#{found.name}" if found is not None else match.group(0)

    text = _USER_MENTION.sub(user, message.content)
    text = _ROLE_MENTION.sub(role, text)
    text = _CHANNEL_MENTION.sub(channel, text)
    return re.sub(r"[ \t]+", " ", text).strip()


def ignore_reason(message: discord.Message, my_id: int, conversations: Conversations) -> str | None:
    """Why this message gets no answer, or None when someone is talking to the twin."""
    if message.author.id == my_id:
        return "from the twin itself"
    if message.author.bot or message.webhook_id is not None:
        return "from a bot"
    if message.type not in ANSWERED_TYPES:
        return f"message type {message.type.name}"
    if message.guild is None:
        return None
    if mentions_me(message, my_id):
        return None
    if conversations.replies_to_me(message, my_id):
        if not message.content and not message.attachments:
            # a reply that does not ping the twin: its text is hidden without the
            # message-content intent
            return "reply without a mention (text not visible)"
        return None
    return "not addressed to the twin"


def to_question(message: discord.Message, *, my_id: int, key: str, admin: bool) -> Question:
    """The platform-neutral question for a message `ignore_reason` let through."""
    return Question(
        text=question_text(message, my_id),
        platform="discord",
        user_id=str(message.author.id),
        channel_id=str(message.channel.id),
        conversation=key,
        is_dm=message.guild is None,
        is_admin=admin,
        attachments=len(message.attachments),
        reply_to=str(message.id),
    )
