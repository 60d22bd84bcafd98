"""Time as a parameter, so limits, breakers and budgets are tested without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], float]
"""Monotonic seconds; `time.monotonic` in production, a `FakeClock` in tests."""

WallClock = Callable[[], datetime]
"""Aware UTC datetimes, for day/month boundaries."""


def utc_now() -> datetime:
    return datetime.now(UTC)


monotonic: Clock = time.monotonic


class FakeClock:
    """A clock that only moves when told; usable as both `Clock` and `WallClock`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = 1000.0
        self.wall = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> float:
        return self.now

    def utc(self) -> datetime:
        return self.wall + timedelta(seconds=self.now - 1000.0)

    def advance(self, seconds: float) -> None:
        self.now += seconds
