"""Feedback buttons under the twin's answers on Slack: a `context_actions` block with
`feedback_buttons` (👍 / 👎), and the `block_actions` handler that stores each click.

Each button's value carries the vote and the answer id ("up:<id>" / "down:<id>"); Slack toggles
the buttons, so a member's last click is their vote (the store keeps one per member)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.slack.render import Block

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

ACTION_ID = "twin_feedback"
UP, DOWN = "up", "down"


def feedback_blocks(answer_id: str) -> list[Block]:
    """The block that goes under one answer."""
    return [
        {
            "type": "context_actions",
            "block_id": f"twin_feedback_{answer_id}",
            "elements": [
                {
                    "type": "feedback_buttons",
                    "action_id": ACTION_ID,
                    "positive_button": {
                        "text": {"type": "plain_text", "text": "👍"},
                        "value": f"{UP}:{answer_id}",
                        "accessibility_label": "This answer helped",
                    },
                    "negative_button": {
                        "text": {"type": "plain_text", "text": "👎"},
                        "value": f"{DOWN}:{answer_id}",
                        "accessibility_label": "This answer did not help",
                    },
                }
            ],
        }
    ]


def parse_vote(value: str) -> tuple[str, bool] | None:
    """("answer id", helpful) from a button value, or None when it is not ours."""
    kind, _, answer_id = value.partition(":")
    if kind not in (UP, DOWN) or not answer_id:
        return None
    return answer_id, kind == UP


async def record_clicks(twin: Twin, body: Mapping[str, Any]) -> int:
    """Store every feedback click in a `block_actions` body; returns how many were stored."""
    user = str((body.get("user") or {}).get("id") or "")
    stored = 0
    for action in body.get("actions") or ():
        if action.get("action_id") != ACTION_ID:
            continue
        vote = parse_vote(str(action.get("value") or ""))
        if vote is None or not user:
            log.info("slack: feedback click without a vote or a user ignored")
            continue
        await twin.record_feedback("slack", vote[0], user, helpful=vote[1])
        stored += 1
    return stored
