"""The grounding table on both backends: one row per checked answer, rates per model since a
time; opening an existing database again adds nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.store.base import Store
from core.store.grounding_records import GroundingRow, ModelGroundingRate
from core.store.sqlite import SqliteStore

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


async def test_rates_per_model_count_answers_and_held_claims_since_a_time(store: Store) -> None:
    rows = [
        GroundingRow("r1", NOW, "m-a", 4, 2, ("Globex Dynamics", "2011")),
        GroundingRow("r2", NOW, "m-a", 3, 0),
        GroundingRow("r3", NOW, "m-b", 1, 1, ("PhD",)),
        GroundingRow("old", NOW - timedelta(days=9), "m-a", 5, 5),
    ]
    for row in rows:
        await store.record_grounding(row)
    await store.record_grounding(rows[0])  # written twice (a retried write): counted once
    since = await store.grounding_rates(NOW - timedelta(days=7))
    assert since == [ModelGroundingRate("m-a", 2, 2), ModelGroundingRate("m-b", 1, 1)]
    terms = await store.fetch("SELECT terms FROM grounding WHERE request_id = 'r1'")
    assert terms == [("Globex Dynamics | 2011",)]


async def test_an_existing_database_gains_the_table_once(tmp_path: Path) -> None:
    first = await SqliteStore.open(tmp_path / "t.db")
    await first.record_grounding(GroundingRow("r1", NOW, "m", 1, 1))
    await first.close()
    again = await SqliteStore.open(tmp_path / "t.db")
    assert await again.grounding_rates(NOW - timedelta(days=1)) == [ModelGroundingRate("m", 1, 1)]
    await again.close()
