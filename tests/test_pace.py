"""`bot.pace.Pace`, the one-edit-a-second rule both platforms' streamers follow, on a fake clock."""

from __future__ import annotations

from bot.pace import Pace
from core.clock import FakeClock


def test_one_update_per_interval() -> None:
    clock = FakeClock()
    pace = Pace(clock, 1.0)
    assert pace.take()
    assert not pace.take()
    clock.advance(0.99)
    assert not pace.take()
    clock.advance(0.01)
    assert pace.take()


def test_the_first_message_may_go_at_once_and_still_sets_the_next_turn() -> None:
    clock = FakeClock()
    pace = Pace(clock, 1.0)
    pace.wait(5.0)
    assert pace.take(now_anyway=True)
    clock.advance(0.5)
    assert not pace.take()


def test_a_retry_after_holds_longer_than_an_interval_and_never_shorter() -> None:
    clock = FakeClock()
    pace = Pace(clock, 1.0)
    pace.hold(3.0)
    clock.advance(2.9)
    assert not pace.take()
    clock.advance(0.1)
    assert pace.take()
    pace.hold(0.2)  # shorter than the interval: the interval wins
    clock.advance(0.5)
    assert not pace.take()


def test_wait_zero_lets_the_next_update_go_at_once() -> None:
    clock = FakeClock()
    pace = Pace(clock, 1.0)
    assert pace.take()
    pace.wait()
    assert pace.take()
