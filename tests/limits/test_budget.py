"""Budgets: reservations under concurrency, refusals that say when, UTC day and month boundaries."""

from __future__ import annotations

import asyncio
import contextvars
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.config import BudgetConfig
from core.limits.guard import Reservation
from core.store.records import BudgetCaps, LedgerView
from core.types import Refusal, RefusalKind
from tests.limits.conftest import (
    MakeGuard,
    MemoryStore,
    call,
    make_attempt,
    record,
    totals,
    until_settled,
)

PROMPT, MAX = 400, 1_024
WORST = PROMPT + MAX  # tokens one call may use
WORST_USD = 0.25  # exact in binary, so "50 worst cases" is an exact sum


async def burst(guard, store, clock, n: int = 200, **kw) -> list[Reservation | Refusal]:
    return await asyncio.gather(
        *(
            call(guard, store, clock, prompt=PROMPT, max_tokens=MAX, worst_usd=WORST_USD, **kw)
            for _ in range(n)
        )
    )


def admitted(results: list[Reservation | Refusal]) -> int:
    return sum(1 for r in results if isinstance(r, Reservation))


async def test_200_at_once_against_a_daily_budget_for_50_admit_exactly_50(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=50 * WORST, monthly_usd=0))
    results = await burst(guard, store, fake_clock, spent_tokens=WORST, spent_usd=WORST_USD)
    assert admitted(results) == 50
    refusals = [r for r in results if isinstance(r, Refusal)]
    assert len(refusals) == 150 and all(r.kind is RefusalKind.BUDGET for r in refusals)
    assert (await totals(store))[
        0
    ] == 50 * WORST  # the store's total: exactly the budget, never past
    assert guard.status().daily_tokens_used == 50 * WORST


async def test_200_at_once_against_a_monthly_budget_for_50_admit_exactly_50(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=0, monthly_usd=50 * WORST_USD))
    results = await burst(guard, store, fake_clock, spent_tokens=WORST, spent_usd=WORST_USD)
    assert admitted(results) == 50
    assert (await totals(store))[1] == pytest.approx(50 * WORST_USD, abs=1e-12)
    assert (await totals(store))[1] <= 50 * WORST_USD + 1e-9


@pytest.mark.parametrize("seed", range(5))
async def test_interleaved_calls_using_their_worst_case_never_overspend(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock, seed: int
) -> None:
    """Calls start and finish at random points of each other: with every call spending its
    whole reservation, exactly 50 fit, whatever the order."""
    rng = random.Random(seed)
    guard = make_guard(budget=BudgetConfig(daily_tokens=50 * WORST, monthly_usd=50 * WORST_USD))
    results = await asyncio.gather(
        *(
            call(
                guard,
                store,
                fake_clock,
                prompt=PROMPT,
                max_tokens=MAX,
                worst_usd=WORST_USD,
                spent_tokens=WORST,
                spent_usd=WORST_USD,
                before=rng.randrange(20),
                yields=rng.randrange(1, 10),
            )
            for _ in range(200)
        )
    )
    assert admitted(results) == 50
    assert (await totals(store))[0] == 50 * WORST


@pytest.mark.parametrize("seed", range(5))
async def test_interleaved_calls_spending_less_leave_room_for_more_but_never_overspend(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock, seed: int
) -> None:
    rng = random.Random(seed)
    budget = 50 * WORST
    guard = make_guard(budget=BudgetConfig(daily_tokens=budget, monthly_usd=0), pause=until_settled)
    results = await asyncio.gather(
        *(
            call(
                guard,
                store,
                fake_clock,
                prompt=PROMPT,
                max_tokens=MAX,
                worst_usd=0.0,
                spent_tokens=rng.randrange(PROMPT, WORST + 1),
                spent_usd=0.0,
                before=rng.randrange(40),
                yields=rng.randrange(1, 5),
            )
            for _ in range(200)
        )
    )
    spent = (await totals(store))[0]
    assert spent <= budget
    assert admitted(results) > 50  # settled calls gave back what they did not use
    assert budget - spent < WORST or admitted(results) == 200  # refusals were needed
    view = await store.ledger(fake_clock.utc(), BudgetCaps())
    assert (view.held_tokens, view.open_reservations) == (0, 0)


async def test_recorded_usage_settles_the_reservation_before_release(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=2 * WORST, monthly_usd=0))
    first = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(first, Reservation)
    await record(guard, store, make_attempt(fake_clock.utc(), 500, reservation=first))
    # held: 500 spent + nothing left of the first call's worst case (it has answered)
    assert not isinstance(await asyncio.create_task(guard.reserve(PROMPT, MAX, 0.0)), Refusal)
    await guard.release(first)
    assert guard.status().daily_tokens_used == 500


async def test_usage_recorded_in_another_task_is_spent_but_settles_nothing(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=2 * WORST, monthly_usd=0))
    held = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(held, Reservation)
    elsewhere = contextvars.Context()  # e.g. a worker task started before the question
    await asyncio.create_task(
        guard.record_attempt(make_attempt(fake_clock.utc(), 500)), context=elsewhere
    )
    # 500 spent + the whole worst case still held: another worst case does not fit
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.0), Refusal)
    await guard.release(held)
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.0), Reservation)


async def test_release_returns_the_whole_reservation_and_twice_is_harmless(
    make_guard: MakeGuard,
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=WORST, monthly_usd=1.0))
    held = await guard.reserve(PROMPT, MAX, 1.0)
    assert isinstance(held, Reservation)
    assert isinstance(await guard.reserve(1, 1, 0.0), Refusal)
    await guard.release(held)  # the call failed before using anything
    await guard.release(held)
    again = await guard.reserve(PROMPT, MAX, 1.0)
    assert isinstance(again, Reservation)
    assert guard.status().daily_tokens_used == 0


async def test_a_daily_budget_refusal_says_when_it_resets(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 20, 48, tzinfo=UTC))
    guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=0), clock=clock)
    await record(guard, store, make_attempt(clock.utc(), 9_000))
    refusal = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(refusal, Refusal) and refusal.kind is RefusalKind.BUDGET
    assert refusal.retry_after == pytest.approx(3 * 3600 + 12 * 60)
    assert refusal.message == (  # 1,000 tokens are left, not enough: not "used up"
        "There isn't enough of today's thinking budget left for a full answer; it resets at "
        "00:00 UTC (in 3 h 12 min)."
    )
    await record(guard, store, make_attempt(clock.utc(), 1_000))  # now it is used up
    refusal = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(refusal, Refusal)
    assert refusal.message == (
        "I've used up today's thinking budget; it resets at 00:00 UTC (in 3 h 12 min)."
    )


async def test_a_monthly_budget_refusal_says_when_it_resets(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=0, monthly_usd=5.0))
    await record(guard, store, make_attempt(fake_clock.utc(), 1_000, 4.9))
    refusal = await guard.reserve(PROMPT, MAX, 0.2)
    assert isinstance(refusal, Refusal) and refusal.kind is RefusalKind.BUDGET
    # 2026-11-25 12:00 -> 2026-12-01 00:00 is 5 days 12 h
    assert refusal.retry_after == pytest.approx((5 * 24 + 12) * 3600)
    assert refusal.message == (  # $0.10 is left, not enough for this call: not "used up"
        "There isn't enough of this month's budget left for a full answer; it resets on "
        "1 December at 00:00 UTC (in 5 days 12 h)."
    )


async def test_a_call_larger_than_the_whole_daily_budget_is_refused_without_retry(
    make_guard: MakeGuard,
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=1_000, monthly_usd=0))
    refusal = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(refusal, Refusal) and refusal.kind is RefusalKind.BUDGET
    assert refusal.retry_after is None
    assert "more than my whole daily budget" in refusal.message


async def test_a_call_costing_more_than_the_whole_monthly_budget_is_refused_without_retry(
    make_guard: MakeGuard,
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=0, monthly_usd=0.01))
    refusal = await guard.reserve(PROMPT, MAX, 0.02)
    assert isinstance(refusal, Refusal) and refusal.kind is RefusalKind.BUDGET
    assert refusal.retry_after is None
    assert "more than my whole monthly budget" in refusal.message


async def test_zero_means_no_budget(make_guard: MakeGuard, store, fake_clock) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=0, monthly_usd=0.0))
    await record(guard, store, make_attempt(fake_clock.utc(), 10**9, 10**6))
    assert isinstance(await guard.reserve(10**6, 10**6, 10**3), Reservation)
    status = guard.status()
    assert status.daily_tokens_limit == 0 and status.daily_fraction == 0.0


# --- UTC day and month boundaries ------------------------------------------------------------


def at(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


async def test_spend_at_23_59_counts_for_that_day_and_midnight_starts_a_fresh_day(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(at(11, 25, 23, 59))
    guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=50.0), clock=clock)
    await record(guard, store, make_attempt(clock.utc(), 9_000, 1.5))
    assert guard.status().daily_tokens_used == 9_000
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.01), Refusal)
    clock.advance(60)  # 00:00 on the 26th
    status = guard.status()
    assert status.daily_tokens_used == 0  # a fresh day
    assert status.monthly_usd_used == pytest.approx(1.5)  # the same month
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.01), Reservation)


async def test_a_late_record_of_a_call_made_before_midnight_stays_in_its_day(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(at(11, 26, 0, 0, 5))
    guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=50.0), clock=clock)
    guard.status()  # the guard is in the 26th already
    await record(guard, store, make_attempt(at(11, 25, 23, 59, 59), 4_000, 0.5))
    status = guard.status()
    assert status.daily_tokens_used == 0  # yesterday's call
    assert status.monthly_usd_used == pytest.approx(0.5)  # but this month's


async def test_an_attempt_after_midnight_rolls_the_day_even_before_anyone_asks(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(at(11, 25, 23, 0))
    guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=50.0), clock=clock)
    await record(guard, store, make_attempt(at(11, 25, 23, 30), 6_000, 1.0))
    await record(guard, store, make_attempt(at(11, 26, 0, 30), 100, 0.25))
    assert guard._ledger.day_tokens == 100
    assert guard._ledger.month_usd == pytest.approx(1.25)


async def test_the_first_of_the_month_starts_fresh_day_and_month(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(at(11, 30, 23, 59, 30))
    guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=2.0), clock=clock)
    await record(guard, store, make_attempt(clock.utc(), 9_000, 1.9))
    refused = await guard.reserve(PROMPT, MAX, 0.2)
    assert isinstance(refused, Refusal) and refused.retry_after == pytest.approx(30)
    clock.advance(30)  # 2026-12-01 00:00:00
    status = guard.status()
    assert (status.daily_tokens_used, status.monthly_usd_used) == (0, 0.0)
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.2), Reservation)


async def test_december_rolls_into_january(make_guard: MakeGuard, store: MemoryStore) -> None:
    clock = FakeClock(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    guard = make_guard(budget=BudgetConfig(daily_tokens=0, monthly_usd=2.0), clock=clock)
    await record(guard, store, make_attempt(clock.utc(), 10, 2.0))
    refused = await guard.reserve(1, 1, 0.01)
    assert isinstance(refused, Refusal)
    assert "on 1 January at 00:00 UTC (in 1 h)" in refused.message
    clock.advance(3600)
    assert guard.status().monthly_usd_used == 0.0


async def test_reservations_made_before_midnight_are_still_held_after_it(
    make_guard: MakeGuard, store: MemoryStore
) -> None:
    clock = FakeClock(at(11, 25, 23, 59, 59))
    guard = make_guard(budget=BudgetConfig(daily_tokens=WORST, monthly_usd=0), clock=clock)
    held = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(held, Reservation)
    clock.advance(2)
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.0), Refusal)  # still running
    await guard.release(held)
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.0), Reservation)


# --- bursts: waiting for calls in flight, fewer answer tokens near the cap -------------------


async def test_a_question_that_fits_once_calls_in_flight_settle_waits_for_them(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=WORST + 100, monthly_usd=0))
    first = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(first, Reservation)
    started = fake_clock()
    second = asyncio.create_task(guard.reserve(PROMPT, MAX, 0.0))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not second.done()  # waiting, not refused
    await record(guard, store, make_attempt(fake_clock.utc(), 100, reservation=first))
    await guard.release(first)
    assert isinstance(await second, Reservation)
    assert fake_clock() - started < BudgetConfig().wait_s


async def test_the_wait_for_calls_in_flight_is_bounded(
    make_guard: MakeGuard, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=WORST, monthly_usd=0, wait_s=2.0))
    held = await guard.reserve(PROMPT, MAX, 0.0)
    assert isinstance(held, Reservation)
    started = fake_clock()
    refused = await guard.reserve(PROMPT, MAX, 0.0)  # the first never finishes
    assert isinstance(refused, Refusal) and refused.kind is RefusalKind.BUDGET
    assert 2.0 <= fake_clock() - started < 2.1


async def test_a_question_that_cannot_fit_even_alone_does_not_wait(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    guard = make_guard(budget=BudgetConfig(daily_tokens=2 * WORST, monthly_usd=0))
    await record(guard, store, make_attempt(fake_clock.utc(), WORST + 1))
    held = await guard.reserve(1, 1, 0.0)
    assert isinstance(held, Reservation)
    started = fake_clock()
    assert isinstance(await guard.reserve(PROMPT, MAX, 0.0), Refusal)
    assert fake_clock() == started


async def test_near_the_cap_a_call_gets_fewer_answer_tokens_down_to_the_floor(
    make_guard: MakeGuard, store: MemoryStore, fake_clock: FakeClock
) -> None:
    budget = BudgetConfig(daily_tokens=2_000, monthly_usd=0, min_answer_tokens=512)
    guard = make_guard(budget=budget)
    await record(guard, store, make_attempt(fake_clock.utc(), 600))
    prices = {"input_usd": 1e-7, "output_usd": 4e-7}
    booked = await guard.reserve(PROMPT, MAX, 0.0, **prices)
    assert isinstance(booked, Reservation)
    assert booked.max_tokens == 2_000 - 600 - PROMPT  # 1000 of the 1024 wanted
    await record(guard, store, make_attempt(fake_clock.utc(), 500, reservation=booked))
    await guard.release(booked)
    # 1,100 spent: 900 left, 500 after the prompt - under the floor of 512
    refused = await guard.reserve(PROMPT, MAX, 0.0, **prices)
    assert isinstance(refused, Refusal) and refused.kind is RefusalKind.BUDGET


class _Snapshots(MemoryStore):
    """The real store, whose ledger reads answer with a given snapshot (as a read that left
    before this process's latest usage rows were written would)."""

    snapshot: LedgerView | None = None

    async def ledger(self, now: datetime, caps: BudgetCaps) -> LedgerView:
        return self.snapshot or await super().ledger(now, caps)


def _spent(tokens: int) -> LedgerView:
    return LedgerView(
        tokens, 0.0, held_tokens=0, held_usd=0.0, minute_tokens=0, open_reservations=0
    )


async def test_a_late_snapshot_of_the_ledger_never_takes_status_back(
    make_guard: MakeGuard, fake_clock: FakeClock, tmp_path: Path
) -> None:
    store = await _Snapshots.open(tmp_path / "snap.db")
    try:
        guard = make_guard(budget=BudgetConfig(daily_tokens=10_000, monthly_usd=0), on=store)
        await guard.start()
        await record(guard, store, make_attempt(fake_clock.utc(), 500, 0.0, 400))
        assert guard.status().daily_tokens_used == 500
        store.snapshot = _spent(100)  # read before that usage row
        await guard.refresh()
        assert guard.status().daily_tokens_used == 500
        store.snapshot = _spent(900)  # other processes spent too
        await guard.refresh()
        assert guard.status().daily_tokens_used == 900
    finally:
        await store.close()
