"""The agent experience's small parts: session titles and the viewing context kept as data."""

from __future__ import annotations

from pathlib import Path

from bot.slack.agent import TITLE_LIMIT, ViewingContext, session_title
from core.clock import FakeClock
from core.persona.viewing import ViewingContexts
from core.store.sqlite import SqliteStore


def test_a_session_title_is_the_first_question_on_one_line_clipped() -> None:
    assert session_title("  Where did\nyou   study? ") == "Where did you study?"
    long = session_title("why " * 40)
    assert len(long) == TITLE_LIMIT and long.endswith("…")


async def test_the_viewing_context_keeps_entity_types_and_ids_only(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "twin.db")
    try:
        viewing = ViewingContext(ViewingContexts(store, FakeClock().utc))
        event = {
            "type": "app_context_changed",
            "user": "U1",
            "channel": "D1",
            "event_ts": "1700000300.000100",
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
        kept = await viewing.note("T1", event)
        assert kept is not None
        assert [(e.type, e.value) for e in kept] == [
            ("message_context", "C9/17.5"),
            ("channel_id", "C2"),
        ]
        assert await viewing.of("T1", {"channel": "D1"}) == kept  # read back from the store
        assert await viewing.note("T1", {"channel": "D1", "text": "no context here"}) is None
        assert await viewing.of("T1", {"channel": "D1"}) == kept  # unchanged
        empty = {"channel": "D1", "user": "U1", "context": {}, "event_ts": "1700000301.0"}
        assert await viewing.note("T1", empty) == ()  # Slack's "nothing now"
        assert await viewing.of("T1", {"channel": "D1"}) == ()
        assert await viewing.of("T2", {"channel": "D1"}) == ()  # another workspace's DM
    finally:
        await store.close()
