"""Each platform runs on its own: `supervise` keeps every platform of `twin run` going, so one
failing never stops the others. A platform that stops is started again after a backoff (one log
line per attempt, no traceback); a setup error (a refused token) stops only that platform, and
the run ends with it only when no platform is left."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.common import SetupError
from core.clock import Clock, monotonic

log = logging.getLogger("twin.supervise")

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Platform:
    """A platform runner: `run()` serves until cancelled and raises when it cannot go on."""

    name: str
    run: Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait before restart attempt n (0-based): initial * factor**n, capped."""

    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 60.0
    healthy_after: float = 60.0  # a run this long counts as healthy: the next wait starts over

    def delay(self, attempt: int) -> float:
        return float(min(self.maximum, self.initial * self.factor ** min(attempt, 32)))


def describe(exc: BaseException) -> str:
    """A short, secret-free description of why a platform stopped: the type and first line."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


async def supervise(
    platforms: Sequence[Platform],
    *,
    backoff: Backoff | None = None,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = monotonic,
    attempts: int | None = None,
) -> None:
    """Run every platform until cancelled, restarting each one that stops. Raises the first
    `SetupError` once every platform has stopped for good. `attempts` caps the restarts of each
    platform (tests); None restarts forever."""
    policy = backoff or Backoff()
    results = await asyncio.gather(
        *(_keep(p, policy, sleep, clock, attempts) for p in platforms), return_exceptions=False
    )
    errors = [r for r in results if r is not None]
    if errors:
        raise errors[0]


async def _keep(
    platform: Platform, policy: Backoff, sleep: Sleep, clock: Clock, attempts: int | None
) -> SetupError | None:
    attempt = 0  # failures in a row: sets the wait
    restarts = 0
    while True:
        started = clock()
        try:
            await platform.run()
            reason = "stopped"
        except asyncio.CancelledError:
            raise
        except SetupError as exc:
            log.error("%s: %s (not restarting)", platform.name, exc)
            exc.reported = True  # one line for it: `twin` does not repeat it on exit
            return exc
        except Exception as exc:  # any failure of one platform: log one line, restart it
            reason = f"stopped ({describe(exc)})"
        if clock() - started >= policy.healthy_after:
            attempt = 0
        if attempts is not None and restarts >= attempts:
            log.error("%s: %s; giving up after %d restarts", platform.name, reason, restarts)
            return None
        wait = policy.delay(attempt)
        attempt += 1
        restarts += 1
        log.warning(
            "%s: %s; reconnecting in %.0fs (attempt %d)", platform.name, reason, wait, attempt
        )
        await sleep(wait)
