"""The app commands: admin-only report commands (deferred at once, answered in a followup)
and a command tree that answers every failed command."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.discord.convert import is_admin
from bot.discord.reply import no_pings
from bot.runner import apology, new_error_id

if TYPE_CHECKING:
    from bot.discord.base import TwinClientBase

log = logging.getLogger(__name__)


class NotAdmin(app_commands.CheckFailure):
    """Someone who is not a configured admin ran an admin command."""


R = TypeVar("R")


async def answer_privately(interaction: discord.Interaction[Any], text: str) -> None:
    """An ephemeral answer, whether or not the interaction was already deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=no_pings())
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=no_pings())


class TwinCommandTree(app_commands.CommandTree["TwinClientBase"]):
    """Every failed command gets an answer: a refusal for non-admins, else an apology with an
    error id (discord.py's default `on_error` only logs)."""

    async def on_error(
        self,
        interaction: discord.Interaction[TwinClientBase],
        error: app_commands.AppCommandError,
    ) -> None:
        name = interaction.command.name if interaction.command else "command"
        if isinstance(error, NotAdmin):
            text = f"Sorry, `/{name}` is only for the twin's admins."
            outcome = "refused"
        elif isinstance(error, app_commands.CommandNotFound):
            name = error.name
            text = f"`/{name}` is not one of my commands any more."
            outcome = "unknown command"
        else:
            error_id = new_error_id()
            log.error("discord /%s failed [error %s]", name, error_id, exc_info=error)
            text = apology(error_id)
            outcome = f"failed {error_id}"
        try:
            await answer_privately(interaction, text)
        except Exception:
            log.exception("discord: could not answer /%s at all", name)
        await self.client.runner.done(f"command:/{name}", outcome, time.monotonic())


def report_command(
    client: TwinClientBase,
    name: str,
    description: str,
    build: Callable[[], Awaitable[R]],
    render: Callable[[R], list[discord.Embed]],
) -> app_commands.Command[Any, Any, None]:
    """An admin-only slash command: defer at once (Discord allows 3 s), `build` the report,
    then send `render`'s embeds of it."""

    async def run(interaction: discord.Interaction) -> None:
        started = time.monotonic()
        await interaction.response.defer(ephemeral=True, thinking=True)
        embeds = render(await build())
        await interaction.followup.send(embeds=embeds, ephemeral=True, allowed_mentions=no_pings())
        await client.runner.done(f"command:/{name}", "reported", started)

    def check(interaction: discord.Interaction[Any]) -> bool:
        if not is_admin(interaction.user, client.config.discord):
            raise NotAdmin(f"/{name} is for admins")
        return True

    run = app_commands.default_permissions(administrator=True)(run)  # a hint: checked below too
    run = app_commands.check(check)(run)
    return app_commands.Command(name=name, description=description, callback=run)
