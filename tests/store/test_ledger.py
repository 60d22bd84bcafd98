"""The shared ledger, rate windows, claims and health: backend-neutral (the `store` fixture)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.models.usage import Attempt, CallContext
from core.store.base import Store
from core.store.records import (
    BudgetCaps,
    Denial,
    Grant,
    HealthSnapshot,
    RateKey,
    ReserveRequest,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)


def ask(
    caps: BudgetCaps,
    prompt: int = 400,
    most: int = 1000,
    least: int = 1000,
    *,
    now: datetime = NOW,
    in_usd: float = 0.0,
    out_usd: float = 0.0,
    lease: timedelta = LEASE,
) -> ReserveRequest:
    return ReserveRequest(now, prompt, most, least, in_usd, out_usd, caps, now + lease, "test")


def spent(
    tokens: int,
    usd: float = 0.0,
    *,
    at: datetime = NOW,
    reservation: int | None = None,
    outcome: str = "ok",
) -> Attempt:
    return Attempt(
        at=at,
        context=CallContext(request_id="r", reservation=reservation),
        model="m",
        prompt_tokens=tokens // 2,
        completion_tokens=tokens - tokens // 2,
        cost_usd=usd,
        latency_ms=5.0,
        outcome=outcome,
    )


async def test_reserve_holds_the_worst_case_until_usage_settles_it(store: Store) -> None:
    caps = BudgetCaps(daily_tokens=3100)
    first = await store.reserve(ask(caps))
    assert isinstance(first, Grant) and (first.tokens, first.max_tokens) == (1400, 1000)
    second = await store.reserve(ask(caps))
    assert isinstance(second, Grant)
    refused = await store.reserve(ask(caps))  # 2800 held + 1400 > 3100
    assert isinstance(refused, Denial)
    assert (refused.view.held_tokens, refused.view.day_tokens) == (2800, 0)
    # a failed attempt spent 300 of 1400: the rest stays held for the next attempt
    await store.record_attempt(spent(300, reservation=first.id, outcome="server_error"))
    view = await store.ledger(NOW, caps)
    assert (view.day_tokens, view.held_tokens, view.open_reservations) == (300, 2500, 2)
    await store.release(first.id)
    await store.release(first.id)  # twice is harmless
    view = await store.ledger(NOW, caps)
    assert (view.day_tokens, view.held_tokens, view.open_reservations) == (300, 1400, 1)
    assert isinstance(await store.reserve(ask(caps)), Grant)  # 300 + 1400 + 1400 <= 3100


async def test_a_successful_attempt_closes_its_reservation(store: Store) -> None:
    caps = BudgetCaps(daily_tokens=10_000)
    held = await store.reserve(ask(caps))
    other = await store.reserve(ask(caps))
    assert isinstance(held, Grant) and isinstance(other, Grant)
    await store.record_attempt(spent(200, reservation=held.id, outcome="server_error"))
    await store.record_attempt(spent(300, reservation=held.id))  # ok: the answer is done
    view = await store.ledger(NOW, caps)
    assert (view.day_tokens, view.held_tokens, view.open_reservations) == (500, 1400, 1)
    await store.release(held.id)  # what the twin does when the store could not say: harmless
    assert (await store.ledger(NOW, caps)).held_tokens == 1400


async def test_near_the_cap_a_call_gets_fewer_answer_tokens_but_never_below_the_floor(
    store: Store,
) -> None:
    caps = BudgetCaps(daily_tokens=2000)
    await store.record_attempt(spent(900))
    grant = await store.reserve(ask(caps, prompt=400, most=1000, least=300))
    assert isinstance(grant, Grant)
    assert (grant.max_tokens, grant.tokens, grant.day_tokens) == (700, 1100, 900)
    assert isinstance(await store.reserve(ask(caps, prompt=1, most=1000, least=1)), Denial)


async def test_the_monthly_cap_caps_answer_tokens_by_their_price(store: Store) -> None:
    caps = BudgetCaps(monthly_usd=1.0)
    await store.record_attempt(spent(10, 0.5))
    grant = await store.reserve(ask(caps, 100, 10_000, 10, in_usd=0.001, out_usd=0.0001))
    # left: 0.5 - 100 * 0.001 = 0.4 dollars = 4000 answer tokens
    assert isinstance(grant, Grant) and grant.max_tokens == 4000
    assert grant.usd == pytest.approx(0.5)
    assert isinstance(await store.reserve(ask(caps, 1, 10, 1, in_usd=0.001)), Denial)


async def test_an_expired_reservation_counts_until_it_is_booked_as_spend(store: Store) -> None:
    """Issue 32: an expired reservation used to stop counting (and was dropped unbooked)."""
    caps = BudgetCaps(daily_tokens=1500)
    held = await store.reserve(ask(caps, lease=timedelta(seconds=30)))
    assert isinstance(held, Grant)
    later = NOW + timedelta(seconds=31)  # its process was killed: the lease ran out
    assert isinstance(await store.reserve(ask(caps, now=later)), Denial)  # still held
    await store.maintain(later + timedelta(hours=1))  # housekeeping drops nothing
    assert await store.book_orphans(later, timedelta(seconds=30)) == 1
    view = await store.ledger(later, caps)
    assert (view.open_reservations, view.held_tokens, view.day_tokens) == (0, 0, 1400)


async def test_spend_is_booked_to_the_utc_day_and_month_of_the_attempt(store: Store) -> None:
    caps = BudgetCaps(daily_tokens=10_000, monthly_usd=10.0)
    await store.record_attempt(spent(4000, 1.0, at=datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)))
    await store.record_attempt(spent(100, 0.5, at=datetime(2026, 12, 1, 0, 0, 1, tzinfo=UTC)))
    late_nov = await store.ledger(datetime(2026, 11, 30, 23, 59, 59, 500_000, tzinfo=UTC), caps)
    assert late_nov.day_tokens == 4000 and late_nov.month_usd == pytest.approx(1.0)
    december = await store.ledger(datetime(2026, 12, 1, 1, tzinfo=UTC), caps)
    assert december.day_tokens == 100 and december.month_usd == pytest.approx(0.5)


async def test_top_up_holds_a_worst_case_again_only_within_the_cap(store: Store) -> None:
    caps = BudgetCaps(daily_tokens=2000)
    held = await store.reserve(ask(caps))
    assert isinstance(held, Grant)
    # a reasoning model that spent 1000 tokens and gave no answer: the rest stays held
    await store.record_attempt(spent(1000, reservation=held.id, outcome="empty_answer"))
    assert (await store.ledger(NOW, caps)).held_tokens == 400
    assert not await store.top_up(held.id, 1400, 0.0, caps, NOW)  # 1000 + 1400 > 2000
    assert await store.top_up(held.id, 1000, 0.0, caps, NOW)
    assert (await store.ledger(NOW, caps)).held_tokens == 1000
    await store.release(held.id)
    assert not await store.top_up(held.id, 10, 0.0, caps, NOW)  # not open any more


async def test_tokens_per_minute_count_recent_usage_and_held_but_let_one_big_call_run_alone(
    store: Store,
) -> None:
    caps = BudgetCaps(tokens_per_minute=1000)
    big = await store.reserve(ask(caps, prompt=800, most=800, least=800))
    assert isinstance(big, Grant)  # larger than the limit, but nothing else in the minute
    assert isinstance(await store.reserve(ask(caps, prompt=10, most=10, least=10)), Denial)
    await store.record_attempt(spent(1600, reservation=big.id))
    await store.release(big.id)
    view = await store.ledger(NOW + timedelta(seconds=30), caps)
    assert view.minute_tokens == 1600
    later = NOW + timedelta(seconds=61)
    assert isinstance(await store.reserve(ask(caps, 10, 10, 10, now=later)), Grant)


async def test_the_minute_window_counts_no_prompt_token_served_from_the_cache(
    store: Store,
) -> None:
    # Groq does not count cached prompt tokens against its rate limits; the day's budget does
    caps = BudgetCaps(daily_tokens=100_000, tokens_per_minute=1000)
    attempt = replace(spent(1200), prompt_tokens=1000, completion_tokens=200)
    await store.record_attempt(replace(attempt, cached_input_tokens=900))
    view = await store.ledger(NOW + timedelta(seconds=1), caps)
    assert (view.minute_tokens, view.day_tokens) == (300, 1200)
    assert isinstance(await store.reserve(ask(caps, 100, 500, 500)), Grant)  # 300+100+500 fits


async def test_concurrent_reservations_never_pass_the_cap_together(store: Store) -> None:
    caps = BudgetCaps(daily_tokens=50 * 1400)
    results = await asyncio.gather(*(store.reserve(ask(caps)) for _ in range(200)))
    assert sum(isinstance(r, Grant) for r in results) == 50


def waits(full: tuple[str, float] | None, key: str, exact: float) -> bool:
    """`full` names `key` with the wait an exact log of hits gives, or at most a second more
    (SQLite counts whole seconds and errs long: never past the limit)."""
    return full is not None and full[0] == key and exact - 1e-6 <= full[1] <= exact + 1.0


async def test_rate_hit_counts_all_windows_or_none_and_says_which_waits(store: Store) -> None:
    keys = [RateKey("user:a", 2), RateKey("global", 3)]
    t0 = 1_000_000.0
    assert await store.rate_hit(keys, t0, 60.0) is None
    assert await store.rate_hit(keys, t0 + 10, 60.0) is None
    assert waits(await store.rate_hit(keys, t0 + 20, 60.0), "user:a", 40.0)
    assert await store.rate_hit([RateKey("user:b", 2), RateKey("global", 3)], t0 + 20, 60.0) is None
    full = await store.rate_hit([RateKey("user:c", 2), RateKey("global", 3)], t0 + 30, 60.0)
    assert waits(full, "global", 30.0)
    assert await store.rate_hit(keys, t0 + 61.0, 60.0) is None  # the hit at t0 left


async def test_hits_in_one_second_each_count_and_the_wait_runs_from_the_oldest(
    store: Store,
) -> None:
    keys = [RateKey("user:a", 3)]
    t0 = 2_000_000.0
    for dt in (0.0, 0.2, 0.4):
        assert await store.rate_hit(keys, t0 + dt, 60.0) is None
    assert waits(await store.rate_hit(keys, t0 + 0.6, 60.0), "user:a", 59.4)
    concurrent = await asyncio.gather(
        *(store.rate_hit([RateKey("user:b", 5)], t0 + 1.5, 60.0) for _ in range(20))
    )
    assert concurrent.count(None) == 5  # never past the limit, whoever asks at once
    assert await store.rate_hit(keys, t0 + 61.0, 60.0) is None  # its minute is over


async def test_no_60_seconds_ever_hold_more_than_the_limit(store: Store) -> None:
    keys = [RateKey("user:a", 2)]
    t0 = 3_000_000.0
    assert await store.rate_hit(keys, t0 + 0.95, 60.0) is None
    assert await store.rate_hit(keys, t0 + 0.99, 60.0) is None
    for late in (59.9, 60.0, 60.9):  # less than 60 s after the second hit: still full
        assert waits(await store.rate_hit(keys, t0 + late, 60.0), "user:a", 60.95 - late)
    assert await store.rate_hit(keys, t0 + 62.0, 60.0) is None


async def test_claims_are_won_once(store: Store) -> None:
    results = await asyncio.gather(*(store.claim("event:1", NOW) for _ in range(20)))
    assert results.count(True) == 1
    assert await store.claim_alert("budget:x") and not await store.claim_alert("budget:x")


async def test_health_snapshots_keep_the_newest_per_model(store: Store) -> None:
    old = HealthSnapshot("m", NOW, "a", "open", breaker_until=NOW + timedelta(seconds=30))
    new = HealthSnapshot("m", NOW + timedelta(seconds=5), "b", "closed", last_error="x: y")
    await store.health_put([new])
    await store.health_put([old])  # arrives late: ignored
    (got,) = await store.health_all()
    assert (got.writer, got.breaker, got.last_error) == ("b", "closed", "x: y")


async def test_reports_sum_usage_and_questions(store: Store) -> None:
    await store.record_attempt(spent(100, 0.25))
    await store.record_attempt(spent(50, 0.25, at=NOW - timedelta(days=1)))
    period = await store.period_usage("Today", NOW.replace(hour=0))
    assert (period.calls, period.prompt_tokens + period.completion_tokens) == (1, 100)
    (model,) = await store.model_usage(NOW - timedelta(days=2))
    assert (model.model, model.calls) == ("m", 2) and model.cost_usd == pytest.approx(0.5)
    days = await store.day_usage((NOW - timedelta(days=1)).replace(hour=0), 2)
    assert [d.tokens for d in days] == [50, 100]


async def test_caps_past_32_bits_are_read_and_checked_alike(store: Store) -> None:
    """Caps are 64-bit numbers on both backends (the benchmark sets 10^12 for "no limit")."""
    huge = BudgetCaps(daily_tokens=10**12, monthly_usd=1e9, tokens_per_minute=10**12)
    assert isinstance(await store.reserve(ask(huge)), Grant)
    view = await store.ledger(NOW, huge)
    assert view.open_reservations == 1 and view.held_tokens == 1400


async def test_admit_and_reserve_books_only_a_counted_request(store: Store) -> None:
    caps, t0 = BudgetCaps(0, 0.0, 0), NOW.timestamp()
    keys = [RateKey("user:a", 1)]
    counted, booked = await store.admit_and_reserve(keys, t0, 60.0, ask(caps))
    assert counted is None and isinstance(booked, Grant)
    full, nothing = await store.admit_and_reserve(keys, t0 + 1, 60.0, ask(caps))
    assert full is not None and full[0] == "user:a" and nothing is None
    assert (await store.ledger(NOW, caps)).open_reservations == 1  # the refused one booked none
    assert await store.rate_hit([RateKey("user:a", 2)], t0 + 2, 60.0) is None  # one hit counted
    free, alone = await store.admit_and_reserve([RateKey("x", 0)], t0, 60.0, ask(caps))
    assert free is None and isinstance(alone, Grant)  # no limit: only the reservation
