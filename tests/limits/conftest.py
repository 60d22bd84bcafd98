"""Guard test helpers: a real SQLite store on a temp file, a fake clock, a guard factory, a call."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.clock import FakeClock
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import AlertBus
from core.limits.guard import Guard, Reservation
from core.models.usage import Attempt, CallContext
from core.store.base import Store
from core.store.records import StoreUnavailable
from core.store.sqlite import SqliteStore
from core.types import Question, Refusal

NO_LIMITS = LimitsConfig(
    user_per_minute=0, channel_per_minute=0, global_per_minute=0, tokens_per_minute=0
)
NO_BUDGET = BudgetConfig(daily_tokens=0, monthly_usd=0.0)


class MemoryStore(SqliteStore):
    """The real SQLite store on a temp file, with a switch to make alert claims fail.
    (The name is kept from the in-memory double it replaced.)"""

    fail_claims = False

    async def claim_alert(self, key: str) -> bool:
        if self.fail_claims:
            raise StoreUnavailable(f"the database {self.path} is locked by another program")
        return await super().claim_alert(key)


async def totals(store: Store) -> tuple[int, float]:
    """Every attempt's tokens and dollars in the store."""
    return await store.usage_since(datetime(2000, 1, 1, tzinfo=UTC))


def make_attempt(
    at: datetime,
    tokens: int = 0,
    usd: float = 0.0,
    prompt: int = 0,
    reservation: Reservation | None = None,
) -> Attempt:
    """An attempt of `tokens` tokens in all (`prompt` of them prompt) costing `usd`, settling
    `reservation` if given."""
    return Attempt(
        at=at,
        context=CallContext(
            request_id="r",
            platform="discord",
            user_id="u",
            channel_id="c",
            reservation=None if reservation is None else reservation.id,
        ),
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
    """What the twin's attempt fan-out does: the guard writes the usage row to the store."""
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
        await record(
            guard, store, make_attempt(clock.utc(), spent_tokens, spent_usd, prompt, booked)
        )
    finally:
        await guard.release(booked)
    return booked


MakeGuard = Callable[..., Guard]


def _advancing(clock: FakeClock) -> Callable[[float], Awaitable[None]]:
    """A guard's wait for the budget: moves the fake clock instead of sleeping."""

    async def pause(seconds: float) -> None:
        clock.advance(seconds)
        await asyncio.sleep(0)

    return pause


async def until_settled(seconds: float) -> None:
    """A guard's wait that lets time stand still: it ends only when reservations settle."""
    await asyncio.sleep(0)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[MemoryStore]:
    opened = await MemoryStore.open(tmp_path / "guard.db")
    try:
        yield opened
    finally:
        await opened.close()


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
        on: Store | None = None,
        alerts: AlertBus | None = None,
        clock: FakeClock | None = None,
        pause: Callable[[float], Awaitable[None]] | None = None,
    ) -> Guard:
        time = clock or fake_clock
        return Guard(
            limits,
            budget,
            on if on is not None else store,
            alerts if alerts is not None else bus,
            clock=time,
            wall=time.utc,
            pause=pause or _advancing(time),
        )

    return make
