"""The supervisor of `twin run`: one platform failing never stops the other; restarts back off
with one log line per attempt and no traceback; a setup error stops only its platform; a stop
signal closes every platform and returns."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

import pytest

from bot.common import SetupError
from bot.supervise import Backoff, Platform, supervise
from core.clock import FakeClock


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


async def test_a_failing_platform_restarts_with_backoff_while_the_other_runs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="twin.supervise")
    starts = {"flaky": 0, "steady": 0}
    steady_running = asyncio.Event()
    flaky_recovered = asyncio.Event()

    async def flaky() -> None:
        starts["flaky"] += 1
        if starts["flaky"] <= 3:
            raise ValueError("Invalid base64-encoded string\nsecond line never shown")
        flaky_recovered.set()
        await asyncio.Event().wait()

    async def steady() -> None:
        starts["steady"] += 1
        steady_running.set()
        await asyncio.Event().wait()

    sleeps = Sleeps()
    task = asyncio.create_task(
        supervise(
            [Platform("discord", flaky), Platform("slack", steady)],
            backoff=Backoff(initial=1, factor=2, maximum=3),
            sleep=sleeps,
            clock=FakeClock(),
        )
    )
    await asyncio.wait_for(flaky_recovered.wait(), 5)
    await asyncio.wait_for(steady_running.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert starts == {"flaky": 4, "steady": 1}
    assert sleeps.waits == [1, 2, 3]  # doubled, then capped
    lines = [r for r in caplog.records if r.name == "twin.supervise"]
    assert [r.getMessage() for r in lines] == [
        f"discord: stopped (ValueError: Invalid base64-encoded string); "
        f"reconnecting in {w}s (attempt {n})"
        for n, w in ((1, 1), (2, 2), (3, 3))
    ]
    assert all(r.exc_info is None for r in lines)


async def test_a_setup_error_stops_only_its_platform_and_ends_the_run_when_alone() -> None:
    refused = SetupError("Discord refused DISCORD_TOKEN")
    other_done = asyncio.Event()

    async def bad() -> None:
        raise refused

    async def good() -> None:
        await asyncio.sleep(0)
        other_done.set()
        raise SetupError("Slack needs SLACK_BOT_TOKEN")

    with pytest.raises(SetupError) as caught:
        await supervise([Platform("discord", bad), Platform("slack", good)], sleep=Sleeps())
    assert caught.value is refused and other_done.is_set()


async def test_a_long_healthy_run_starts_the_backoff_over() -> None:
    clock = FakeClock()
    runs = 0

    async def drops_after_a_while() -> None:
        nonlocal runs
        runs += 1
        if runs in (2, 3):
            clock.advance(120)  # ran two minutes before it dropped
        raise ConnectionError("gateway closed")

    sleeps = Sleeps()
    await supervise(
        [Platform("discord", drops_after_a_while)],
        backoff=Backoff(initial=1, factor=2, maximum=60, healthy_after=60),
        sleep=sleeps,
        clock=clock,
        attempts=4,
    )
    assert sleeps.waits == [1, 1, 1, 2]


async def test_a_stop_signal_closes_every_platform_and_returns() -> None:
    running: set[str] = set()
    closed: list[str] = []
    both = asyncio.Event()

    def serving(name: str) -> Platform:
        async def run() -> None:
            running.add(name)
            if len(running) == 2:
                both.set()
            try:
                await asyncio.Event().wait()
            finally:
                await asyncio.sleep(0)  # a platform's close may wait (answers in flight)
                closed.append(name)

        return Platform(name, run)

    task = asyncio.create_task(
        supervise([serving("slack"), serving("discord")], stop_on=(signal.SIGUSR1,))
    )
    await asyncio.wait_for(both.wait(), 5)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(task, 5)  # returns: `twin run` then exits 0
    assert sorted(closed) == ["discord", "slack"]
    assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL  # handed back
