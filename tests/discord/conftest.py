"""Discord scenario harness: the real discord.py client against the fake Discord (REST and
gateway on loopback), the fake Groq as the model, a real twin on SQLite in tmp_path.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
import pytest
from discord.gateway import DiscordWebSocket

from bot.discord.client import Handled, TwinDiscordClient
from bot.discord.serve import use_discord_endpoints
from core.clock import FakeClock
from tests.fakes.discord_server import (
    ADMIN_CHANNEL_ID,
    ADMIN_ROLE_ID,
    TOKEN,
    FakeDiscord,
    user,
)

if TYPE_CHECKING:
    from core.twin import Twin

WAIT = 5.0  # generous ceiling for awaited conditions; tests never sleep
ALICE = user(800000000000000001, "alice")
BOB = user(800000000000000002, "bob")
ADMIN = user(800000000000000009, "root")
ADMIN_CONFIG = (
    f'[discord]\nadmins = ["{ADMIN["id"]}"]\nadmin_roles = ["{ADMIN_ROLE_ID}"]\n'
    f'admin_channel = "{ADMIN_CHANNEL_ID}"\n'
)


class Journal:
    """What the client reports it did with each message and command; awaited, never polled."""

    def __init__(self) -> None:
        self.items: list[Handled] = []
        self._changed = asyncio.Condition()

    async def __call__(self, handled: Handled) -> None:
        async with self._changed:
            self.items.append(handled)
            self._changed.notify_all()

    async def wait_key(self, key: str) -> Handled:
        """The outcome for `key` ("message:<id>" or "command:/name"), once there is one."""

        def found() -> bool:
            return any(h.key == key for h in self.items)

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(found), WAIT)
            except TimeoutError:
                raise AssertionError(f"{key} never handled; got {self.items}") from None
        return next(h for h in self.items if h.key == key)

    def outcomes(self) -> list[str]:
        return [h.outcome for h in self.items]

    async def wait_count(self, key: str, count: int) -> list[Handled]:
        """Every outcome for `key`, once there are at least `count` of them."""

        def mine() -> list[Handled]:
            return [h for h in self.items if h.key == key]

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(mine()) >= count), WAIT)
            except TimeoutError:
                raise AssertionError(f"{key} handled {len(mine())} times, not {count}") from None
        return mine()


class DiscordHarness:
    """One connected client: push gateway events, read what the fake received."""

    def __init__(self, client: TwinDiscordClient, fake: FakeDiscord, journal: Journal) -> None:
        self.client = client
        self.fake = fake
        self.journal = journal
        self.task: asyncio.Task[None] | None = None

    async def send(self, payload: dict[str, Any]) -> Handled:
        """Dispatch a MESSAGE_CREATE and wait until the client has handled it."""
        await self.fake.dispatch("MESSAGE_CREATE", payload)
        return await self.journal.wait_key(f"message:{payload['id']}")

    async def ask(self, text: str, **kw: Any) -> dict[str, Any]:
        """A person mentions the twin in #general (or as `kw` says); returns their message."""
        kw.setdefault("mention", not kw.get("dm", False))
        payload = self.fake.user_message(text, **kw)
        handled = await self.send(payload)
        assert handled.outcome == "answered", handled
        return payload

    def replies_to(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """Bodies of the messages the twin posted in reply to `message`."""
        return [
            c.json
            for c in self.fake.sent_messages()
            if str((c.json.get("message_reference") or {}).get("message_id")) == str(message["id"])
        ]

    def answer_messages(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """The twin's messages replying to `message`, as they read now, in order."""
        return [
            m
            for m in self.fake.messages.values()
            if m["author"]["id"] == str(self.client.my_id)
            and (m.get("message_reference") or {}).get("message_id") == str(message["id"])
        ]

    async def stop(self) -> None:
        await self.client.close()
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)


StartDiscord = Callable[..., Awaitable[DiscordHarness]]


class TickingClock:
    """A clock that moves `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def endpoints() -> Any:
    """Restores discord.py's REST base and gateway after a test pointed them at a fake."""
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
async def discord_fake(endpoints: Any) -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
def discord_clock() -> FakeClock:
    """The adapter's own clock (streaming edits); it moves only when a test says."""
    return FakeClock()


@pytest.fixture
async def start_discord(
    make_twin: Any, discord_fake: FakeDiscord, discord_clock: FakeClock
) -> AsyncIterator[StartDiscord]:
    """Connects a real client for a twin to the fake and waits for READY; closes it after
    (before `make_twin` closes the twins it built)."""
    running: list[DiscordHarness] = []

    async def start(twin: Twin, *, clock: Any = None) -> DiscordHarness:
        use_discord_endpoints(
            {
                "DISCORD_API_URL": discord_fake.api_url,
                "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
            }
        )
        journal = Journal()
        client = TwinDiscordClient(
            twin,
            twin.config,
            clock=clock or discord_clock,
            observer=journal,
            guild_ready_timeout=0.01,
        )
        harness = DiscordHarness(client, discord_fake, journal)
        running.append(harness)
        harness.task = asyncio.create_task(client.start(TOKEN))
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, harness.task}, timeout=WAIT, return_when="FIRST_COMPLETED"
        )
        if ready not in done:
            ready.cancel()
            if harness.task in done:
                harness.task.result()  # raises what went wrong
            raise AssertionError("the Discord client never became ready")
        return harness

    yield start
    for harness in running:
        await harness.stop()
