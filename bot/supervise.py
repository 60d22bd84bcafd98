"""Each platform runs on its own: `supervise` keeps every platform of `twin run` going, so one
failing never stops the others. A platform that stops is started again after a backoff (one log
line per attempt, no traceback); a setup error (a refused token) stops only that platform, and
the run ends with it only when no platform is left.

A graceful stop: SIGTERM (or `stop_on`) stops every platform, each finishing or handing over
what it has in flight (`[instances] stop_grace_s`), and `supervise` returns (`twin run` exits 0);
a second SIGTERM ends the process at once. Ctrl-C (a cancel) stops the platforms the same way."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

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
    stop_on: Sequence[signal.Signals] = (signal.SIGTERM,),
) -> None:
    """Run every platform until cancelled or a `stop_on` signal, restarting each one that
    stops. Raises the first `SetupError` once every platform has stopped for good. `attempts`
    caps the restarts of each platform (tests); None restarts forever."""
    policy = backoff or Backoff()
    loop = asyncio.get_running_loop()
    keeps = [asyncio.ensure_future(_keep(p, policy, sleep, clock, attempts)) for p in platforms]
    every = asyncio.gather(*keeps)
    stop: asyncio.Future[signal.Signals] = loop.create_future()
    installed = _on_signals(loop, stop_on, stop)
    try:
        either: list[asyncio.Future[Any]] = [every, stop]
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        if not every.done():
            _off_signals(loop, installed)  # a second signal: the default, an immediate end
            installed = []
            log.warning(
                "%s: stopping; answers in flight finish or are handed over", stop.result().name
            )
            return  # the finally stops every platform
        errors = [r for r in every.result() if r is not None]
        if errors:
            raise errors[0]
    finally:
        _off_signals(loop, installed)
        for keep in keeps:
            keep.cancel()  # each platform's own `finally` closes it (and hands over)
        await asyncio.gather(*keeps, return_exceptions=True)


def _on_signals(
    loop: asyncio.AbstractEventLoop,
    signals: Sequence[signal.Signals],
    stop: asyncio.Future[signal.Signals],
) -> list[signal.Signals]:
    """Resolve `stop` on each of `signals`; those installed (none off the main thread)."""

    def received(sig: signal.Signals) -> None:
        if not stop.done():
            stop.set_result(sig)

    installed = []
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, received, sig)
            installed.append(sig)
    return installed


def _off_signals(loop: asyncio.AbstractEventLoop, installed: Sequence[signal.Signals]) -> None:
    for sig in installed:
        loop.remove_signal_handler(sig)


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
