"""End to end: /twin-usage, /twin-health, /twin-gaps through the real AsyncApp (answers arrive at
the command's response_url on the fake Slack), and admin alerts posted to the admin channel."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from core.insight.alerts import Alert
from tests.slack.conftest import ADMIN, ADMIN_CHANNEL, SLACK_CONFIG, mention


def block_text(call_args: dict[str, Any]) -> str:
    return json.dumps(call_args.get("blocks", []), ensure_ascii=False)


@pytest.mark.parametrize("command", ["/twin-usage", "/twin-health", "/twin-gaps"])
async def test_non_admins_get_an_ephemeral_refusal(make_twin, start_slack, command: str) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    response = await slack.send_command(command, "U1")
    assert response.status == 200  # acked at once; the answer follows at the response_url
    assert [h.outcome for h in await slack.answered(1)] == ["refused"]
    [reply] = slack.api.calls_to("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert "only for the twin's admins" in reply.text and command in reply.text
    assert "blocks" not in reply.args


async def test_usage_for_an_admin_is_a_block_kit_summary(make_twin, start_slack) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    await slack.answered(1)
    await slack.send_command("/twin-usage", ADMIN)
    assert (await slack.answered(2))[1].outcome == "reported"
    [reply] = slack.api.calls_to("response_url")
    assert reply.args["response_type"] == "ephemeral"
    blocks = reply.args["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Twin usage"}}
    text = block_text(reply.args)
    assert "Tokens today" in text and "Spend this month" in text and "░" in text
    assert "Questions: 1" in text
    assert "openai/gpt-oss-20b" in text  # per model
    assert "<@U1>" in text  # top users
    assert "Last 14 days" in text
    assert len(blocks) <= 50


async def test_health_for_an_admin_lists_each_model(make_twin, start_slack) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    await slack.answered(1)
    await slack.send_command("/twin-health", ADMIN)
    await slack.answered(2)
    [reply] = slack.api.calls_to("response_url")
    text = block_text(reply.args)
    assert reply.args["blocks"][0]["text"]["text"] == "Twin health"
    assert "openai/gpt-oss-20b" in text and "openai/gpt-oss-120b" in text
    assert "100% success over 1 calls" in text and "p95" in text and "breaker closed" in text


async def test_gaps_for_an_admin_list_what_the_profile_could_not_answer(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    fake_groq.reply = twin.config.persona.no_answer  # the model says the profile lacks it
    slack = await start_slack(twin)
    await slack.send_event(mention("Do you speak Japanese?", ts="100.1"), "Ev1")
    await slack.answered(1)
    await slack.send_command("/twin-gaps", ADMIN)
    await slack.answered(2)
    [reply] = slack.api.calls_to("response_url")
    text = block_text(reply.args)
    assert "Questions I couldn't answer" in text
    assert "*1×*  Do you speak Japanese?" in text and "Last asked" in text


async def test_a_failing_report_gets_an_apology_not_a_traceback(make_twin, start_slack) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await twin.close()  # the database is gone: the report cannot be read
    await slack.send_command("/twin-usage", ADMIN)
    [handled] = await slack.answered(1)
    assert handled.outcome.startswith("failed ")
    [reply] = slack.api.calls_to("response_url")
    assert handled.outcome.removeprefix("failed ") in reply.text
    assert reply.args["response_type"] == "ephemeral"
    assert "Traceback" not in reply.text and "Error" not in reply.text


async def test_alerts_are_posted_to_the_admin_channel(make_twin, start_slack) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    alert = Alert(
        kind="model_removed",
        key="model_removed:openai/gpt-oss-20b",
        title="openai/gpt-oss-20b was taken out of rotation",
        text="Groq answered 404 model_not_found.",
        action="Replace it in [llm] models.",
        severity="critical",
        at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
    )
    await twin.alerts.publish(alert)
    [post] = slack.api.calls_to("chat.postMessage")
    assert post.args["channel"] == ADMIN_CHANNEL
    text = block_text(post.args)
    assert "taken out of rotation" in text and "*What to do:* Replace it in [llm] models." in text


async def test_without_an_admin_channel_alerts_stay_off_slack(make_twin, start_slack) -> None:
    twin = await make_twin('[slack]\nadmins = ["UADMIN"]\n')
    slack = await start_slack(twin)
    alert = Alert("budget", "b", "Budget", "80% spent", "Raise it", "warning", datetime.now(UTC))
    await twin.alerts.publish(alert)
    assert slack.api.calls_to("chat.postMessage") == []
