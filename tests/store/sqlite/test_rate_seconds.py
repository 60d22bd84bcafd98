"""SQLite counts rate windows per key and second: a check reads at most a minute of rows
whatever the traffic, and a database from before (one `hits` row per request) keeps its
last minute."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from core.store.records import RateKey
from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore
from tests.store.old_database import old_database

T0 = 2_000_000.0


async def test_a_second_of_traffic_is_one_row_per_key(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "twin.db")
    try:
        keys = [RateKey("user:a", 1000), RateKey("global", 1000)]
        for i in range(300):  # three seconds of a hundred requests each
            assert await store.rate_hit(keys, T0 + i / 100, 60.0) is None
        rows = await store.fetch("SELECT key, second, n FROM rate_seconds ORDER BY key, second")
        assert rows == [(k, int(T0) + s, 100) for k in ("global", "user:a") for s in range(3)]
    finally:
        await store.close()


async def test_a_version_6_database_carries_its_hits_over(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    hits = [f"INSERT INTO hits (key, at) VALUES ('user:a', {T0 + dt})" for dt in (0.1, 0.7, 5.2)]
    await old_database(path, 6, hits)
    store = await SqliteStore.open(path)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        rows = await store.fetch("SELECT second, n, last_at FROM rate_seconds ORDER BY second")
        assert rows == [(int(T0), 2, T0 + 0.7), (int(T0) + 5, 1, T0 + 5.2)]
        full = await store.rate_hit([RateKey("user:a", 3)], T0 + 10, 60.0)
        # the hits from before the upgrade still count; the wait runs from the latest hit of
        # the second that holds the third newest (T0 + 0.7), never less than the exact 50.1 s
        assert full is not None and full[0] == "user:a" and full[1] == pytest.approx(50.7)
    finally:
        await store.close()


async def test_concurrent_checks_of_one_key_never_pass_its_limit(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "twin.db")
    try:
        results = await asyncio.gather(
            *(store.rate_hit([RateKey("global", 7)], T0 + i / 1000, 60.0) for i in range(50))
        )
        assert results.count(None) == 7
        assert await store.fetch("SELECT SUM(n) FROM rate_seconds") == [(7,)]
    finally:
        await store.close()
