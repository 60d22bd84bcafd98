"""Issue 32 through the guard: a serving process keeps its reservations its own with its
heartbeat; a process started after one died books what the dead one held (time is a parameter)."""

from __future__ import annotations

from core.clock import FakeClock
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import AlertBus
from core.limits.guard import Guard, Reservation
from tests.limits.conftest import MemoryStore, totals

LEASE_S = 30.0


def guard(store: MemoryStore, clock: FakeClock, owner: str) -> Guard:
    return Guard(
        LimitsConfig(),
        BudgetConfig(daily_tokens=100_000, monthly_usd=0),
        store,
        AlertBus(),
        clock=clock,
        wall=clock.utc,
        owner=owner,
        instance_lease_s=LEASE_S,
    )


async def test_a_new_instance_books_what_a_dead_one_held(
    store: MemoryStore, fake_clock: FakeClock
) -> None:
    dead = guard(store, fake_clock, "1@a")
    await dead.keep_alive()
    held = await dead.reserve(400, 1000, 0.0)
    assert isinstance(held, Reservation)
    fake_clock.advance(LEASE_S + 1)  # killed: no more heartbeats
    await guard(store, fake_clock, "2@b").start()
    assert await totals(store) == (1400, 0.0)


async def test_a_beating_instance_keeps_its_call_in_flight(
    store: MemoryStore, fake_clock: FakeClock
) -> None:
    alive = guard(store, fake_clock, "1@a")
    await alive.keep_alive()
    held = await alive.reserve(400, 1000, 0.0)
    assert isinstance(held, Reservation)
    for _ in range(4):  # a long call: its live loop beats meanwhile
        fake_clock.advance(LEASE_S / 3)
        await alive.keep_alive()
    await guard(store, fake_clock, "2@b").start()
    assert await totals(store) == (0, 0.0)
