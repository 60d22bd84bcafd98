"""One ledger, two backends: the same random sequence of reserve / top-up / settle / release /
rate hits, run against SQLite and a real PostgreSQL, gets the same decisions (grants and their
room, denials and the ledger they saw, top-ups, rate refusals and their waits). The sequences
are seeded: a failure names its seed, and running that seed again repeats it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.models.usage import Attempt, CallContext
from core.store.base import Store
from core.store.postgres import PostgresStore
from core.store.records import BudgetCaps, Denial, LedgerView, RateKey, ReserveRequest
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from tests.pg import PgTarget

START = datetime(2026, 12, 7, 23, 58, 30, tzinfo=UTC)  # the sequence crosses a UTC day
IN_USD, OUT_USD = 1e-6, 4e-6
STEPS = 80


@dataclass
class _Open:
    """A reservation the sequence holds: its id on each backend."""

    ids: dict[str, int]
    tokens: int


def _view(view: LedgerView) -> tuple[Any, ...]:
    return (
        view.day_tokens,
        round(view.month_usd, 9),
        view.held_tokens,
        round(view.held_usd, 9),
        view.minute_tokens,
        view.open_reservations,
    )


class _Run:
    """Applies one step to every backend and returns what each decided."""

    def __init__(self, stores: dict[str, Store], rng: random.Random, caps: BudgetCaps) -> None:
        self.stores = stores
        self.rng = rng
        self.caps = caps
        self.now = START
        self.open: list[_Open] = []

    async def step(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        self.now += timedelta(seconds=rng.choice((0.0, 0.3, 0.9, 1.7, 7.5, 31.0, 59.4)))
        kinds = ("reserve", "reserve", "settle", "release", "top_up", "rate", "rate", "admit")
        kind = rng.choice(kinds)
        if kind in ("reserve", "admit"):  # admit: the rate windows, then the reservation
            return kind, await self._reserve(admit=kind == "admit")
        if kind == "rate":
            return kind, await self._rate()
        if not self.open:
            return "idle", {}
        held = self.open[rng.randrange(len(self.open))]
        if kind == "release":
            self.open.remove(held)
            for name, store in self.stores.items():
                await store.release(held.ids[name])
            return kind, {}
        if kind == "top_up":
            more = held.tokens + rng.choice((0, 50, 400, 3000))
            return kind, {
                name: await store.top_up(held.ids[name], more, more * OUT_USD, self.caps, self.now)
                for name, store in self.stores.items()
            }
        return kind, await self._settle(held)

    async def _reserve(self, admit: bool = False) -> dict[str, Any]:
        rng = self.rng
        request = ReserveRequest(
            now=self.now,
            prompt_tokens=rng.choice((0, 120, 900, 2500)),
            max_tokens=rng.choice((200, 1024, 4000)),
            min_tokens=rng.choice((0, 100, 600)),
            input_usd=IN_USD,
            output_usd=OUT_USD,
            caps=self.caps,
            expires_at=self.now + timedelta(seconds=rng.choice((5, 90))),
        )
        out: dict[str, Any] = {}
        ids: dict[str, int] = {}
        keys = self._keys() if admit else []
        for name, store in self.stores.items():
            if admit:
                now = self.now.timestamp()
                full, booked = await store.admit_and_reserve(keys, now, 60.0, request)
                if full is not None or booked is None:
                    out[name] = ("limited", full and (full[0], round(full[1], 6)), booked)
                    continue
                found = booked
            else:
                found = await store.reserve(request)
            if isinstance(found, Denial):
                out[name] = ("denied", _view(found.view))
            else:
                ids[name] = found.id
                out[name] = ("granted", found.max_tokens, found.tokens, round(found.usd, 9))
        if len(ids) == len(self.stores):
            self.open.append(_Open(ids, request.prompt_tokens + out[next(iter(ids))][1]))
        return out

    async def _settle(self, held: _Open) -> dict[str, Any]:
        rng = self.rng
        ok = rng.random() < 0.7
        prompt = rng.randrange(0, held.tokens + 1)
        completion = rng.randrange(0, max(1, held.tokens - prompt + 1))
        cached = rng.choice((0, prompt // 2))
        if ok:
            self.open.remove(held)
        for name, store in self.stores.items():
            await store.record_attempt(
                Attempt(
                    at=self.now,
                    context=CallContext("r", reservation=held.ids[name]),
                    model="m",
                    prompt_tokens=prompt,
                    completion_tokens=completion,
                    cost_usd=prompt * IN_USD + completion * OUT_USD,
                    latency_ms=1.0,
                    outcome="ok" if ok else "timeout",
                    cached_input_tokens=cached,
                )
            )
        return {
            name: _view(await store.ledger(self.now, self.caps))
            for name, store in self.stores.items()
        }

    def _keys(self) -> list[RateKey]:
        return [RateKey(f"user:{self.rng.choice('ab')}", 2), RateKey("global", 4)]

    async def _rate(self) -> dict[str, Any]:
        keys = self._keys()
        now = self.now.timestamp()
        out: dict[str, Any] = {}
        for name, store in self.stores.items():
            refused = await store.rate_hit(keys, now, 60.0)
            out[name] = None if refused is None else (refused[0], round(refused[1], 6))
        return out


@pytest.mark.parametrize("seed", range(12))
async def test_the_same_sequence_gets_the_same_decisions_on_both_backends(
    tmp_path: Path, pg_target: PgTarget, seed: int
) -> None:
    rng = random.Random(seed)
    caps = BudgetCaps(
        daily_tokens=rng.choice((0, 6000, 20000)),
        monthly_usd=rng.choice((0.0, 0.02, 0.08)),
        tokens_per_minute=rng.choice((0, 3000, 9000)),
    )
    stores: dict[str, Store] = {
        "sqlite": await SqliteStore.open(tmp_path / "twin.db"),
        "postgres": await PostgresStore.open(parse_database_url(await pg_target.new_schema())),
    }
    try:
        run = _Run(stores, rng, caps)
        seen: set[str] = set()
        for step in range(STEPS):
            kind, decided = await run.step()
            values = list(decided.values())
            assert all(v == values[0] for v in values), (seed, step, kind, decided, caps)
            if kind in ("reserve", "rate", "admit") and values:
                seen.add(f"{kind}:{values[0] is None or values[0][0]}")
        assert seen & {"reserve:granted", "rate:True"}, (seed, seen)  # the run decided things
    finally:
        for store in stores.values():
            await store.close()
