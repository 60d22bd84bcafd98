"""`twin run` with a token the platform refuses: that platform stops at once with one line naming
the variable, while the other keeps answering; a platform out of reach is retried with backoff,
one line per attempt. Real discord.py and slack-bolt against the fakes; waits are recorded."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import aiohttp
import pytest

from bot.discord.serve import serve_discord
from bot.slack.serve import serve_slack
from bot.supervise import Platform, supervise
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import MakeTwin, write_config
from tests.fakes.discord_server import TOKEN, FakeDiscord
from tests.fakes.groq_server import FakeGroq
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import SECRET, event_body, mention, sign

SLACK_HTTP = '[slack]\nhost = "127.0.0.1"\nport = 0\n'
REPLY = "I studied computer science."


class Lines(logging.Handler):
    """Every log line at WARNING or above, from any logger; awaitable by content."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._seen: list[tuple[Callable[[str], bool], asyncio.Event]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        for wanted, event in self._seen:
            if wanted(record.getMessage()):
                event.set()

    async def wait_for(self, wanted: Callable[[str], bool]) -> None:
        event = asyncio.Event()
        self._seen.append((wanted, event))
        if any(wanted(r.getMessage()) for r in self.records):
            event.set()
        await asyncio.wait_for(event.wait(), 10)

    @property
    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


@pytest.fixture
def lines() -> Iterator[Lines]:
    handler = Lines()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


class Waits:
    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        await asyncio.sleep(0)


async def slack_answers(url: str, slack_api: FakeSlack, ts: str) -> str:
    body = json.dumps(event_body(mention("Where did you study?", ts=ts), f"Ev{ts}"))
    headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers):
        pass
    await slack_api.wait_for("chat.update", 1)
    [reply] = slack_api.thread("C1", ts)
    return reply.text


async def discord_answers(fake: FakeDiscord) -> None:
    await fake.dispatch("MESSAGE_CREATE", fake.user_message("Where did you study?", dm=True))
    await fake.wait_for(
        lambda calls: any(
            c.method in ("POST", "PATCH")
            and str((c.json or {}).get("content", "")).startswith(REPLY)
            for c in calls
        )
    )


async def test_a_refused_discord_token_stops_discord_while_slack_keeps_answering(
    make_twin: MakeTwin, endpoints: object, fake_groq: FakeGroq, lines: Lines
) -> None:
    twin = await make_twin(SLACK_HTTP)
    waits = Waits()
    async with FakeDiscord(token="the-right-one") as discord_fake, FakeSlack() as slack_api:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
            "DISCORD_TOKEN": "a-wrong-one",
            "DISCORD_API_URL": discord_fake.api_url,
            "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
        }
        slack_url: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        run = asyncio.create_task(
            supervise(
                [
                    Platform(
                        "slack",
                        lambda: serve_slack(twin, twin.config, env, on_ready=slack_url.set_result),
                    ),
                    Platform("discord", lambda: serve_discord(twin, twin.config, env)),
                ],
                sleep=waits,
            )
        )
        try:
            url = await asyncio.wait_for(slack_url, 10)
            await lines.wait_for(lambda m: "DISCORD_TOKEN" in m)
            assert await slack_answers(url, slack_api, "701.1") == REPLY
            assert not run.done()  # Slack still runs
        finally:
            run.cancel()
            await asyncio.gather(run, return_exceptions=True)
    assert waits.seconds == []  # a refused token is never retried
    assert lines.messages == [
        "discord: Discord refused DISCORD_TOKEN: copy the bot token again from the Developer "
        "Portal (not restarting)"
    ]
    assert "a-wrong-one" not in " ".join(lines.messages)


@pytest.mark.parametrize("error", ["invalid_auth", "not_authed", "account_inactive"])
async def test_a_refused_slack_bot_token_stops_slack_while_discord_keeps_answering(
    make_twin: MakeTwin,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    lines: Lines,
    error: str,
) -> None:
    twin = await make_twin(SLACK_HTTP)
    waits = Waits()
    async with FakeSlack() as slack_api:
        slack_api.fail_next("auth.test", error)
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_URL": discord_fake.api_url,
            "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
        }
        run = asyncio.create_task(
            supervise(
                [
                    Platform("slack", lambda: serve_slack(twin, twin.config, env)),
                    Platform("discord", lambda: serve_discord(twin, twin.config, env)),
                ],
                sleep=waits,
            )
        )
        try:
            await lines.wait_for(lambda m: "SLACK_BOT_TOKEN" in m)
            await discord_fake.wait_identified(1)
            await discord_answers(discord_fake)
            assert not run.done()  # Discord still runs
        finally:
            run.cancel()
            await asyncio.gather(run, return_exceptions=True)
        assert [c.method for c in slack_api.calls] == ["auth.test"]  # nothing after the refusal
    assert waits.seconds == []
    assert lines.messages == [
        f"slack: Slack refused SLACK_BOT_TOKEN ({error}): copy the Bot User OAuth Token "
        "(xoxb-...) on your app's OAuth & Permissions page again (not restarting)"
    ]


async def test_a_refused_slack_app_token_stops_socket_mode_naming_it(
    make_twin: MakeTwin, fake_groq: FakeGroq, lines: Lines
) -> None:
    twin = await make_twin()
    waits = Waits()
    async with FakeSlack() as slack_api:
        slack_api.fail_next("apps.connections.open", "invalid_auth")
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_APP_TOKEN": "xapp-revoked",
            "SLACK_API_URL": slack_api.base_url,
        }
        platform = Platform("slack", lambda: serve_slack(twin, twin.config, env))
        with pytest.raises(Exception, match="SLACK_APP_TOKEN"):
            await asyncio.wait_for(supervise([platform], sleep=waits), 10)
    assert waits.seconds == []
    [line] = [m for m in lines.messages if "SLACK_APP_TOKEN" in m]
    assert line.startswith("slack: Slack refused SLACK_APP_TOKEN (invalid_auth): ")
    assert "xapp-revoked" not in " ".join(lines.messages)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once closed


async def test_an_unreachable_slack_is_retried_with_backoff_one_line_per_attempt(
    make_twin: MakeTwin, lines: Lines
) -> None:
    twin = await make_twin(SLACK_HTTP)
    waits = Waits()
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": f"http://127.0.0.1:{closed_port()}/api/",
    }
    platform = Platform("slack", lambda: serve_slack(twin, twin.config, env))
    await asyncio.wait_for(supervise([platform], sleep=waits, attempts=2), 30)
    assert waits.seconds == [1.0, 2.0]  # backoff, doubling
    messages = lines.messages
    assert len(messages) == 3, messages  # two retries and the give-up, nothing else
    assert messages[0].startswith("slack: stopped (ClientConnectorError: ")
    assert messages[0].endswith("; reconnecting in 1s (attempt 1)")
    assert messages[1].endswith("; reconnecting in 2s (attempt 2)")
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in lines.records)


async def test_twin_run_with_only_a_refused_discord_token_says_it_once_and_exits_2(
    tmp_path: Path, endpoints: object
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    async with FakeDiscord(token="the-right-one") as fake:
        env = base_env(
            None,
            DISCORD_TOKEN="a-wrong-one",
            DISCORD_API_URL=fake.api_url,
            DISCORD_GATEWAY_URL=fake.gateway_url,
        )
        code, _, err = await run_twin("run", "--config", str(config), env=env)
    assert code == 2, err
    said = [line for line in err.splitlines() if "DISCORD_TOKEN" in line]
    assert len(said) == 1, err
    assert "Discord refused DISCORD_TOKEN" in said[0] and "a-wrong-one" not in err
    assert "Traceback" not in err
