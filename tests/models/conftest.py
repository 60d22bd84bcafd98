"""Router fixtures: the fake Groq, a fake clock whose sleep only records, an in-memory sink,
and a builder of routers wired through the real providers (groq SDK, httpx) to the fake."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from core.clock import FakeClock
from core.config import Config, parse_config
from core.insight.alerts import Alert, AlertBus
from core.models.providers.base import ChatMessage
from core.models.providers.registry import Providers, build_providers
from core.models.router import Router
from core.models.usage import Attempt, CallContext
from tests.fakes.groq_server import FakeGroq

M20 = "openai/gpt-oss-20b"
M120 = "openai/gpt-oss-120b"
CONTEXT = CallContext(request_id="req-1", platform="cli", user_id="u1", channel_id="c1")
MESSAGES = (
    ChatMessage("system", "You are the twin."),
    ChatMessage("user", "Where did you study?"),
)


class MemorySink:
    """An AttemptSink that keeps every attempt in a list."""

    def __init__(self) -> None:
        self.attempts: list[Attempt] = []

    async def record_attempt(self, attempt: Attempt) -> None:
        self.attempts.append(attempt)

    def outcomes(self, model: str | None = None) -> list[str]:
        return [a.outcome for a in self.attempts if model is None or a.model == model]


class Sleeps:
    """The router's injected sleep: records each wait and moves the fake clock, never sleeps."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)


def make_config(llm: dict[str, Any] | None = None, **sections: Any) -> Config:
    """A Config from plain values: `[llm]` keys in `llm`, other sections as keyword tables."""
    raw: dict[str, Any] = {
        "persona": {"profile": "profile.json"},
        "llm": {"check_models_at_start": False, **(llm or {})},
        **sections,
    }
    return parse_config(raw, Path("config.toml"))


class Built:
    """What `make_router` returns: the router and everything it was wired to."""

    def __init__(
        self, router: Router, providers: Providers, sink: MemorySink, alerts: AlertBus
    ) -> None:
        self.router = router
        self.providers = providers
        self.sink = sink
        self.alerts = alerts

    def alert_kinds(self) -> list[str]:
        return [a.kind for a in self.alerts.sent]

    @property
    def sent(self) -> list[Alert]:
        return self.alerts.sent


MakeRouter = Callable[..., Awaitable[Built]]


@pytest.fixture
async def fake() -> AsyncIterator[FakeGroq]:
    async with FakeGroq(reply="I studied computer science at Leeds.") as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleeps(clock: FakeClock) -> Sleeps:
    return Sleeps(clock)


@pytest.fixture
async def make_router(
    fake: FakeGroq, clock: FakeClock, sleeps: Sleeps
) -> AsyncIterator[MakeRouter]:
    """Builds routers on the fake; `llm=` holds [llm] keys, `env=` adds to the environment."""
    built: list[Providers] = []

    async def make(
        llm: dict[str, Any] | None = None,
        *,
        env: dict[str, str] | None = None,
        start: bool = True,
        **sections: Any,
    ) -> Built:
        config = make_config(llm, **sections)
        environment = {"GROQ_API_KEY": "test-key", "GROQ_BASE_URL": fake.base_url, **(env or {})}
        providers = build_providers(config, environment)
        built.append(providers)
        sink, alerts = MemorySink(), AlertBus()
        router = Router(
            config,
            providers,
            (sink,),
            alerts,
            clock=clock,
            wall=clock.utc,
            sleep=sleeps,
            rng=random.Random(7),
        )
        if start:
            await router.start()
        return Built(router, providers, sink, alerts)

    yield make
    for providers in built:
        await providers.aclose()
