"""Feedback buttons under the twin's answers on Discord: 👍 / 👎 with custom ids that carry the
vote and the answer id ("twin:fb:up:<id>"), so they keep working after a restart. The view is
stopped before it is sent, so discord.py keeps no state for it: the clicks arrive in the
client's `on_interaction`, which hands them to `handle_click` (one vote per member per answer,
the last click wins)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

PREFIX = "twin:fb:"
THANKS = {True: "Thanks - glad that helped. 👍", False: "Thanks - I'll tell my owner. 👎"}


def feedback_view(answer_id: str) -> discord.ui.View:
    """Two buttons for one answer; a finished view (sent as components, never dispatched)."""
    view = discord.ui.View(timeout=None)
    for vote, emoji, label in (("up", "👍", "Helpful"), ("down", "👎", "Not helpful")):
        view.add_item(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji=emoji,
                label=label,
                custom_id=f"{PREFIX}{vote}:{answer_id}",
            )
        )
    view.stop()
    return view


def parse_custom_id(custom_id: str) -> tuple[str, bool] | None:
    """("answer id", helpful) from a button's custom id, or None when it is not ours."""
    if not custom_id.startswith(PREFIX):
        return None
    vote, _, answer_id = custom_id[len(PREFIX) :].partition(":")
    if vote not in ("up", "down") or not answer_id:
        return None
    return answer_id, vote == "up"


def custom_id_of(interaction: discord.Interaction[Any]) -> str:
    data: Mapping[str, Any] = interaction.data or {}
    return str(data.get("custom_id") or "")


async def handle_click(twin: Twin, interaction: discord.Interaction[Any]) -> str | None:
    """Store a feedback click and thank the member privately; None when it is not a click on
    one of our buttons (the caller leaves the interaction alone)."""
    if interaction.type is not discord.InteractionType.component:
        return None
    vote = parse_custom_id(custom_id_of(interaction))
    if vote is None:
        return None
    answer_id, helpful = vote
    await twin.record_feedback("discord", answer_id, str(interaction.user.id), helpful=helpful)
    await interaction.response.send_message(
        THANKS[helpful], ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
    )
    return "feedback stored"
