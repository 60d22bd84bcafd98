"""The twin as a user-installable app: `/ask` and the message menu "Ask <name>'s twin", usable
in any server, DM or group DM where a member installed the app (user installs receive
interactions only). Both defer at once (Discord allows 3 s), then answer in followups, with the
feedback buttons under a model's answer. The access lists apply; a refusal is ephemeral."""

from __future__ import annotations

import contextlib
import logging
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.discord.commands import answer_privately
from bot.discord.conversations import with_parent
from bot.discord.convert import is_admin, question_text
from bot.discord.reply import answer_parts, no_pings
from core.types import Answer, Question

if TYPE_CHECKING:
    from bot.discord.base import TwinClientBase

log = logging.getLogger(__name__)

ASK = "ask"
MENU_LIMIT = 32  # characters of a context menu's name
EMPTY_MESSAGE = "That message has no text I can read - pick one with a question in it."


def menu_name(owner: str) -> str:
    """ "Ask Maya's twin" (Discord allows 32 characters)."""
    first = owner.split()[0] if owner.strip() else ""
    name = f"Ask {first}'s twin" if first else "Ask the twin"
    return name if len(name) <= MENU_LIMIT else "Ask the twin"


def interaction_question(
    client: TwinClientBase, interaction: discord.Interaction[Any], text: str
) -> Question:
    user = interaction.user
    channel = str(interaction.channel_id or "")
    return Question(
        text=text,
        platform="discord",
        user_id=str(user.id),
        channel_id=channel,
        conversation=f"discord:ask:{channel}:{user.id}",
        is_dm=interaction.guild_id is None,
        is_admin=is_admin(user, client.config.discord),
    )


class FollowupReply:
    """The runner's `Reply` for `/ask` and the menu: the interaction is deferred (Discord shows
    "thinking…"); the whole answer comes in followups, not streamed."""

    streaming = False

    def __init__(self, interaction: discord.Interaction[Any]) -> None:
        self._interaction = interaction
        self.posted: list[str] = []

    def working(self) -> AbstractAsyncContextManager[object]:
        return contextlib.nullcontext()

    async def push(self, delta: str) -> None:
        """Never called: the answer is not streamed."""

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        pieces, view = answer_parts(answer, sources)
        for index, piece in enumerate(pieces):
            followup, mentions = self._interaction.followup, no_pings()
            if index == len(pieces) - 1 and view is not None:
                sent = await followup.send(piece, view=view, allowed_mentions=mentions, wait=True)
            else:
                sent = await followup.send(piece, allowed_mentions=mentions, wait=True)
            self.posted.append(str(sent.id))

    async def fail(self, text: str) -> None:
        """In a followup once deferred, else privately; never raises."""
        try:
            if self._interaction.response.is_done():
                await self._interaction.followup.send(text, allowed_mentions=no_pings())
            else:
                await self._interaction.response.send_message(text, ephemeral=True)
        except Exception:
            log.exception("discord: could not deliver the apology either")


async def answer_interaction(
    client: TwinClientBase, interaction: discord.Interaction[Any], text: str, key: str
) -> None:
    """Defer, answer `text` as the twin in followups, and report the outcome under `key`."""
    runner, reply = client.runner, FollowupReply(interaction)

    async def answer() -> str:
        user, is_dm = str(interaction.user.id), interaction.guild_id is None
        channels = with_parent(str(interaction.channel_id or ""), interaction.channel)
        verdict = runner.access.check(user, channels, is_dm=is_dm)
        if not verdict.allowed:
            line = verdict.reply or "Sorry, I don't answer in this channel."
            await answer_privately(interaction, line)
            return f"refused: {verdict.reason}"
        await interaction.response.defer(thinking=True)
        if not text.strip():
            await interaction.followup.send(EMPTY_MESSAGE, allowed_mentions=no_pings())
            return "answered"
        question = interaction_question(client, interaction, text)
        return await runner.answer(question, reply, channel=str(interaction.channel_id or ""))

    await runner.handle(key, answer, reply.fail)


def _everywhere(callback: Any) -> Any:
    """Installable by servers and by members; usable in servers, DMs and group DMs."""
    callback = app_commands.allowed_installs(guilds=True, users=True)(callback)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(callback)


def ask_command(client: TwinClientBase) -> app_commands.Command[Any, Any, None]:
    """`/ask question:<text>`."""

    @app_commands.describe(question="What you'd like to know")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await answer_interaction(client, interaction, question, f"command:/{ASK}")

    return app_commands.Command(
        name=ASK,
        description=f"Ask {client.twin.profile.name or 'the twin'}'s twin a question"[:100],
        callback=_everywhere(ask),
    )


def ask_menu(client: TwinClientBase) -> app_commands.ContextMenu:
    """The message menu: answers the selected message's question."""
    name = menu_name(client.twin.profile.name)

    async def ask_about(interaction: discord.Interaction, message: discord.Message) -> None:
        text = question_text(message, client.my_id)
        await answer_interaction(client, interaction, text, f"menu:{name}")

    return app_commands.ContextMenu(name=name, callback=_everywhere(ask_about))
