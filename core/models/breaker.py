"""A circuit breaker per model, with an injectable clock.

closed    every request goes through. It opens after `failures` failures in a row, or when
          at least `min_calls` of the last `window` calls were made and the share that failed
          is `failure_rate` or more.
open      no request is sent. After `cooldown_s` it turns half-open.
half_open exactly one probe request is let through (`allow()` grants it once); its success
          closes the breaker (and clears the window), its failure opens it for another cooldown.

`record_*` return a `Transition` when the state changed, so the caller can raise one alert per
opening, never one per failed call.
"""

from __future__ import annotations

from collections import deque
from enum import StrEnum

from core.clock import Clock, monotonic


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class Transition(StrEnum):
    OPENED = "opened"  # closed -> open: a new outage
    REOPENED = "reopened"  # half-open probe failed: still the same outage
    CLOSED = "closed"  # the probe succeeded


class CircuitBreaker:
    """See the module docstring."""

    def __init__(
        self,
        *,
        failures: int = 3,
        failure_rate: float = 0.5,
        window: int = 20,
        cooldown_s: float = 30.0,
        min_calls: int | None = None,
        clock: Clock = monotonic,
    ) -> None:
        self.failures = max(1, failures)
        self.failure_rate = failure_rate
        self.window = max(1, window)
        self.cooldown_s = cooldown_s
        self.min_calls = min_calls if min_calls is not None else min(self.window, 5)
        self._clock = clock
        self._recent: deque[bool] = deque(maxlen=self.window)  # True = failure
        self._run = 0  # failures in a row
        self._opened_at: float | None = None
        self._probing = False
        self.openings = 0  # how many times it opened from closed

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._probing or self._clock() - self._opened_at >= self.cooldown_s:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    def would_allow(self) -> bool:
        """Whether `allow()` would grant a request now, without taking the probe."""
        state = self.state
        return state is BreakerState.CLOSED or (
            state is BreakerState.HALF_OPEN and not self._probing
        )

    def allow(self) -> bool:
        """May a request be sent now? In half-open state this grants the one probe."""
        if not self.would_allow():
            return False
        if self.state is BreakerState.HALF_OPEN:
            self._probing = True  # the one probe
        return True

    def release(self) -> None:
        """Give back a granted probe that was never sent (the call was cancelled)."""
        self._probing = False

    def record_success(self) -> Transition | None:
        self._run = 0
        if self._opened_at is not None:
            self._opened_at = None
            self._probing = False
            self._recent.clear()
            return Transition.CLOSED
        self._recent.append(False)
        return None

    def record_failure(self) -> Transition | None:
        self._run += 1
        if self._opened_at is not None:
            if not self._probing:
                return None  # a late answer to a request sent before the opening
            self._probing = False  # the probe failed: wait another cooldown
            self._opened_at = self._clock()
            return Transition.REOPENED
        self._recent.append(True)
        calls = len(self._recent)
        rate = sum(self._recent) / calls
        if self._run >= self.failures or (calls >= self.min_calls and rate >= self.failure_rate):
            self._opened_at = self._clock()
            self.openings += 1
            return Transition.OPENED
        return None
