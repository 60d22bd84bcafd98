"""The guard on the real SQLite store (aiosqlite on tmp_path): bursts, restarts, UTC periods."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import AlertBus
from core.limits.guard import Guard, Reservation
from core.store.sqlite import SqliteStore as Store
from core.types import Refusal
from tests.limits.conftest import MakeGuard, call, make_attempt, record

BUDGET = BudgetConfig(daily_tokens=50 * 1_424, monthly_usd=50 * 0.25)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "twin.db")
    yield store
    await store.close()


async def test_200_at_once_never_spend_past_the_budget_in_the_store(
    make_guard: MakeGuard, db: Store, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BUDGET, on=db)
    await guard.start()
    results = await asyncio.gather(
        *(
            call(
                guard,
                db,
                fake_clock,
                prompt=400,
                max_tokens=1_024,
                worst_usd=0.25,
                spent_tokens=1_424,
                spent_usd=0.25,
            )
            for _ in range(200)
        )
    )
    assert sum(isinstance(r, Reservation) for r in results) == 50
    tokens, usd = await db.usage_since(datetime(2026, 11, 25, tzinfo=UTC))
    assert tokens == 50 * 1_424
    assert usd <= 50 * 0.25 + 1e-9


async def test_a_restart_keeps_the_counters_and_sends_no_alert_twice(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "twin.db"
    store, bus = await Store.open(path), AlertBus()
    guard = _guard(store, bus, fake_clock)
    await guard.start()
    await record(guard, store, make_attempt(fake_clock.utc(), 60_000, 11.0))
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:monthly:2026-11:0.8",
    ]
    await store.close()

    store, bus = await Store.open(path), AlertBus()
    try:
        again = _guard(store, bus, fake_clock)
        await again.start()
        status = again.status()
        assert status.daily_tokens_used == 60_000
        assert status.monthly_usd_used == pytest.approx(11.0)
        assert bus.sent == []  # claimed before the restart
        assert isinstance(await again.reserve(10_000, 1_024, 1.0), Refusal)
        assert [a.key for a in bus.sent] == ["budget:daily:2026-11-25:1.0"]
    finally:
        await store.close()


async def test_start_loads_today_into_the_day_and_the_whole_month_into_the_month(
    db: Store,
) -> None:
    for at, tokens, usd in [
        (datetime(2026, 10, 31, 23, 59, tzinfo=UTC), 5_000, 4.0),  # last month
        (datetime(2026, 11, 1, 0, 0, tzinfo=UTC), 3_000, 2.0),
        (datetime(2026, 11, 24, 23, 59, 59, tzinfo=UTC), 2_000, 1.0),  # yesterday
        (datetime(2026, 11, 25, 0, 0, tzinfo=UTC), 700, 0.5),  # today, midnight
        (datetime(2026, 11, 25, 11, 59, tzinfo=UTC), 300, 0.25),
    ]:
        await db.record_attempt(make_attempt(at, tokens, usd))
    clock = FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    guard = _guard(db, AlertBus(), clock)
    await guard.start()
    status = guard.status()
    assert status.daily_tokens_used == 1_000
    assert status.monthly_usd_used == pytest.approx(3.75)


async def test_start_counts_the_last_minute_against_tokens_per_minute(db: Store) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await db.record_attempt(make_attempt(datetime(2026, 11, 25, 11, 59, 30, tzinfo=UTC), 9_000))
    limits = LimitsConfig(tokens_per_minute=10_000)
    guard = _guard(db, AlertBus(), clock, limits=limits)
    await guard.start()
    refusal = await guard.reserve(500, 1_024, 0.0)
    assert isinstance(refusal, Refusal) and refusal.retry_after is not None


def _guard(
    store: Store, bus: AlertBus, clock: FakeClock, limits: LimitsConfig | None = None
) -> Guard:
    return Guard(
        limits or LimitsConfig(tokens_per_minute=0),
        BudgetConfig(daily_tokens=70_000, monthly_usd=12.5),
        store,
        bus,
        clock=clock,
        wall=clock.utc,
    )
