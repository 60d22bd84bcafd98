"""`twin run` with both platforms, supervised: a gateway event discord.py cannot parse kills the
Discord client mid-run; Slack keeps answering, and Discord is started again and answers too.
Real slack-bolt (HTTP mode) and discord.py against the fakes; restarts wait on a recorded sleep."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
import pytest

from bot.discord.serve import serve_discord
from bot.slack.serve import serve_slack
from bot.supervise import Platform, supervise
from tests.conftest import MakeTwin
from tests.fakes.discord_server import TOKEN, FakeDiscord
from tests.fakes.groq_server import FakeGroq
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import SECRET, event_body, mention, sign

SLACK_HTTP = '[slack]\nhost = "127.0.0.1"\nport = 0\n'


def voice_message_with_a_bad_waveform(fake: FakeDiscord) -> dict[str, Any]:
    """A DM whose voice attachment's waveform is not base64 (hikari's fixture had one)."""
    message = fake.user_message("listen", dm=True)
    message["attachments"] = [
        {
            "id": fake.new_id(),
            "filename": "voice-message.ogg",
            "size": 2048,
            "url": "http://127.0.0.1/voice.ogg",
            "proxy_url": "http://127.0.0.1/voice.ogg",
            "duration_secs": 3.5,
            "waveform": "not base64 at all",
            "flags": 8192,
        }
    ]
    return message


async def test_discord_killed_mid_run_while_slack_keeps_answering(
    make_twin: MakeTwin,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="twin.supervise")
    twin = await make_twin(SLACK_HTTP)
    async with FakeSlack() as slack_api:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_URL": discord_fake.api_url,
            "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
        }
        slack_url: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        waits: list[float] = []

        async def recorded(seconds: float) -> None:
            waits.append(seconds)
            await asyncio.sleep(0)

        run = asyncio.create_task(
            supervise(
                [
                    Platform(
                        "slack",
                        lambda: serve_slack(twin, twin.config, env, on_ready=slack_url.set_result),
                    ),
                    Platform("discord", lambda: serve_discord(twin, twin.config, env)),
                ],
                sleep=recorded,
            )
        )
        try:
            url = await asyncio.wait_for(slack_url, 5)
            await discord_fake.wait_identified(1)
            await discord_fake.dispatch(
                "MESSAGE_CREATE", voice_message_with_a_bad_waveform(discord_fake)
            )
            await discord_fake.wait_identified(2)  # the supervisor started Discord again

            body = json.dumps(event_body(mention("Where did you study?", ts="700.1"), "EvRun"))
            headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body, headers=headers) as response,
            ):
                assert response.status == 200
            await slack_api.wait_for("chat.update", 1)
            [reply] = slack_api.thread("C1", "700.1")
            assert reply.text == "I studied computer science."

            question = discord_fake.user_message("And Discord?", dm=True)
            await discord_fake.dispatch("MESSAGE_CREATE", question)
            await discord_fake.wait_for(
                lambda calls: any(
                    c.method in ("POST", "PATCH")
                    and (c.json or {}).get("components")
                    and c.json["content"] == "I studied computer science."
                    for c in calls
                )
            )
            assert not run.done()
        finally:
            run.cancel()
            await asyncio.gather(run, return_exceptions=True)
    [line] = [r for r in caplog.records if r.name == "twin.supervise"]
    assert line.getMessage().startswith("discord: stopped (Error: ")  # binascii.Error
    assert line.exc_info is None and waits == [1.0]
