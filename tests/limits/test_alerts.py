"""Budget thresholds: one alert each per period, claimed in the store so restarts never repeat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.clock import FakeClock
from core.config import BudgetConfig
from core.insight.alerts import AlertBus
from core.types import Refusal
from tests.limits.conftest import MakeGuard, MemoryStore, make_attempt, record

DAILY = BudgetConfig(daily_tokens=10_000, monthly_usd=0)
MONTHLY = BudgetConfig(daily_tokens=0, monthly_usd=10.0)


async def test_daily_thresholds_alert_once_each(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=DAILY)
    await record(guard, store, make_attempt(fake_clock.utc(), 7_000))
    assert bus.sent == []
    await record(guard, store, make_attempt(fake_clock.utc(), 1_500))  # 85%
    await record(guard, store, make_attempt(fake_clock.utc(), 100))
    assert [a.key for a in bus.sent] == ["budget:daily:2026-11-25:0.8"]
    warning = bus.sent[0]
    assert warning.kind == "budget" and warning.severity == "warning"
    assert warning.title == "Daily token budget at 80%"
    assert "8,500 of 10,000 tokens today (85%)" in warning.text
    assert "Raise [budget] daily_tokens in config.toml" in warning.action
    assert "wait for the reset at 00:00 UTC (in 12 h)" in warning.action
    await record(guard, store, make_attempt(fake_clock.utc(), 1_400))  # 100%
    await record(guard, store, make_attempt(fake_clock.utc(), 1_000))  # past it
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:daily:2026-11-25:1.0",
    ]
    full = bus.sent[1]
    assert full.severity == "critical" and full.title == "Daily token budget used up"
    assert "answers from the profile alone" in full.text


async def test_one_attempt_past_both_thresholds_raises_both(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=DAILY)
    await record(guard, store, make_attempt(fake_clock.utc(), 12_000))
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:daily:2026-11-25:1.0",
    ]


async def test_monthly_thresholds_alert_once_each_with_what_to_do(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=MONTHLY)
    for _ in range(12):
        await record(guard, store, make_attempt(fake_clock.utc(), 10, 1.0))
    assert [a.key for a in bus.sent] == [
        "budget:monthly:2026-11:0.8",
        "budget:monthly:2026-11:1.0",
    ]
    assert "$8.00 of $10.00 this month (80%)" in bus.sent[0].text
    assert "Raise [budget] monthly_usd in config.toml" in bus.sent[1].action
    assert "reset on 1 December at 00:00 UTC (in 5 days 12 h)" in bus.sent[1].action


async def test_custom_thresholds_are_used(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=100, monthly_usd=0, alert_at=(0.5,)))
    await record(guard, store, make_attempt(fake_clock.utc(), 60))
    await record(guard, store, make_attempt(fake_clock.utc(), 60))
    assert [a.key for a in bus.sent] == ["budget:daily:2026-11-25:0.5"]


async def test_a_new_day_alerts_again(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus
) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 23, 0, tzinfo=UTC))
    guard = make_guard(budget=DAILY, clock=clock)
    await record(guard, store, make_attempt(clock.utc(), 9_000))
    clock.advance(3600)
    await record(guard, store, make_attempt(clock.utc(), 9_000))
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:daily:2026-11-26:0.8",
    ]


async def test_a_restarted_guard_does_not_repeat_alerts(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    first_bus, second_bus = AlertBus(), AlertBus()
    first = make_guard(budget=DAILY, alerts=first_bus)
    await first.start()
    await record(first, store, make_attempt(fake_clock.utc(), 8_500))
    assert len(first_bus.sent) == 1

    second = make_guard(budget=DAILY, alerts=second_bus)  # same store: a restart
    await second.start()
    assert second.status().daily_tokens_used == 8_500
    await record(second, store, make_attempt(fake_clock.utc(), 100))
    assert second_bus.sent == []  # 80% was already told
    await record(second, store, make_attempt(fake_clock.utc(), 2_000))
    assert [a.key for a in second_bus.sent] == ["budget:daily:2026-11-25:1.0"]


async def test_a_budget_refusal_raises_the_used_up_alert_before_the_cap_is_reached(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=DAILY)
    await record(guard, store, make_attempt(fake_clock.utc(), 9_000))
    refusal = await guard.reserve(500, 1_024, 0.0)
    assert isinstance(refusal, Refusal)
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:daily:2026-11-25:1.0",
    ]
    assert "the next answer could need up to 1,524 more" in bus.sent[1].text
    assert isinstance(await guard.reserve(500, 1_024, 0.0), Refusal)
    assert len(bus.sent) == 2  # refusing again says nothing new


async def test_concurrent_records_crossing_thresholds_alert_once_each(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=DAILY)
    await asyncio.gather(
        *(record(guard, store, make_attempt(fake_clock.utc(), 1_000)) for _ in range(12))
    )
    assert [a.key for a in bus.sent] == [
        "budget:daily:2026-11-25:0.8",
        "budget:daily:2026-11-25:1.0",
    ]


async def test_a_store_that_cannot_claim_sends_nothing_and_breaks_nothing(
    make_guard: MakeGuard, store: MemoryStore, bus: AlertBus, fake_clock: FakeClock
) -> None:
    store.fail_claims = True
    guard = make_guard(budget=DAILY)
    await record(guard, store, make_attempt(fake_clock.utc(), 9_000))
    assert bus.sent == []
    assert guard.status().daily_tokens_used == 9_000
