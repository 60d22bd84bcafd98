"""Slack scenario harness: the real AsyncApp in HTTP mode on loopback, signed requests posted to
it with aiohttp, the fake Slack Web API recording what the app sent, the fake Groq as the model.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.slack.app import Handled, SlackBot, build_slack_bot
from bot.slack.serve import SlackHttpServer
from core.clock import FakeClock
from tests.fakes.slack_api import FakeSlack

if TYPE_CHECKING:
    from core.twin import Twin

SECRET = "test-signing-secret"
TEAM = "T1"
BOT_USER = "UBOT"
ADMIN = "UADMIN"
ADMIN_CHANNEL = "CADMIN"
SLACK_CONFIG = f'[slack]\nadmins = ["{ADMIN}"]\nadmin_channel = "{ADMIN_CHANNEL}"\n'
WAIT = 5.0  # generous ceiling for awaited conditions; tests never sleep


def sign(body: str, timestamp: int, secret: str = SECRET) -> dict[str, str]:
    """The headers Slack sends with a request: timestamp and v0 HMAC signature."""
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def event_body(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1_700_000_000,
        "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


def mention(
    text: str, *, ts: str, user: str = "U1", channel: str = "C1", thread_ts: str | None = None
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(
    text: str, *, ts: str, user: str = "U1", channel: str = "D1", **extra: Any
) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
    }


class Journal:
    """What the bot reports it did with each event and command; awaitable, never polled."""

    def __init__(self) -> None:
        self.items: list[Handled] = []
        self._changed = asyncio.Condition()

    async def __call__(self, handled: Handled) -> None:
        async with self._changed:
            self.items.append(handled)
            self._changed.notify_all()

    async def wait(self, count: int) -> list[Handled]:
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(self.items) >= count), WAIT
                )
            except TimeoutError:
                raise AssertionError(f"expected {count} handled, got {self.items}") from None
        return self.items

    def outcomes(self) -> list[str]:
        return [h.outcome for h in self.items]


class SlackHarness:
    """One running Slack app: post signed events and commands, read the journal and the fake."""

    def __init__(
        self, bot: SlackBot, server: SlackHttpServer, api: FakeSlack, journal: Journal
    ) -> None:
        self.bot = bot
        self.server = server
        self.api = api
        self.journal = journal
        self.session = aiohttp.ClientSession()

    async def close(self) -> None:
        await self.session.close()
        await self.server.stop()
        await self.bot.close(grace=WAIT)

    async def post(
        self,
        body: str,
        content_type: str,
        headers: dict[str, str] | None = None,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
    ) -> aiohttp.ClientResponse:
        stamp = int(time.time()) if timestamp is None else timestamp
        sent = {"Content-Type": content_type, **sign(body, stamp, secret), **(headers or {})}
        async with self.session.post(self.server.url, data=body, headers=sent) as response:
            await response.read()
            return response

    async def send_event(
        self, event: dict[str, Any], event_id: str, *, retry_num: int | None = None, **kw: Any
    ) -> aiohttp.ClientResponse:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        body = json.dumps(event_body(event, event_id))
        return await self.post(body, "application/json", headers, **kw)

    async def send_command(
        self, command: str, user: str, *, text: str = "", name: str = "cmd"
    ) -> aiohttp.ClientResponse:
        form = {
            "token": "legacy",
            "team_id": TEAM,
            "channel_id": "C1",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "response_url": self.api.response_url(name),
            "trigger_id": "1.2.3",
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def send_interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Post a block_actions / view_submission payload as Slack does (form field `payload`);
        returns the HTTP status and body (a view_submission's ack carries its errors there)."""
        body = urlencode({"payload": json.dumps(payload)})
        stamp = int(time.time())
        sent = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, stamp)}
        async with self.session.post(self.server.url, data=body, headers=sent) as response:
            return response.status, await response.text()

    async def answered(self, count: int) -> list[Handled]:
        """Wait until `count` events or commands were handled, whatever became of them."""
        return await self.journal.wait(count)


StartSlack = Callable[..., Awaitable[SlackHarness]]


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(bot_user_id=BOT_USER, team_id=TEAM) as fake:
        yield fake


@pytest.fixture
def slack_clock() -> FakeClock:
    """The Slack adapter's own clock (streaming throttle); it moves only when a test says."""
    return FakeClock()


@pytest.fixture
async def start_slack(
    make_twin: Any, slack_api: FakeSlack, slack_clock: FakeClock
) -> AsyncIterator[StartSlack]:
    """Starts the real app for a twin, in HTTP mode on 127.0.0.1, port 0; stops it after
    (before `make_twin` closes the twins it built)."""
    running: list[SlackHarness] = []

    async def start(twin: Twin, clock: Any = None) -> SlackHarness:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
        }
        journal = Journal()
        bot = build_slack_bot(twin, twin.config, env, clock=clock or slack_clock, observer=journal)
        server = SlackHttpServer(bot.app, "127.0.0.1", 0)
        await server.start()
        harness = SlackHarness(bot, server, slack_api, journal)
        running.append(harness)
        return harness

    yield start
    for harness in running:
        await harness.close()
