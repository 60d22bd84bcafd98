"""Payloads from real workspaces (shapes from Slack's docs and captures, written anew here) and
the access lists, end to end through the real AsyncApp."""

from __future__ import annotations

import json
import logging

from bot.access import NO_DMS
from bot.slack.app import build_slack_bot
from bot.slack.survive import rate_limited_alert
from tests.slack.builders import post_action
from tests.slack.conftest import ADMIN_CHANNEL, SECRET, SLACK_CONFIG, TEAM, dm, mention


async def test_a_slackbot_notice_in_the_dm_is_ignored(make_twin, start_slack, fake_groq) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    notice = dm("You have been removed from #design by <@U9>", ts="300.1", user="USLACKBOT")
    notice["team"] = TEAM
    assert (await slack.send_event(notice, "EvSlackbot")).status == 200
    assert (await slack.answered(1))[0].outcome == "ignored: from Slackbot"
    assert not slack.api.calls_to("chat.postMessage") and not fake_groq.requests


async def test_a_thread_broadcast_is_answered_in_its_thread(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    broadcast = dm(
        "Where did you study?", ts="301.5", subtype="thread_broadcast", thread_ts="301.1"
    )
    broadcast["root"] = {"type": "message", "text": "Questions here", "ts": "301.1", "user": "U1"}
    await slack.send_event(broadcast, "EvBroadcast")
    assert (await slack.answered(1))[0].outcome == "answered"
    [reply] = slack.api.thread("D1", "301.1")
    assert reply.text == "I studied computer science."


async def test_app_rate_limited_is_acked_and_alerts_the_admins_once(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    for minute in (1_700_000_040, 1_700_000_100):
        body = json.dumps(
            {
                "token": "legacy",
                "type": "app_rate_limited",
                "team_id": TEAM,
                "minute_rate_limited": minute,
                "api_app_id": "A1",
            }
        )
        assert (await slack.post(body, "application/json")).status == 200
    [alert] = await slack.api.wait_for("chat.postMessage")
    assert alert.args["channel"] == ADMIN_CHANNEL and "dropping" in alert.text
    await slack.bot.runner.drain()
    assert len(slack.api.calls_to("chat.postMessage")) == 1


async def test_events_and_clicks_nobody_handles_are_acked_200(make_twin, start_slack) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    reaction = {"type": "reaction_added", "user": "U1", "reaction": "tada", "event_ts": "1.1"}
    joined = {"type": "member_joined_channel", "user": "U1", "channel": "C1", "event_ts": "1.2"}
    assert (await slack.send_event(reaction, "EvR")).status == 200
    assert (await slack.send_event(joined, "EvJ")).status == 200
    click = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U1"},
        "api_app_id": "A1",
        "actions": [{"type": "button", "action_id": "something_else", "value": "x"}],
    }
    assert (await post_action(slack, click)).status == 200
    assert not slack.api.calls_to("chat.postMessage")


ACCESS = (
    '[slack]\nadmins = ["UADMIN"]\nallowed_channels = ["C1"]\nblocked_users = ["UBAD"]\n'
    "allow_dms = false\n"
)


async def test_access_lists_silence_channels_and_say_one_line_in_dms(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(ACCESS))
    await slack.send_event(mention("Hello?", ts="400.1", channel="C2"), "E1")
    await slack.send_event(mention("Hello?", ts="400.2", user="UBAD"), "E2")
    await slack.send_event(dm("Hello?", ts="400.3"), "E3")
    await slack.send_event(dm("Hello??", ts="400.5"), "E5")  # the line is said once a day
    await slack.send_event(mention("Where did you study?", ts="400.4"), "E4")
    outcomes = sorted(h.outcome for h in await slack.answered(5))
    assert outcomes == [
        "answered",
        "refused: DMs are off",
        "refused: DMs are off",
        "refused: blocked user",
        "refused: channel not allowed",
    ]
    [line] = [c for c in slack.api.calls_to("chat.postMessage") if c.args["channel"] == "D1"]
    assert line.text == NO_DMS
    assert not slack.api.in_channel("C2")
    assert [m.text for m in slack.api.thread("C1", "400.2")] == []
    assert len(fake_groq.requests) == 1  # only the allowed question reached the model


async def test_building_the_app_warns_about_no_unused_token(make_twin, caplog, monkeypatch) -> None:
    caplog.set_level(logging.DEBUG)
    twin = await make_twin(SLACK_CONFIG)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")  # bolt reads the variable itself
    build_slack_bot(
        twin, twin.config, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET}
    )
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]


async def test_an_unknown_command_gets_a_polite_answer(make_twin, start_slack) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    response = await slack.send_command("/twin-dance", "U1")
    assert response.status == 200
    assert (await slack.answered(1))[0].outcome == "unknown command"
    [said] = await slack.api.wait_for("response_url")
    assert "/twin-dance" in said.args["text"]


async def test_a_restarted_app_posts_each_alert_once(make_twin, start_slack) -> None:
    twin = await make_twin(SLACK_CONFIG)
    first = await start_slack(twin)
    await first.close()  # the supervisor starts Slack again: a new app on the same twin
    second = await start_slack(twin)
    await twin.alerts.publish(
        rate_limited_alert({"type": "app_rate_limited", "minute_rate_limited": 1_700_000_040})
    )
    await second.api.wait_for("chat.postMessage")
    assert len(second.api.calls_to("chat.postMessage")) == 1
