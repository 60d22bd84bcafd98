"""A dashboard over a twin with real history: answers through the fake Groq, gaps, an alert."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web.dashboard.app import dashboard_app
from bot.web.dashboard.auth import LOGIN_COOKIE
from core.clock import FakeClock
from core.config import DEFAULT_NO_ANSWER
from core.insight.alerts import Alert
from core.twin import Twin
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq, Fault
from tests.fakes.owner import profile_copy

TOKEN = "correct-horse-battery-staple-42"
# A test that needs a browser skips with this reason: how to get one, not only that it is missing.
NO_CHROMIUM = "no Chromium on this machine (Debian: apt-get install chromium; or set TWIN_CHROMIUM)"
GAP_QUESTIONS = ("Do you play any sports?", "do you play sports at weekends", "Favourite food?")


def ask(text: str, user: str = "U1") -> Question:
    return Question(text, "slack", user, "C1", f"slack:C1:{user}:{text}")


async def seed(twin: Twin, fake: FakeGroq, clock: FakeClock) -> None:
    """Three days of work: answers, a cached repeat, a failed attempt, gaps and an alert."""
    for day, text in enumerate(("Where did you study?", "What are your skills?")):
        clock.advance(86_400 * day)
        await twin.answer(ask(text))
    await twin.answer(ask("Where did you study?", user="U2"))  # the cache answers it
    fake.fail("openai/gpt-oss-20b", Fault.rate_limit(retry_after=120), times=1)
    await twin.answer(ask("What projects have you built?"))  # 20b refuses, 120b answers
    fake.reply = DEFAULT_NO_ANSWER
    for text in GAP_QUESTIONS:
        await twin.answer(ask(text))
    fake.reply = "I studied computer science."
    await twin.alerts.publish(
        Alert(
            kind="budget",
            key="budget:test",
            title="80% of today's tokens used",
            text="Answers continue until the cap.",
            action="Raise [budget] daily_tokens if this is expected.",
            severity="warning",
            at=clock.utc(),
        )
    )


@dataclass
class Dash:
    client: TestClient  # type: ignore[type-arg]
    twin: Twin
    clock: FakeClock

    async def login(self, token: str = TOKEN) -> int:
        """Log in through the form; returns the status of the POST."""
        await self.client.get("/login")
        nonce = self.client.session.cookie_jar.filter_cookies(self.client.make_url("/"))[
            LOGIN_COOKIE
        ].value
        resp = await self.client.post(
            "/login", data={"csrf": nonce, "token": token}, allow_redirects=False
        )
        return resp.status

    async def csrf(self) -> str:
        """The session's CSRF token, read from a page's form as a browser would."""
        html = await (await self.client.get("/")).text()
        marker = 'name="csrf" value="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]


MakeDash = Callable[..., Awaitable[Dash]]


@pytest.fixture
async def make_dash(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock, tmp_path: Path
) -> AsyncIterator[MakeDash]:
    """A logged-out dashboard over a twin whose profile is a copy in tmp_path (an owner's
    answer writes the learned file beside it, never in the repository)."""
    clients: list[TestClient] = []  # type: ignore[type-arg]
    profile = profile_copy(tmp_path)

    async def make(
        extra: str = "",
        *,
        seeded: bool = True,
        persona: str = "",
        env: dict[str, str] | None = None,
    ) -> Dash:
        twin = await make_twin(extra, profile=profile, persona=persona, env=env)
        if seeded:
            await seed(twin, fake_groq, clock)
        app = dashboard_app(twin, TOKEN, clock=clock, wall=clock.utc)
        client = TestClient(TestServer(app))
        await client.start_server()
        clients.append(client)
        return Dash(client, twin, clock)

    yield make
    for client in clients:
        await client.close()
