"""Guard test helpers: an in-memory BudgetStore double, a fake clock, a guard factory, a call."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from core.clock import FakeClock
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import AlertBus
from core.limits.guard import BudgetStore, Guard, Reservation
from core.models.usage import Attempt, CallContext
from core.types import Question, Refusal

NO_LIMITS = LimitsConfig(
    user_per_minute=0, channel_per_minute=0, global_per_minute=0, tokens_per_minute=0
)
NO_BUDGET = BudgetConfig(daily_tokens=0, monthly_usd=0.0)


class MemoryStore:
    """A BudgetStore double that keeps attempts and claimed keys in memory.

    `record_attempt` plays the store's part of the twin's attempt fan-out (the store is told
    first, then the guard); several guards can share one double to model a restart."""

    def __init__(self) -> None:
        self.attempts: list[Attempt] = []
        self.claims: set[str] = set()
        self.fail_claims = False

    async def record_attempt(self, attempt: Attempt) -> None:
        self.attempts.append(attempt)

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        chosen = [a for a in self.attempts if a.at >= since]
        tokens = sum(a.prompt_tokens + a.completion_tokens for a in chosen)
        return tokens, sum(a.cost_usd for a in chosen)

    async def claim_alert(self, key: str) -> bool:
        await asyncio.sleep(0)  # a real store suspends here: let other callers run
        if self.fail_claims:
            raise OSError("database is locked")
        if key in self.claims:
            return False
        self.claims.add(key)
        return True

    def totals(self) -> tuple[int, float]:
        tokens = sum(a.prompt_tokens + a.completion_tokens for a in self.attempts)
        return tokens, sum(a.cost_usd for a in self.attempts)


def make_attempt(at: datetime, tokens: int = 0, usd: float = 0.0, prompt: int = 0) -> Attempt:
    """An attempt of `tokens` tokens in all (`prompt` of them prompt) costing `usd`."""
    return Attempt(
        at=at,
        context=CallContext(request_id="r", platform="discord", user_id="u", channel_id="c"),
        model="openai/gpt-oss-20b",
        prompt_tokens=prompt,
        completion_tokens=tokens - prompt,
        cost_usd=usd,
        latency_ms=100.0,
        outcome="ok",
    )


def ask(
    user: str = "u1",
    channel: str = "c1",
    platform: str = "discord",
    *,
    admin: bool = False,
    owner: bool = False,
) -> Question:
    return Question(
        text="Where did you study?",
        platform=platform,
        user_id=user,
        channel_id=channel,
        conversation=f"{platform}:{channel}",
        is_admin=admin,
        is_owner=owner,
    )


async def record(guard: Guard, store: Any, attempt: Attempt) -> None:
    """What the twin's attempt fan-out does: the store first, then the guard."""
    await store.record_attempt(attempt)
    await guard.record_attempt(attempt)


async def call(
    guard: Guard,
    store: Any,
    clock: FakeClock,
    *,
    prompt: int,
    max_tokens: int,
    worst_usd: float,
    spent_tokens: int,
    spent_usd: float,
    yields: int = 3,
    before: int = 0,
) -> Reservation | Refusal:
    """One answer's trip through the budget: reserve, wait for the "model", record, release."""
    for _ in range(before):
        await asyncio.sleep(0)
    booked = await guard.reserve(prompt, max_tokens, worst_usd)
    if isinstance(booked, Refusal):
        return booked
    try:
        for _ in range(yields):
            await asyncio.sleep(0)
        await record(guard, store, make_attempt(clock.utc(), spent_tokens, spent_usd, prompt))
    finally:
        guard.release(booked)
    return booked


MakeGuard = Callable[..., Guard]


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def bus() -> AlertBus:
    return AlertBus()


@pytest.fixture
def make_guard(fake_clock: FakeClock, store: MemoryStore, bus: AlertBus) -> MakeGuard:
    """A guard on a fake clock (the fixture's unless given); no limits or budget unless given."""

    def make(
        limits: LimitsConfig = NO_LIMITS,
        budget: BudgetConfig = NO_BUDGET,
        *,
        on: BudgetStore | None = None,
        alerts: AlertBus | None = None,
        clock: FakeClock | None = None,
    ) -> Guard:
        time = clock or fake_clock
        return Guard(
            limits,
            budget,
            on if on is not None else store,
            alerts if alerts is not None else bus,
            clock=time,
            wall=time.utc,
        )

    return make
