"""`Pace`: at most one update of a streamed message per interval of a clock. Slack and Discord
both rate limit edits of one message (about one a second is safe), and a platform's retry-after
holds the next one back further. The clock is a parameter (`core.clock`): tests never sleep."""

from __future__ import annotations

from core.clock import Clock


class Pace:
    """When the next update of one message may go."""

    def __init__(self, clock: Clock, interval: float) -> None:
        self._clock = clock
        self.interval = interval
        self._next = 0.0

    def take(self, *, now_anyway: bool = False) -> bool:
        """True when an update may go now (or `now_anyway`); the next is an interval away."""
        now = self._clock()
        if now < self._next and not now_anyway:
            return False
        self._next = now + self.interval
        return True

    def wait(self, seconds: float = 0.0) -> None:
        """The next update no sooner than `seconds` from now (0: at once)."""
        self._next = self._clock() + seconds

    def hold(self, retry_after: float) -> None:
        """The platform said to slow down: the next update after `retry_after`, or an interval."""
        self.wait(max(self.interval, retry_after))
