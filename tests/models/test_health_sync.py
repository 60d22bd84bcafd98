"""Shared health writes: at once when a breaker changes, at most every `every_s` otherwise, and
the router's report is not built for attempts that can change nothing (real router, real groq
SDK against the fake Groq, a real SQLite store, the fake clock)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.insight.alerts import AlertBus
from core.insight.reports import ModelHealth
from core.models.health_sync import HealthSync
from core.models.providers.registry import build_providers
from core.models.router import Router
from core.store.records import HealthSnapshot, StoreUnavailable
from core.store.sqlite import SqliteStore
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, Sleeps, make_config


class Wired:
    """A router whose only sink is a HealthSync on a real store; counts writes and reports."""

    def __init__(self, router: Router, sync: HealthSync, store: SqliteStore) -> None:
        self.router = router
        self.sync = sync
        self.store = store
        self.writes: list[dict[str, str]] = []  # model -> breaker, per health_put
        self.reports = 0
        self.refuse = 0  # how many of the next writes fail as if the disk were full
        self.counted_health: Callable[[], tuple[ModelHealth, ...]] = router.health

    async def ask(self) -> str:
        return (await self.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model

    async def shared(self) -> dict[str, str]:
        return {s.model: s.breaker for s in await self.store.health_all()}


@pytest.fixture
async def wired(
    fake: FakeGroq,
    clock: FakeClock,
    sleeps: Sleeps,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Wired]:
    config = make_config({"breaker_failures": 1, "retries": 0, "breaker_cooldown_s": 30.0})
    env = {"GROQ_API_KEY": "test-key", "GROQ_BASE_URL": fake.base_url}
    providers = build_providers(config, env)
    store = await SqliteStore.open(tmp_path / "twin.db")
    sync = HealthSync(store, clock.utc, 30.0, every_s=5.0, writer="me")
    router = Router(
        config,
        providers,
        (sync,),
        AlertBus(),
        clock=clock,
        wall=clock.utc,
        sleep=sleeps,
        rng=random.Random(7),
    )
    w = Wired(router, sync, store)
    put = store.health_put

    async def counted_put(snapshots: Sequence[HealthSnapshot]) -> None:
        w.writes.append({s.model: s.breaker for s in snapshots})
        if w.refuse:
            w.refuse -= 1
            raise StoreUnavailable("twin.db: disk full")
        await put(snapshots)

    def counted_health() -> tuple[ModelHealth, ...]:
        w.reports += 1
        return router.health()

    monkeypatch.setattr(store, "health_put", counted_put)
    sync.attach(counted_health, router.hold_off)
    w.counted_health = counted_health
    try:
        yield w
    finally:
        await providers.aclose()
        await store.close()


async def test_successes_write_at_most_every_interval_without_building_the_report(
    wired: Wired, clock: FakeClock
) -> None:
    assert await wired.ask() == M20
    assert wired.writes == [{M20: "closed"}] and wired.reports == 1
    for _ in range(4):
        clock.advance(1.0)
        await wired.ask()
    assert len(wired.writes) == 1  # 4 s after the write: nothing due
    assert wired.reports == 1  # and nothing could have changed, so no report was built
    clock.advance(1.0)  # 5 s after the write
    await wired.ask()
    assert len(wired.writes) == 2 and wired.reports == 2


async def test_a_breaker_change_is_written_at_once_also_when_the_attempt_succeeded(
    wired: Wired, clock: FakeClock, fake: FakeGroq
) -> None:
    await wired.ask()
    clock.advance(1.0)
    fake.fail(M20, Fault.server_error(503), times=1)
    assert await wired.ask() == M120  # M20 failed once: its breaker opened
    assert wired.writes[-1] == {M20: "open"}  # before M120 was asked
    assert await wired.shared() == {M20: "open"}
    writes = len(wired.writes)
    clock.advance(1.0)
    assert await wired.ask() == M120  # a success on M120 while M20 is open: no change
    assert len(wired.writes) == writes
    clock.advance(30.0)  # M20's cooldown is over: its probe succeeds and closes it
    assert await wired.ask() == M20
    assert wired.writes[-1][M20] == "closed"
    clock.advance(1.0)  # written closed again, 1 s ago: a success changes nothing
    writes, reports = len(wired.writes), wired.reports
    await wired.ask()
    assert (len(wired.writes), wired.reports) == (writes, reports)


async def test_a_failed_write_is_tried_again_on_the_next_attempt(
    wired: Wired, clock: FakeClock, fake: FakeGroq
) -> None:
    await wired.ask()
    fake.fail(M20, Fault.server_error(503), times=1)
    clock.advance(1.0)
    wired.refuse = 2  # the opening cannot be written (after M20 failed, nor after M120 answered)
    assert await wired.ask() == M120
    assert wired.writes[-1] == {M20: "open", M120: "closed"}
    assert (await wired.shared())[M20] == "closed"
    clock.advance(1.0)
    await wired.ask()  # a success on M120 within the interval: the opening still goes out
    assert (await wired.shared())[M20] == "open"


async def test_with_the_breakers_at_hand_an_open_one_costs_no_report_until_a_write_is_due(
    wired: Wired, clock: FakeClock, fake: FakeGroq
) -> None:
    wired.sync.attach(wired.counted_health, wired.router.hold_off, wired.router.breakers)
    await wired.ask()
    fake.fail(M20, Fault.server_error(503))  # M20 stays down
    clock.advance(1.0)
    assert await wired.ask() == M120
    assert wired.writes[-1] == {M20: "open"}  # written at once, before M120 was asked
    writes, reports = len(wired.writes), wired.reports
    for _ in range(3):  # within the interval, M20 open as written: nothing to build or write
        clock.advance(1.0)
        assert await wired.ask() == M120
    assert (len(wired.writes), wired.reports) == (writes, reports)
    clock.advance(2.0)  # 5 s after the write: due again
    await wired.ask()
    assert len(wired.writes) == writes + 1 and wired.reports == reports + 1
