"""Circuit breakers: unit behaviour on a fake clock, and through the router against the fake."""

from __future__ import annotations

import pytest

from core.clock import FakeClock
from core.models.breaker import BreakerState, CircuitBreaker, Transition
from core.models.outcomes import AllModelsFailed
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter


def test_opens_after_a_run_of_failures_and_refuses_until_the_cooldown() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=3, cooldown_s=30, clock=clock)
    assert breaker.record_failure() is None
    assert breaker.record_failure() is None
    assert breaker.record_failure() is Transition.OPENED
    assert str(breaker.state) == "open" and not breaker.allow()
    clock.advance(29.9)
    assert not breaker.allow()
    clock.advance(0.2)
    assert breaker.state is BreakerState.HALF_OPEN


def test_half_open_lets_exactly_one_probe_through() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, cooldown_s=10, clock=clock)
    breaker.record_failure()
    clock.advance(10)
    assert breaker.allow() is True
    assert breaker.allow() is False  # the probe is out: nobody else goes
    assert breaker.record_success() is Transition.CLOSED
    assert breaker.state is BreakerState.CLOSED and breaker.allow()


def test_failed_probe_reopens_for_another_cooldown() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, cooldown_s=10, clock=clock)
    breaker.record_failure()
    clock.advance(10)
    assert breaker.allow()
    assert breaker.record_failure() is Transition.REOPENED
    assert breaker.state is BreakerState.OPEN
    clock.advance(9)
    assert not breaker.allow()
    clock.advance(1)
    assert breaker.allow()


def test_opens_on_failure_rate_over_the_window_without_a_long_run() -> None:
    breaker = CircuitBreaker(
        failures=10, failure_rate=0.5, window=6, min_calls=6, clock=FakeClock()
    )
    outcomes = [True, False, True, False, True]  # True = failure; never 2 in a row
    for failed in outcomes:
        assert (breaker.record_failure() if failed else breaker.record_success()) is None
    assert breaker.record_success() is None  # 3 of 6: rate 0.5 but the last call succeeded
    assert breaker.state is BreakerState.CLOSED
    assert breaker.record_failure() is Transition.OPENED  # 3 of the last 6 again, on a failure


def test_a_cancelled_probe_is_given_back() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, cooldown_s=5, clock=clock)
    breaker.record_failure()
    clock.advance(5)
    assert breaker.allow()
    breaker.release()
    assert breaker.allow()


async def test_no_request_reaches_an_open_breaker(make_router: MakeRouter, fake: FakeGroq) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router({"retries": 0, "breaker_failures": 2, "breaker_cooldown_s": 30})
    for _ in range(2):
        assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M120
    assert fake.calls_to(M20) == 2
    for _ in range(5):
        routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
        assert routed.model == M120 and routed.attempts == (M120,)
    assert fake.calls_to(M20) == 2
    assert built.alert_kinds() == ["breaker_open"]  # one alert for one opening
    [m20] = [h for h in built.router.health() if h.model == M20]
    assert m20.breaker == "open" and m20.last_error is not None
    assert m20.last_error.startswith("server_error")
    assert built.router.health()[-1].model == M20  # tried last, i.e. not at all


async def test_half_open_probe_closes_the_breaker(
    make_router: MakeRouter, fake: FakeGroq, clock: FakeClock
) -> None:
    fake.fail(M20, Fault.server_error(503), times=2)
    built = await make_router({"retries": 0, "breaker_failures": 2, "breaker_cooldown_s": 30})
    for _ in range(3):
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert fake.calls_to(M20) == 2
    clock.advance(30)
    assert built.router.health()[0].breaker == "half_open"
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M20 and fake.calls_to(M20) == 3
    assert built.router.health()[0].breaker == "closed"
    assert built.alert_kinds() == ["breaker_open", "breaker_closed"]


async def test_failed_probe_keeps_it_open_without_a_second_alert(
    make_router: MakeRouter, fake: FakeGroq, clock: FakeClock
) -> None:
    fake.fail(M20, Fault.server_error(502))
    built = await make_router({"retries": 2, "breaker_failures": 2, "breaker_cooldown_s": 30})
    await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert fake.calls_to(M20) == 2  # the retry stopped as soon as the breaker opened
    clock.advance(30)
    await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert fake.calls_to(M20) == 3  # one probe, not retried
    await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert fake.calls_to(M20) == 3
    assert built.alert_kinds() == ["breaker_open"]


async def test_every_breaker_open_means_not_available(
    make_router: MakeRouter, fake: FakeGroq, clock: FakeClock
) -> None:
    fake.fail(M20, Fault.server_error(503))
    fake.fail(M120, Fault.server_error(503))
    built = await make_router({"retries": 0, "breaker_failures": 1, "breaker_cooldown_s": 10})
    assert built.router.available()
    with pytest.raises(AllModelsFailed):
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert not built.router.available()
    clock.advance(10)
    assert built.router.available()
