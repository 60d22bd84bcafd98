"""Block Kit for the owner loop: the gap card with Answer / Keep private / Ignore, the answer
modal, a closed card, the sources line under answers, and the /twin-why report."""

from __future__ import annotations

import json
from typing import Any

from bot.report_lines import digest_sections
from bot.slack.render import Block, context, escape_mrkdwn, header, section
from core.insight.reports import GapsReport
from core.insight.why import WhyReport
from core.owner.digest import WeeklyDigest
from core.owner.owner_cards import ACTION_ANSWER, ACTION_IGNORE, ACTION_PRIVATE, OwnerCard
from core.store.owner_records import KIND_THUMBS_DOWN

ACTION_PREFIX = "twin_gap_"  # action ids: twin_gap_answer, twin_gap_private, twin_gap_ignore
MODAL_CALLBACK = "twin_gap_answer_modal"
ANSWER_BLOCK = "answer"
ANSWER_INPUT = "text"
MODAL_MAX_CHARS = 3000  # Slack's own limit for a plain_text_input
MAX_OWNER_GROUPS = 20  # two blocks each, within Slack's 50


def _when(card: OwnerCard) -> str:
    first = card.first_asked.strftime("%Y-%m-%d %H:%M")
    last = card.last_asked.strftime("%Y-%m-%d %H:%M UTC")
    return f"first asked {first}, last {last}" if first != last[:16] else f"asked {last}"


def card_text(card: OwnerCard) -> str:
    return f"{card.title}: “{escape_mrkdwn(card.questions[0][:200])}” (gap {card.group_id})"


def card_blocks(card: OwnerCard) -> list[Block]:
    """The card: the question(s), how many asked and when, then the three buttons."""
    quoted = "\n".join(f"> {escape_mrkdwn(q)}" for q in card.questions)
    blocks: list[Block] = [header(card.title), section(quoted)]
    if card.detail:
        label = card.detail_label
        blocks.append(section(f"*{label}:*\n{escape_mrkdwn(card.detail[:1500])}"))
    blocks.append(context(f"{card.summary} · {_when(card)} · gap {card.group_id}"))
    blocks.append(_buttons(card.group_id))
    return blocks


def _buttons(group_id: int) -> Block:
    """Answer / Keep private / Ignore for one gap group."""
    value = str(group_id)
    return {
        "type": "actions",
        "block_id": f"twin_gap_{group_id}",
        "elements": [
            _button("Answer", ACTION_ANSWER, value, style="primary"),
            _button("Keep private", ACTION_PRIVATE, value),
            _button("Ignore", ACTION_IGNORE, value),
        ],
    }


def _button(label: str, action: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": ACTION_PREFIX + action,
        "text": {"type": "plain_text", "text": label},
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def owner_gaps_blocks(report: GapsReport) -> list[Block]:
    """`/twin-gaps` for the owner: every open group with the card's three buttons."""
    blocks: list[Block] = [header("Questions waiting for you")]
    if not report.groups:
        blocks.append(section("Nothing unanswered so far."))
    for group in report.groups[:MAX_OWNER_GROUPS]:
        kind = " · thumbs-down" if group.kind == KIND_THUMBS_DOWN else ""
        asked = f"{group.count}× · last asked {group.last_asked:%Y-%m-%d %H:%M UTC}{kind}"
        blocks.append(section(f"*#{group.id}* {escape_mrkdwn(group.example)}\n_{asked}_"))
        blocks.append(_buttons(group.id))
    if len(report.groups) > MAX_OWNER_GROUPS:
        blocks.append(context("…more groups: `twin gaps` lists them all"))
    return blocks


def closed_blocks(blocks: list[Block], outcome_text: str) -> list[Block]:
    """The card as it reads once decided: the buttons replaced by what became of it."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    return [*kept, section(f"*{escape_mrkdwn(outcome_text)}*")]


def answer_modal(card_question: str, group_id: int, channel: str, ts: str) -> dict[str, Any]:
    """The form the owner writes their answer in (private_metadata says which gap and card)."""
    meta = json.dumps({"group": group_id, "channel": channel, "ts": ts})
    return {
        "type": "modal",
        "callback_id": MODAL_CALLBACK,
        "private_metadata": meta,
        "title": {"type": "plain_text", "text": "Answer as yourself"},
        "submit": {"type": "plain_text", "text": "Save and send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f"> {escape_mrkdwn(card_question[:2800])}"),
            {
                "type": "input",
                "block_id": ANSWER_BLOCK,
                "label": {"type": "plain_text", "text": "Your answer"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": ANSWER_INPUT,
                    "multiline": True,
                    "max_length": MODAL_MAX_CHARS,
                },
                "hint": {
                    "type": "plain_text",
                    "text": "Saved to your learned facts, used from the next question on, and "
                    "sent to everyone who asked as your own words.",
                },
            },
        ],
    }


def sources_block(headings: tuple[str, ...]) -> Block:
    """The short sources line under an answer: a context block naming the headings used."""
    return context("Sources: " + " · ".join(escape_mrkdwn(h) for h in headings))


def why_blocks(report: WhyReport) -> list[Block]:
    model = f"`{escape_mrkdwn(report.model)}`" if report.model else "no model (from the profile)"
    blocks: list[Block] = [
        header("Why I answered that way"),
        section(f"*Question:* {escape_mrkdwn(report.question[:500])}\n*Written by:* {model}"),
    ]
    picked = [f for f in report.facts if f.picked]
    rest = [f for f in report.facts if not f.picked]
    if picked:
        lines = [f"• *{escape_mrkdwn(f.title)}* — {escape_mrkdwn(f.excerpt)}" for f in picked]
        blocks.append(section("*Facts picked for the question:*\n" + "\n".join(lines)))
    if rest:
        names = ", ".join(escape_mrkdwn(f.title) for f in rest[:30])
        blocks.append(context(f"Also in the prompt (the whole profile was small enough): {names}"))
    if not report.facts:
        blocks.append(section("No profile facts were in the prompt."))
    blocks.append(context(f"answer {report.request_id} · {report.at:%Y-%m-%d %H:%M UTC}"))
    return blocks


def why_text(report: WhyReport) -> str:
    return f"Why: {len(report.facts)} fact(s), model {report.model or 'none'}"


def digest_blocks(digest: WeeklyDigest) -> list[Block]:
    """The weekly digest card."""
    blocks: list[Block] = [header(f"Your twin's week ({digest.week})")]
    if digest.empty:
        blocks.append(section("A quiet week: every question answered, no thumbs-down."))
    for title, text in digest_sections(digest, escape_mrkdwn, 200):
        blocks.append(section(f"*{title}*\n{text}"))
    blocks.append(context("`twin gaps` lists every open gap; answer one with its ID."))
    return blocks


def digest_text(digest: WeeklyDigest) -> str:
    return (
        f"Your twin's week ({digest.week}): {len(digest.unanswered)} unanswered topic(s), "
        f"{len(digest.thumbs_down)} answer(s) voted down"
    )
