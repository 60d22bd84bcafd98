"""Sliding-window limits on an injected monotonic clock: requests per key.

The limiter is an exact sliding-window log: a request counts while it is less than `window`
seconds old, so "6 per minute" means no more than 6 in any 60 seconds, with
no burst at a window edge. `retry_after` is the time until the oldest entry leaves the window,
i.e. until the request would pass. Nothing here sleeps or reads the time itself.

Memory stays bounded: a key's log never holds more than `limit` entries, keys that were only
checked (refused or unknown) are never created, and keys with no request in the window are dropped
by a sweep that runs at most once per window: at most the keys of the last two windows remain.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable


class RequestWindow:
    """At most `limit` requests per key in any `window` seconds."""

    __slots__ = ("_hits", "_next_sweep", "limit", "window")

    def __init__(self, limit: int, window: float = 60.0) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1 (leave the limiter out for no limit)")
        self.limit = limit
        self.window = window
        self._hits: dict[Hashable, deque[float]] = {}
        self._next_sweep = float("-inf")

    def retry_after(self, key: Hashable, now: float) -> float:
        """0.0 when a request for `key` would pass now, else the seconds until it would."""
        hits = self._hits.get(key)
        if hits is None:
            return 0.0
        cutoff = now - self.window
        while hits and hits[0] <= cutoff:
            hits.popleft()
        if len(hits) < self.limit:
            return 0.0
        return hits[0] + self.window - now

    def hit(self, key: Hashable, now: float) -> None:
        """Count one request for `key` (call after `retry_after` returned 0.0)."""
        hits = self._hits.get(key)
        if hits is None:
            if now >= self._next_sweep:
                self.sweep(now)
            hits = self._hits[key] = deque(maxlen=self.limit)
        hits.append(now)

    def sweep(self, now: float) -> None:
        """Drop every key with no request in the window; runs itself at most once a window."""
        cutoff = now - self.window
        stale = [key for key, hits in self._hits.items() if not hits or hits[-1] <= cutoff]
        for key in stale:
            del self._hits[key]
        self._next_sweep = now + self.window

    @property
    def keys(self) -> int:
        """How many keys are tracked (for tests of the memory bound)."""
        return len(self._hits)
