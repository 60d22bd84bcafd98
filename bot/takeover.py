"""The takeover beat an adapter runs (issue 32): on the twin's live loop, at most every third of
`[instances] lease_s`, it asks the adapter to take over what stopped instances left in the
store's inbox; never raises. Slack and Discord each answer what they take their own way."""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable

from core.clock import Clock
from core.live import Live

__all__ = ["TakeoverBeat"]


class TakeoverBeat:
    """Registered on `live.beats` while the adapter runs (`stop` takes it off)."""

    def __init__(
        self,
        platform: str,
        log: logging.Logger,
        live: Live,
        lease_s: float,
        take_over: Callable[[], Awaitable[int]],
        clock: Clock,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        self._platform = platform
        self._log = log
        self._live = live
        self._every = lease_s / 3
        self._take_over = take_over
        self._clock = clock
        self._ready = ready  # e.g. logged in: an instance that could not answer takes nothing
        self._next = -math.inf
        live.beats.append(self.due)

    async def due(self) -> None:
        """`take_over` when a third of the lease has passed since the last; never raises."""
        tick = self._clock()
        if tick < self._next or not self._ready():
            return
        self._next = tick + self._every
        try:
            await self._take_over()
        except Exception:
            self._log.exception("%s: taking over what a stopped twin left failed", self._platform)

    def stop(self) -> None:
        """Off the live loop (a restarted adapter registers a new beat)."""
        if self.due in self._live.beats:
            self._live.beats.remove(self.due)
