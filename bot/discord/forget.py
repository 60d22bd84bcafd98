"""`/twin-forget [member]`: a member deletes what the twin stored of theirs; admins may name
another member. Deferred at once, answered ephemerally with what was deleted."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.discord.commands import answer_privately
from bot.discord.convert import is_admin
from bot.discord.reply import no_pings

if TYPE_CHECKING:
    from bot.discord.base import TwinClientBase

NAME = "twin-forget"


def forget_command(client: TwinClientBase) -> app_commands.Command[Any, Any, None]:
    """The `/twin-forget` command for `client`'s twin."""

    @app_commands.describe(member="Admins only: the member to forget (default: you)")
    async def run(interaction: discord.Interaction, member: discord.User | None = None) -> None:
        started = time.monotonic()
        caller = interaction.user
        target = member or caller
        if target.id != caller.id and not is_admin(caller, client.config.discord):
            await answer_privately(
                interaction, "Sorry, only the twin's admins can make me forget someone else."
            )
            await client.runner.done(f"command:/{NAME}", "refused", started)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        gone = await client.twin.privacy.forget("discord", str(target.id))
        whose = "your" if target.id == caller.id else f"<@{target.id}>'s"
        text = (
            f"Done: I deleted {whose} conversations with me ({gone.turns} messages), "
            f"{gone.gaps} unanswered questions and {gone.cached} cached answers. "
            "Usage counts stay for the budget, without the user ID."
        )
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=no_pings())
        await client.runner.done(f"command:/{NAME}", "forgot", started)

    return app_commands.Command(
        name=NAME, description="Delete what the twin stored of yours", callback=run
    )
