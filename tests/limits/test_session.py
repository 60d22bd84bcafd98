"""A question's budget session on the real stores (SQLite and PostgreSQL): what it holds is
released on every way out of its block, exactly once, after its calls' usage rows; top-ups and
the usage rows go through it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.config import BudgetConfig, LimitsConfig, Price
from core.insight.alerts import AlertBus
from core.limits.guard import Guard, Reservation
from core.models.usage import Attempt
from core.store.base import Store
from core.store.records import BudgetCaps
from core.types import Refusal, RefusalKind
from tests.limits.conftest import NO_LIMITS, ask, make_attempt
from tests.store.conftest import STORE_BACKENDS

BUDGET = BudgetConfig(daily_tokens=10_000, monthly_usd=100.0, wait_s=0.0)
PRICES = [Price(input=1.0, output=1.0)]  # USD per million tokens


class CountingGuard(Guard):
    """The real guard, counting the releases it is asked for."""

    releases: list[int]

    async def release(self, reservation: Reservation) -> None:
        self.releases.append(reservation.id)
        await super().release(reservation)


@pytest.fixture(params=sorted(STORE_BACKENDS))
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    opened = await STORE_BACKENDS[request.param](request, tmp_path)
    try:
        yield opened
    finally:
        await opened.close()


def make(db: Store, clock: FakeClock, limits: LimitsConfig = NO_LIMITS) -> CountingGuard:
    guard = CountingGuard(limits, BUDGET, db, AlertBus(), clock=clock, wall=clock.utc)
    guard.releases = []
    return guard


def failed_attempt(attempt: Attempt) -> Attempt:
    """`attempt` as a failed one: its spend booked, its reservation left open."""
    return replace(attempt, outcome="error")


async def held_tokens(db: Store, clock: FakeClock) -> int:
    """What open reservations hold in the store now."""
    caps = BudgetCaps(BUDGET.daily_tokens, BUDGET.monthly_usd, 0)
    return (await db.ledger(clock.utc(), caps)).held_tokens


async def test_an_error_in_the_block_releases_the_reservation_once(
    db: Store, fake_clock: FakeClock
) -> None:
    guard = make(db, fake_clock)
    booked: list[Reservation | Refusal] = []
    with pytest.raises(ValueError, match="boom"):
        async with guard.session(ask()) as budget:
            booked.append(await budget.reserve_for(400, 600, PRICES))
            assert budget.held == tuple(booked)
            assert await held_tokens(db, fake_clock) == 1_000
            raise ValueError("boom")
    assert guard.releases == [r.id for r in booked if isinstance(r, Reservation)] != []
    assert await held_tokens(db, fake_clock) == 0


async def test_a_cancelled_question_releases_its_reservations_once(
    db: Store, fake_clock: FakeClock
) -> None:
    guard = make(db, fake_clock)
    booked: list[Reservation] = []
    waiting = asyncio.Event()

    async def answer() -> None:
        async with guard.session(ask()) as budget:
            for _ in range(2):  # the answer and a grounding correction
                granted = await budget.reserve_for(400, 600, PRICES)
                assert isinstance(granted, Reservation)
                booked.append(granted)
            waiting.set()
            await asyncio.Event().wait()  # the model call, never answered

    task = asyncio.create_task(answer())
    await waiting.wait()
    assert await held_tokens(db, fake_clock) == 2_000
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert sorted(guard.releases) == sorted(r.id for r in booked)
    assert await held_tokens(db, fake_clock) == 0


async def test_a_release_inside_the_block_is_not_repeated_on_leaving(
    db: Store, fake_clock: FakeClock
) -> None:
    guard = make(db, fake_clock)
    async with guard.session(ask()) as budget:
        booked = await budget.reserve_for(400, 600, PRICES)
        assert isinstance(booked, Reservation)
        await budget.release(booked)
        await budget.release(booked)
        assert budget.held == ()
    assert guard.releases == [booked.id]


@pytest.mark.parametrize("leave", ["release", "error"])
async def test_the_answers_usage_row_is_written_before_its_reservation_is_released(
    db: Store, fake_clock: FakeClock, leave: str
) -> None:
    guard = make(db, fake_clock)
    booked: Reservation | Refusal | None = None
    failing = pytest.raises(RuntimeError) if leave == "error" else contextlib.nullcontext()
    with failing:
        async with guard.session(ask()) as budget:
            booked = await budget.reserve_for(400, 600, PRICES)
            assert isinstance(booked, Reservation)
            row = make_attempt(
                fake_clock.utc(), tokens=700, usd=0.0007, prompt=400, reservation=booked
            )
            budget.call(booked).answered(row)  # started, not awaited: the router returns at once
            if leave == "error":
                raise RuntimeError("the answer's writes failed")
            await budget.release(booked)
            assert guard.status().daily_tokens_used == 700  # written before the release
            assert budget.held == ()
    assert isinstance(booked, Reservation)
    assert await held_tokens(db, fake_clock) == 0  # the answer's row closed the reservation
    assert guard.status().daily_tokens_used == 700  # the real spend, not the worst case
    assert guard.releases == [booked.id]  # once; leaving adds none


async def test_a_failed_attempts_usage_row_is_written_before_record_returns(
    db: Store, fake_clock: FakeClock
) -> None:
    guard = make(db, fake_clock)
    async with guard.session(ask()) as budget:
        booked = await budget.reserve_for(400, 600, PRICES)
        assert isinstance(booked, Reservation)
        row = make_attempt(fake_clock.utc(), tokens=500, prompt=400, reservation=booked)
        await budget.call(booked).record(failed_attempt(row))
        assert guard.status().daily_tokens_used == 500
        assert await held_tokens(db, fake_clock) == 500  # what the failure spent left the hold
    assert await held_tokens(db, fake_clock) == 0


async def test_top_up_holds_the_worst_case_again_until_the_budget_cannot(
    db: Store, fake_clock: FakeClock
) -> None:
    guard = make(db, fake_clock)
    async with guard.session(ask()) as budget:
        booked = await budget.reserve_for(2_000, 2_000, PRICES)
        assert isinstance(booked, Reservation)
        # a failed attempt spent 3,500 of the 4,000 held: the next attempt needs 4,000 again
        failed = make_attempt(fake_clock.utc(), tokens=3_500, prompt=2_000, reservation=booked)
        await guard.record_attempt(failed_attempt(failed))
        assert await budget.top_up(booked)  # 3,500 spent + 4,000 held fits 10,000
        assert await held_tokens(db, fake_clock) == 4_000
        again = make_attempt(fake_clock.utc(), tokens=3_500, prompt=2_000, reservation=booked)
        await guard.record_attempt(failed_attempt(again))
        assert not await budget.top_up(booked)  # 7,000 spent + 4,000 held would pass 10,000
    assert await held_tokens(db, fake_clock) == 0


async def test_a_refused_admission_reserves_nothing_in_the_same_trip(
    db: Store, fake_clock: FakeClock
) -> None:
    limits = LimitsConfig(
        user_per_minute=1, channel_per_minute=0, global_per_minute=0, tokens_per_minute=0
    )
    guard = make(db, fake_clock, limits)
    async with guard.session(ask()) as budget:
        first = await budget.reserve_for(400, 600, PRICES, admit=True)
        assert isinstance(first, Reservation)
        assert await budget.admit() is None  # asked again: counted once, same answer
        await budget.release(first)
    async with guard.session(ask()) as budget:
        second = await budget.reserve_for(400, 600, PRICES, admit=True)
        assert isinstance(second, Refusal)
        assert second.kind is RefusalKind.RATE_LIMITED
        assert budget.held == ()
    assert len(guard.releases) == 1  # the first call's: the refused question booked nothing
    assert await held_tokens(db, fake_clock) == 0
