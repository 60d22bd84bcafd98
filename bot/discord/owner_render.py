"""Discord pieces of the owner loop: the card (an embed and three buttons), the answer modal,
the sources subtext line and the /twin-why embed."""

from __future__ import annotations

import discord

from bot.discord.render import BLURPLE, GREEN, ORANGE, add_field, clip, escape, new_embed
from bot.report_lines import digest_sections
from core.insight.reports import GapsReport
from core.insight.why import WhyReport
from core.owner.digest import WeeklyDigest
from core.owner.owner_cards import ACTION_ANSWER, ACTION_IGNORE, ACTION_PRIVATE, OwnerCard

CUSTOM_PREFIX = "twin_gap:"  # buttons: twin_gap:answer:12; the modal: twin_gap:modal:12
MODAL_INPUT = "text"
MODAL_MAX_CHARS = 4000  # Discord's own limit for a text input


def card_embed(card: OwnerCard) -> discord.Embed:
    quoted = "\n".join(f"> {escape(q)}" for q in card.questions)
    embed = new_embed(card.title, quoted, colour=ORANGE)
    if card.detail:
        add_field(embed, card.detail_label, escape(card.detail))
    first = card.first_asked.strftime("%Y-%m-%d %H:%M UTC")
    last = card.last_asked.strftime("%Y-%m-%d %H:%M UTC")
    embed.set_footer(text=f"{card.summary} · first {first}, last {last} · gap {card.group_id}")
    return embed


def _add_buttons(
    view: discord.ui.View, group_id: int, labels: tuple[str, str, str], row: int | None = None
) -> None:
    """Answer / Keep private / Ignore for one gap group, handled by the client's
    `on_interaction` by custom id, so they keep working after a restart."""
    for label, action, style in zip(
        labels,
        (ACTION_ANSWER, ACTION_PRIVATE, ACTION_IGNORE),
        (discord.ButtonStyle.primary, discord.ButtonStyle.secondary, discord.ButtonStyle.secondary),
        strict=True,
    ):
        custom_id = f"{CUSTOM_PREFIX}{action}:{group_id}"
        view.add_item(discord.ui.Button(label=label, style=style, custom_id=custom_id, row=row))


def card_view(group_id: int) -> discord.ui.View:
    """The card's three buttons."""
    view = discord.ui.View(timeout=None)
    _add_buttons(view, group_id, ("Answer", "Keep private", "Ignore"))
    return view


def owner_gaps_view(report: GapsReport) -> discord.ui.View:
    """The owner's `/twin-gaps`: the card's buttons for the first five groups (a row each)."""
    view = discord.ui.View(timeout=None)
    for row, g in enumerate(report.groups[:5]):
        labels = (f"Answer #{g.id}", f"Keep #{g.id} private", f"Ignore #{g.id}")
        _add_buttons(view, g.id, labels, row)
    return view


def closed_embed(card: discord.Embed | None, outcome_text: str) -> discord.Embed:
    embed = card.copy() if card is not None else new_embed("Gap", colour=GREEN)
    embed.colour = GREEN
    add_field(embed, "Done", outcome_text)
    return embed


class AnswerModal(discord.ui.Modal):
    """The form the owner writes their answer in; its submission is handled by custom id."""

    def __init__(self, group_id: int, question: str) -> None:
        super().__init__(
            title="Answer as yourself", custom_id=f"{CUSTOM_PREFIX}modal:{group_id}", timeout=None
        )
        self.add_item(
            discord.ui.TextInput(
                label=clip(question, 45) or "Your answer",
                custom_id=MODAL_INPUT,
                style=discord.TextStyle.paragraph,
                max_length=MODAL_MAX_CHARS,
                required=True,
                placeholder="Saved to your learned facts and sent to everyone who asked.",
            )
        )


def sources_subtext(headings: tuple[str, ...]) -> str:
    return "-# Sources: " + " · ".join(escape(h) for h in headings)


def why_embed(report: WhyReport) -> discord.Embed:
    model = f"`{report.model}`" if report.model else "no model (from the profile)"
    embed = new_embed(
        "Why I answered that way",
        f"**Question:** {escape(report.question[:500])}\n**Written by:** {model}",
        colour=BLURPLE,
        at=report.at,
    )
    picked = [f for f in report.facts if f.picked]
    for fact in picked[:10]:
        add_field(embed, fact.title, escape(fact.excerpt) or "(no longer in the profile)")
    rest = [f.title for f in report.facts if not f.picked]
    if rest:
        add_field(embed, "Also in the prompt (whole profile)", escape(", ".join(rest[:30])))
    if not report.facts:
        embed.description = (embed.description or "") + "\nNo profile facts were in the prompt."
    return embed


def digest_embed(digest: WeeklyDigest) -> discord.Embed:
    """The weekly digest card."""
    quiet = "A quiet week: every question answered, no thumbs-down." if digest.empty else ""
    embed = new_embed(f"Your twin's week ({digest.week})", quiet, colour=BLURPLE)
    for title, text in digest_sections(digest, escape, 150):
        add_field(embed, title, text)
    embed.set_footer(text="twin gaps lists every open gap; answer one with its ID.")
    return embed
