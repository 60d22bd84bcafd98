"""serve_slack, the runner the CLI calls: HTTP mode on a loopback port and Socket Mode against
the fake's WebSocket, each answering a mention until cancelled."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import aiohttp
import pytest

from bot.slack.env import SlackSetupError
from bot.slack.serve import serve_slack
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import ADMIN, WAIT, event_body, mention, sign

LOOPBACK = '[slack]\nhost = "127.0.0.1"\nport = 0\nadmins = ["UADMIN"]\n'


async def run_until_ready(coro_factory) -> tuple[asyncio.Task[None], str]:
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(coro_factory(ready.set_result))
    done, _ = await asyncio.wait({task, ready}, timeout=WAIT, return_when="FIRST_COMPLETED")
    if task in done:
        task.result()  # raises what stopped it
    assert ready in done, "serve_slack never became ready"
    return task, ready.result()


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_http_mode_serves_signed_events_until_cancelled(
    make_twin, slack_api: FakeSlack, fake_groq
) -> None:
    twin = await make_twin(LOOPBACK)
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack_api.base_url,
    }
    task, url = await run_until_ready(
        lambda ready: serve_slack(twin, twin.config, env, on_ready=ready)
    )
    assert url.startswith("http://127.0.0.1:") and url.endswith("/slack/events")
    body = json.dumps(event_body(mention("Where did you study?", ts="100.1"), "Ev1"))
    headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=body, headers=headers) as response:
            assert response.status == 200
        await slack_api.wait_for("chat.update")
        assert [m.text for m in slack_api.thread("C1", "100.1")] == [fake_groq.reply]
        await stop(task)
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.post(url, data=body, headers=headers)


async def test_socket_mode_answers_events_and_commands_over_the_websocket(
    make_twin, slack_api: FakeSlack, fake_groq
) -> None:
    twin = await make_twin(LOOPBACK)
    env = {
        "SLACK_APP_TOKEN": "xapp-test",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack_api.base_url,
    }  # no signing secret: Socket Mode requests are not signed
    task, mode = await run_until_ready(
        lambda ready: serve_slack(twin, twin.config, env, on_ready=ready)
    )
    assert mode == "socket mode"
    envelope = await slack_api.socket_send(
        "events_api", event_body(mention("Where did you study?", ts="100.1"), "Ev1")
    )
    [ack] = await slack_api.wait_for("socket_ack")
    assert ack.args["envelope_id"] == envelope
    await slack_api.wait_for("chat.update")
    assert [m.text for m in slack_api.thread("C1", "100.1")] == [fake_groq.reply]

    command = {
        "command": "/twin-health",
        "user_id": ADMIN,
        "team_id": "T1",
        "channel_id": "C1",
        "text": "",
        "response_url": slack_api.response_url("socket"),
        "trigger_id": "1.2.3",
    }
    await slack_api.socket_send("slash_commands", command)
    [reply] = await slack_api.wait_for("response_url")
    assert reply.args["blocks"][0]["text"]["text"] == "Twin health"
    await stop(task)


async def test_missing_variables_are_named_before_anything_starts(make_twin) -> None:
    twin = await make_twin(LOOPBACK)
    with pytest.raises(SlackSetupError, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        await serve_slack(twin, twin.config, {})
    with pytest.raises(SlackSetupError, match="needs SLACK_BOT_TOKEN in"):
        await serve_slack(twin, twin.config, {"SLACK_APP_TOKEN": "xapp-1"})


@pytest.mark.parametrize("granted", ["all", "without im:history"])
async def test_after_install_a_missing_scope_is_named_in_one_line_with_what_stops_working(
    make_twin, slack_api: FakeSlack, fake_groq, caplog: pytest.LogCaptureFixture, granted: str
) -> None:
    if granted != "all":
        slack_api.scopes = [s for s in slack_api.scopes if s != "im:history"]
    twin = await make_twin(LOOPBACK)
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack_api.base_url,
    }
    with caplog.at_level(logging.WARNING, logger="bot.slack.serve"):
        task, _ = await run_until_ready(
            lambda ready: serve_slack(twin, twin.config, env, on_ready=ready)
        )
        await stop(task)
    assert slack_api.calls_to("auth.test")
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.slack.serve"]
    if granted == "all":
        assert lines == []
    else:
        [line] = lines
        assert "im:history (DMs to the twin go unanswered)" in line and "\n" not in line
        assert "chat:write" not in line
