"""The twin as a user-installable app: `/ask` and the message menu "Ask <name>'s twin", usable
in any server, DM or group DM where a member installed the app (user installs receive
interactions only). Both defer at once (Discord allows 3 s), then answer in followups, with the
feedback buttons under a model's answer. The access lists apply; a refusal is ephemeral."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.access import AccessRules
from bot.common import split_message
from bot.discord.convert import is_admin, question_text
from bot.discord.feedback import feedback_view
from bot.discord.owner_render import sources_subtext
from bot.discord.reply import MESSAGE_LIMIT, apology, new_error_id, no_pings
from bot.sources import shown_sources
from core.types import Question

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


def _channels(interaction: discord.Interaction[Any]) -> tuple[str, ...]:
    channel = interaction.channel
    parent = getattr(channel, "parent_id", None)
    ids = [str(interaction.channel_id or "")]
    if parent:
        ids.append(str(parent))
    return tuple(ids)


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
        user_name=user.display_name,
        is_dm=interaction.guild_id is None,
        is_admin=is_admin(user, client.config.discord),
    )


async def answer_interaction(
    client: TwinClientBase, interaction: discord.Interaction[Any], text: str, key: str
) -> None:
    """Defer, answer `text` as the twin in followups, and report the outcome under `key`."""
    started = time.monotonic()
    outcome = "failed"
    try:
        verdict = AccessRules.of(client.config.discord).check(
            str(interaction.user.id), _channels(interaction), is_dm=interaction.guild_id is None
        )
        if not verdict.allowed:
            line = verdict.reply or "Sorry, I don't answer in this channel."
            await interaction.response.send_message(
                line, ephemeral=True, allowed_mentions=no_pings()
            )
            outcome = f"refused: {verdict.reason}"
            return
        await interaction.response.defer(thinking=True)
        if not text.strip():
            await interaction.followup.send(EMPTY_MESSAGE, allowed_mentions=no_pings())
            outcome = "answered"
            return
        answer = await client.twin.answer(interaction_question(client, interaction, text))
        pieces = split_message(answer.text, MESSAGE_LIMIT) or ["…"]
        if sources := shown_sources(answer, client.config):
            footer = sources_subtext(sources)
            if len(pieces[-1]) + 1 + len(footer) <= MESSAGE_LIMIT:
                pieces[-1] = f"{pieces[-1]}\n{footer}"
            else:
                pieces.append(footer)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            if last and answer.from_model:
                view = feedback_view(answer.answer_id)
                sent = await interaction.followup.send(
                    piece, view=view, allowed_mentions=no_pings(), wait=True
                )
            else:
                sent = await interaction.followup.send(
                    piece, allowed_mentions=no_pings(), wait=True
                )
            channel = str(interaction.channel_id or "")
            await client.twin.answers.posted("discord", channel, str(sent.id), answer.request_id)
        outcome = "answered"
    except Exception:
        error_id = new_error_id()
        log.exception("discord %s failed [error %s]", key, error_id)
        outcome = f"failed {error_id}"
        try:
            if interaction.response.is_done():
                await interaction.followup.send(apology(error_id), allowed_mentions=no_pings())
            else:
                await interaction.response.send_message(apology(error_id), ephemeral=True)
        except Exception:
            log.exception("discord: could not deliver the apology either")
    finally:
        await client.done(key, outcome, started)


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
