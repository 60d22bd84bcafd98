"""Slack event -> Question converters, and which environment Slack needs."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.convert import Target, ignore_reason, plain_text, reply_target, to_question
from bot.slack.env import missing_slack_env

MENTION = {"type": "app_mention", "user": "U1", "text": "<@UBOT> hi", "ts": "10.1", "channel": "C1"}
DM = {
    "type": "message",
    "channel_type": "im",
    "user": "U1",
    "text": "hi",
    "ts": "20.1",
    "channel": "D1",
}


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (MENTION, None),
        (DM, None),
        ({**DM, "subtype": "file_share", "files": [{}]}, None),
        ({**MENTION, "bot_id": "B2"}, "from a bot"),
        ({**DM, "subtype": "bot_message", "bot_id": "B2"}, "from a bot"),
        ({**DM, "subtype": "message_changed"}, "subtype message_changed"),
        ({**DM, "subtype": "message_deleted"}, "subtype message_deleted"),
        ({**DM, "subtype": "channel_join"}, "subtype channel_join"),
        ({**DM, "user": "UBOT"}, "from the twin itself"),
        ({**DM, "channel_type": "channel", "channel": "C1"}, "channel message"),
        ({**DM, "channel_type": "mpim"}, "channel message"),
        ({**MENTION, "channel": "D1"}, "mention in a DM"),
        ({"type": "reaction_added", "user": "U1"}, "type reaction_added"),
    ],
)
def test_ignore_reason(event: dict[str, Any], reason: str | None) -> None:
    got = ignore_reason(event, "UBOT")
    if reason is None:
        assert got is None
    else:
        assert got is not None and got.startswith(reason)


def test_mention_question_is_keyed_by_thread_root_and_strips_the_twins_mention() -> None:
    first = to_question(MENTION, team_id="T1", bot_user_id="UBOT", admins=())
    follow = to_question(
        {**MENTION, "ts": "10.9", "thread_ts": "10.1", "text": "and <@UBOT|twin> then?"},
        team_id="T1",
        bot_user_id="UBOT",
        admins=("U1",),
    )
    assert first.text == "hi" and follow.text == "and then?"
    assert first.conversation == follow.conversation == "slack:T1:C1:10.1"
    assert (first.platform, first.user_id, first.channel_id) == ("slack", "U1", "C1")
    assert not first.is_dm and not first.is_admin and follow.is_admin


def test_dm_question_is_one_conversation_per_dm_and_counts_files() -> None:
    one = to_question(DM, team_id="T1", bot_user_id="UBOT", admins=())
    two = to_question(
        {**DM, "ts": "21.0", "files": [{}, {}]}, team_id="T1", bot_user_id="UBOT", admins=()
    )
    assert one.is_dm and one.conversation == two.conversation == "slack:T1:D1"
    assert two.attachments == 2


def test_plain_text_reads_slack_markup_back() -> None:
    text = (
        "<@UBOT> ask <@U2|ana> in <#C9|general> about <https://x.example|this> &amp; "
        "<https://y.example> &lt;b&gt; <!here>"
    )
    assert plain_text(text, "UBOT") == (
        "ask @ana in #general about this (https://x.example) & https://y.example <b> @here"
    )


def test_replies_go_to_the_thread_in_channels_and_stay_in_the_dm() -> None:
    assert reply_target(MENTION) == Target("C1", "10.1")
    assert reply_target({**MENTION, "ts": "10.5", "thread_ts": "10.1"}) == Target("C1", "10.1")
    assert reply_target(DM) == Target("D1", None)
    assert reply_target({**DM, "thread_ts": "19.0"}) == Target("D1", "19.0")


def test_missing_slack_env_names_what_each_mode_needs() -> None:
    assert missing_slack_env({}) == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    assert missing_slack_env({"SLACK_BOT_TOKEN": "xoxb-1"}) == ["SLACK_SIGNING_SECRET"]
    assert missing_slack_env({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s"}) == []
    assert missing_slack_env({"SLACK_APP_TOKEN": "xapp-1"}) == ["SLACK_BOT_TOKEN"]
    assert missing_slack_env({"SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "x"}) == []
