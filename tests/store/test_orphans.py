"""No unbooked spend: a reservation whose process died is booked as estimated spend, once, and a
real usage row arriving later replaces the estimate (both backends; time is a parameter)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.store.base import Store
from core.store.ledger import ORPHAN
from core.store.records import BudgetCaps, Grant, ReserveRequest
from tests.store.test_ledger import NOW, spent

CAPS = BudgetCaps(daily_tokens=100_000, monthly_usd=100.0)
LEASE = timedelta(seconds=30)  # [instances] lease_s
HOLD = timedelta(minutes=10)  # [budget] reservation_lease_s


def held_by(owner: str, *, at: timedelta = timedelta(0)) -> ReserveRequest:
    now = NOW + at
    return ReserveRequest(now, 400, 1000, 1000, 1e-6, 2e-6, CAPS, now + HOLD, owner)


async def crashed(store: Store, owner: str = "111@dead") -> Grant:
    """A process that beat, reserved, and was killed (its heartbeat row goes stale)."""
    await store.heartbeat(owner, NOW, LEASE)
    grant = await store.reserve(held_by(owner))
    assert isinstance(grant, Grant)
    return grant


async def orphan_rows(store: Store) -> list[tuple[int, int, float, bool]]:
    rows = await store._rows(
        "read",
        "SELECT reservation, prompt_tokens + completion_tokens, cost_usd, estimated FROM usage"
        f" WHERE outcome = '{ORPHAN}'",
    )
    return [(int(r[0]), int(r[1]), float(r[2]), bool(r[3])) for r in rows]


async def test_a_dead_owners_reservation_is_booked_as_estimated_spend(store: Store) -> None:
    grant = await crashed(store)
    await store.heartbeat("222@alive", NOW + timedelta(seconds=40), LEASE)
    later = NOW + LEASE + timedelta(seconds=1)
    assert await store.book_orphans(NOW + LEASE - timedelta(seconds=1), LEASE) == 0  # not yet
    assert await store.book_orphans(later, LEASE) == 1
    view = await store.ledger(later, CAPS)
    assert (view.day_tokens, view.held_tokens, view.open_reservations) == (1400, 0, 0)
    assert view.month_usd == pytest.approx(grant.usd)
    ((reservation, tokens, usd, estimated),) = await orphan_rows(store)
    assert (reservation, tokens, estimated) == (grant.id, 1400, True)
    assert usd == pytest.approx(grant.usd)
    assert await store.book_orphans(later + HOLD, LEASE) == 0  # booked once
    assert (await store.ledger(later + HOLD, CAPS)).day_tokens == 1400


async def test_a_live_owners_reservation_is_left_alone(store: Store) -> None:
    await crashed(store, "333@busy")
    later = NOW + LEASE + timedelta(seconds=5)
    await store.heartbeat("333@busy", later - timedelta(seconds=2), LEASE)  # still beating
    assert await store.book_orphans(later, LEASE) == 0
    view = await store.ledger(later, CAPS)
    assert (view.day_tokens, view.held_tokens, view.open_reservations) == (0, 1400, 1)


async def test_a_reservation_made_after_a_stale_beat_waits_a_lease(store: Store) -> None:
    await store.heartbeat("444@slow", NOW, LEASE)
    late = NOW + timedelta(seconds=50)  # resumed after a pause: reserves before it beats again
    assert isinstance(await store.reserve(held_by("444@slow", at=timedelta(seconds=50))), Grant)
    assert await store.book_orphans(late + timedelta(seconds=1), LEASE) == 0
    assert await store.book_orphans(late + LEASE, LEASE) == 1


async def test_an_expired_reservation_is_booked_not_dropped(store: Store) -> None:
    """A `twin ask` process notes no heartbeat: its reservation is booked when it expires."""
    grant = await store.reserve(held_by("555@cli"))
    assert isinstance(grant, Grant)
    assert await store.book_orphans(NOW + HOLD - timedelta(seconds=1), LEASE) == 0
    await store.maintain(NOW + HOLD + timedelta(hours=2))  # housekeeping drops no reservation
    assert await store.book_orphans(NOW + HOLD, LEASE) == 1
    assert (await store.ledger(NOW + HOLD, CAPS)).day_tokens == 1400


async def test_real_usage_arriving_later_replaces_the_estimate(store: Store) -> None:
    grant = await crashed(store)
    later = NOW + timedelta(minutes=1)
    assert await store.book_orphans(later, LEASE) == 1
    # the owner was slow, not dead: its failed attempt and then its answer arrive
    await store.record_attempt(
        spent(100, 0.0001, at=later, reservation=grant.id, outcome="server_error")
    )
    await store.record_attempt(spent(900, 0.0009, at=later, reservation=grant.id))
    view = await store.ledger(later, CAPS)
    assert (view.day_tokens, view.held_tokens) == (1000, 0)
    assert view.month_usd == pytest.approx(0.001)
    assert await orphan_rows(store) == []


async def test_the_estimate_is_taken_back_from_the_day_it_was_booked_to(store: Store) -> None:
    grant = await crashed(store)
    booked_on = NOW + timedelta(minutes=1)
    await store.book_orphans(booked_on, LEASE)
    next_day = NOW + timedelta(days=1)
    await store.record_attempt(spent(1000, 0.001, at=next_day, reservation=grant.id))
    assert (await store.ledger(booked_on, CAPS)).day_tokens == 0
    assert (await store.ledger(next_day, CAPS)).day_tokens == 1000
    assert (await store.ledger(next_day, CAPS)).month_usd == pytest.approx(0.001)


async def test_survivors_booking_at_once_book_each_orphan_once(store: Store) -> None:
    for owner in ("1@dead", "2@dead", "3@dead"):
        await crashed(store, owner)
    later = NOW + timedelta(minutes=1)
    counts = await asyncio.gather(*(store.book_orphans(later, LEASE) for _ in range(4)))
    assert sum(counts) == 3
    assert (await store.ledger(later, CAPS)).day_tokens == 3 * 1400
    assert len(await orphan_rows(store)) == 3


async def test_the_usage_report_shows_the_estimate_apart(store: Store) -> None:
    grant = await crashed(store)
    await store.record_attempt(spent(500, 0.0005))
    await store.book_orphans(NOW + timedelta(minutes=1), LEASE)
    period = await store.period_usage("Today", NOW - timedelta(hours=1))
    assert (period.calls, period.failed_calls, period.tokens) == (1, 0, 1900)
    assert (period.orphaned, period.orphaned_tokens) == (1, 1400)
    assert period.orphaned_usd == pytest.approx(grant.usd)
    assert [m.model for m in await store.model_usage(NOW - timedelta(hours=1))] == ["m"]
