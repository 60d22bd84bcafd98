"""The inbox entry of an accepted Discord message: what one twin writes, another reads back."""

from __future__ import annotations

import json

from bot.discord.inbox import Accepted
from core.types import Question

QUESTION = Question(
    text="Where did you study?",
    platform="discord",
    user_id="800000000000000001",
    channel_id="100",
    conversation="discord:dm:100",
    is_dm=True,
    reply_to="555",
)


def test_a_payload_reads_back_as_the_accepted_message() -> None:
    accepted = Accepted(100, None, 555, QUESTION)
    assert Accepted.load(accepted.payload()) == accepted


def test_an_entry_left_by_an_older_twin_with_a_dropped_field_still_loads() -> None:
    """Twins up to this version wrote the asker's display name (`user_name`) into the
    question; a survivor of the new version must still answer those entries."""
    old = json.loads(Accepted(100, 7, 555, QUESTION).payload())
    old["question"]["user_name"] = "Alice"
    assert Accepted.load(json.dumps(old)) == Accepted(100, 7, 555, QUESTION)
