"""The owner loop on Discord: cards DMed to `[owner] discord_user` (an embed and buttons),
the buttons (Answer opens a modal; Keep private / Ignore decide at once), the modal's
submission, the owner's words as a reply to each asker's message, and `/twin-why`.

Buttons and the modal are recognised by custom id in `on_interaction`, so cards sent before a
restart still work. Only the owner can decide a card: anyone else is told so, privately.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.cli.gaps import owner_decision
from bot.discord.commands import NotAdmin
from bot.discord.convert import is_admin
from bot.discord.feedback import custom_id_of
from bot.discord.owner_render import (
    CUSTOM_PREFIX,
    MODAL_INPUT,
    AnswerModal,
    card_embed,
    card_view,
    closed_embed,
    digest_embed,
    owner_gaps_view,
    why_embed,
)
from bot.discord.render import gaps_embeds
from bot.discord.reply import no_pings
from core.owner.digest import WeeklyDigest
from core.owner.owner_cards import (
    ACTION_ANSWER,
    ACTION_IGNORE,
    ACTION_PRIVATE,
    OwnerCard,
    OwnerOutcome,
    OwnerReply,
)

if TYPE_CHECKING:
    from bot.discord.base import TwinClientBase

log = logging.getLogger(__name__)

_LINK = re.compile(r"discord(?:app)?\.com/channels/(?:@me|\d+)/(\d+)/(\d+)")
NOT_OWNER = "Sorry, only the twin's owner can answer, keep private or ignore a gap."


def parse_message_link(text: str) -> tuple[str, str] | None:
    """(channel id, message id) of a Discord message link, or None."""
    found = _LINK.search(text)
    return (found.group(1), found.group(2)) if found else None


def _values(components: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """custom_id -> value of every text input in a modal submission (rows or labels)."""
    out: dict[str, str] = {}
    for component in components:
        if "value" in component and "custom_id" in component:
            out[str(component["custom_id"])] = str(component["value"] or "")
        inner = component.get("components") or []
        if component.get("component"):
            inner = [*inner, component["component"]]
        out.update(_values(inner))
    return out


class DiscordOwner:
    """The `OwnerOutlet` for Discord and the handlers of the card, the modal and /twin-why."""

    platform = "discord"

    def __init__(self, client: TwinClientBase) -> None:
        self.client = client
        self.twin = client.twin
        self.owner_id = client.config.owner.discord_user
        if self.owner_id:
            self.twin.owner.subscribe(self)

    # --- OwnerOutlet ---------------------------------------------------------------------

    async def _to_owner(self, text: str | None = None, **extra: Any) -> bool:
        """DM the owner; False when there is nobody to send to (not connected, or no owner)."""
        if self.client.is_closed() or self.client.user is None or not self.owner_id.isdigit():
            return False
        owner = await self.client.fetch_user(int(self.owner_id))
        await owner.send(text, allowed_mentions=no_pings(), **extra)
        return True

    async def send_card(self, card: OwnerCard) -> bool:
        return await self._to_owner(embed=card_embed(card), view=card_view(card.group_id))

    async def send_reply(self, reply: OwnerReply) -> bool:
        if self.client.is_closed() or not reply.channel_id.isdigit():
            return False
        channel = self.client.get_partial_messageable(int(reply.channel_id))
        reference = None
        if reply.reply_to.isdigit():
            reference = discord.MessageReference(
                message_id=int(reply.reply_to),
                channel_id=int(reply.channel_id),
                fail_if_not_exists=False,
            )
        text = discord.utils.escape_markdown(reply.labelled)[:2000]
        try:
            await channel.send(text, reference=reference, allowed_mentions=no_pings())  # type: ignore[arg-type]
        except discord.HTTPException as exc:  # e.g. a user install's channel the bot is not in
            if not reply.user_id.isdigit():
                raise
            log.info("discord: gap %d reply by DM instead (HTTP %s)", reply.group_id, exc.status)
            asker = await self.client.fetch_user(int(reply.user_id))
            await asker.send(text, allowed_mentions=no_pings())
        return True

    async def send_notice(self, text: str) -> bool:
        return await self._to_owner(discord.utils.escape_markdown(text)[:2000])

    async def send_digest(self, digest: WeeklyDigest) -> bool:
        return await self._to_owner(embed=digest_embed(digest))

    # --- interactions --------------------------------------------------------------------

    @staticmethod
    def handles(interaction: discord.Interaction[Any]) -> bool:
        return interaction.type in (
            discord.InteractionType.component,
            discord.InteractionType.modal_submit,
        ) and custom_id_of(interaction).startswith(CUSTOM_PREFIX)

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        started = time.monotonic()
        data: Mapping[str, Any] = interaction.data or {}
        _, action, raw_id = [*custom_id_of(interaction).split(":"), "", ""][:3]
        outcome_key = f"card:{action}"
        try:
            group_id = int(raw_id)
        except ValueError:
            log.warning("discord: a card interaction without a gap id (%r)", raw_id)
            return
        if not self.twin.owner.is_owner("discord", str(interaction.user.id)):
            await interaction.response.send_message(NOT_OWNER, ephemeral=True)
            await self.client.runner.done(outcome_key, "refused", started)
            return
        by = str(interaction.user.id)
        if action == ACTION_ANSWER:
            group, refusal = await self.twin.owner.open_group(group_id)
            if refusal is not None or group is None:
                assert refusal is not None
                await interaction.response.send_message(refusal.message, ephemeral=True)
            else:
                await interaction.response.send_modal(AnswerModal(group_id, group.example))
            await self.client.runner.done(
                outcome_key, "modal" if refusal is None else "closed", started
            )
            return
        if action not in ("modal", ACTION_PRIVATE, ACTION_IGNORE):
            log.warning("discord: unknown card action %r", action)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        if action == "modal":  # the answer modal's submission
            text = _values(data.get("components") or []).get(MODAL_INPUT, "")
            outcome = await owner_decision(self.twin, ACTION_ANSWER, group_id, by, text)
        else:
            outcome = await owner_decision(self.twin, action, group_id, by)
        await self._tell(interaction, outcome)
        await self.client.runner.done(outcome_key, outcome.status, started)

    async def _tell(self, interaction: discord.Interaction[Any], outcome: OwnerOutcome) -> None:
        """Close the card when decided; tell the owner what happened (with their text when it
        was not used: nothing is lost)."""
        if outcome.ok and interaction.message is not None:
            card = interaction.message.embeds[0] if interaction.message.embeds else None
            try:
                await interaction.message.edit(embed=closed_embed(card, outcome.message), view=None)
            except discord.HTTPException as exc:
                log.warning("discord: could not close the card (HTTP %s)", exc.status)
        text = outcome.message
        if outcome.kept_text:
            text += f"\n\nYour text:\n{outcome.kept_text}"
        if len(text) > 2000:
            text = text[:1990] + "…"
            if outcome.kept_text:
                await interaction.followup.send(
                    outcome.message,
                    file=discord.File(
                        io.BytesIO(outcome.kept_text.encode()), filename="answer.txt"
                    ),
                    ephemeral=True,
                )
                return
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=no_pings())

    def _admin_or_owner(self, interaction: discord.Interaction[Any]) -> bool:
        """Who may run /twin-gaps and /twin-why."""
        user = interaction.user
        if is_admin(user, self.client.config.discord):
            return True
        return self.twin.owner.is_owner("discord", str(user.id))

    # --- /twin-gaps (admins see the list; the owner gets buttons too) ---------------------

    def gaps_command(self) -> app_commands.Command[Any, Any, None]:
        async def twin_gaps(interaction: discord.Interaction) -> None:
            started = time.monotonic()
            await interaction.response.defer(ephemeral=True, thinking=True)
            report = await self.twin.gaps_report()
            embeds = gaps_embeds(report)
            if self.twin.owner.is_owner("discord", str(interaction.user.id)):
                await interaction.followup.send(
                    embeds=embeds, view=owner_gaps_view(report), ephemeral=True
                )
            else:
                await interaction.followup.send(
                    embeds=embeds, ephemeral=True, allowed_mentions=no_pings()
                )
            await self.client.runner.done("command:/twin-gaps", "reported", started)

        def check(interaction: discord.Interaction[Any]) -> bool:
            if not self._admin_or_owner(interaction):
                raise NotAdmin("/twin-gaps is for admins and the owner")
            return True

        twin_gaps = app_commands.default_permissions(administrator=True)(twin_gaps)  # a hint
        twin_gaps = app_commands.check(check)(twin_gaps)
        return app_commands.Command(
            name="twin-gaps",
            description="Questions the profile could not answer (admins and the owner)",
            callback=twin_gaps,
        )

    # --- /twin-why -----------------------------------------------------------------------

    def why_command(self) -> app_commands.Command[Any, Any, None]:
        @app_commands.describe(link="A link to one of my answers (default: my last one here)")
        async def twin_why(interaction: discord.Interaction, link: str = "") -> None:
            started = time.monotonic()
            if not self._admin_or_owner(interaction):
                await interaction.response.send_message(
                    "Sorry, `/twin-why` is only for the twin's owner and admins.", ephemeral=True
                )
                await self.client.runner.done("command:/twin-why", "refused", started)
                return
            await interaction.response.defer(ephemeral=True, thinking=True)
            # the answer linked to, else the last one in the channel the command was run in
            where = parse_message_link(link) or (str(interaction.channel_id or ""),)
            request_id = await self.twin.answers.for_message("discord", *where)
            report = await self.twin.answers.why(request_id) if request_id else None
            if report is None:
                await interaction.followup.send(
                    "I found no answer of mine there. Give a link to one of my answers "
                    "(… → Copy Message Link), or run it where I answered.",
                    ephemeral=True,
                )
            else:
                await interaction.followup.send(embed=why_embed(report), ephemeral=True)
            await self.client.runner.done("command:/twin-why", "reported", started)

        twin_why = app_commands.default_permissions(administrator=True)(twin_why)  # a hint
        return app_commands.Command(
            name="twin-why",
            description="The facts and the model behind one of my answers (owner and admins)",
            callback=twin_why,
        )
