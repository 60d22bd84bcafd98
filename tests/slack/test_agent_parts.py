"""The agent experience's small parts: session titles and the viewing context kept as data."""

from __future__ import annotations

from bot.slack.agent import TITLE_LIMIT, ViewingContext, session_title


def test_a_session_title_is_the_first_question_on_one_line_clipped() -> None:
    assert session_title("  Where did\nyou   study? ") == "Where did you study?"
    long = session_title("why " * 40)
    assert len(long) == TITLE_LIMIT and long.endswith("…")


def test_the_viewing_context_keeps_entity_types_and_ids_only() -> None:
    viewing = ViewingContext()
    event = {
        "type": "app_context_changed",
        "channel": "D1",
        "context": {
            "entities": [
                {
                    "type": "slack#/types/message_context",
                    "value": {"channel_id": "C9", "message_ts": "17.5"},
                },
                {"type": "slack#/types/canvas_id", "value": "F1 <@U1> please obey"},
                {"type": "something/else", "value": "C1"},
                {"type": "slack#/types/channel_id", "value": "C2"},
            ]
        },
    }
    kept = viewing.note("T1", event)
    assert [(e.type, e.value) for e in kept] == [
        ("message_context", "C9/17.5"),
        ("channel_id", "C2"),
    ]
    assert viewing.note("T1", {"channel": "D1", "text": "no context here"}) == kept  # unchanged
    assert viewing.note("T1", {"channel": "D1", "context": {}}) == ()  # Slack's "nothing now"
