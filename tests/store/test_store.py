"""The store: real SQLite on a temp file, reopened to prove what survives a restart."""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from core.insight.alerts import Alert
from core.models.usage import Attempt, CallContext
from core.store.records import QuestionRecord, StoredTurn, StoreError
from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore as Store
from tests.store.old_sqlite_schema import MIGRATIONS as _MIGRATIONS

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def attempt(at: datetime, model: str = "m", tokens: int = 10, outcome: str = "ok") -> Attempt:
    return Attempt(
        at=at,
        context=CallContext(request_id="r1", platform="cli", user_id="u", channel_id="c"),
        model=model,
        prompt_tokens=tokens,
        completion_tokens=tokens,
        cost_usd=0.001,
        latency_ms=12.0,
        outcome=outcome,
    )


async def test_wal_and_schema_version(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "t.db")
    assert await store.schema_version() == SCHEMA_VERSION
    rows = await store.fetch("PRAGMA journal_mode")
    assert rows[0][0] == "wal"
    await store.close()


async def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    first = await Store.open(path)
    await first.close()
    async with aiosqlite.connect(path) as db:
        await db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        await db.commit()
    with pytest.raises(StoreError, match="schema version 99"):
        await Store.open(path)


async def test_usage_and_turns_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = await Store.open(path)
    await store.record_attempt(attempt(NOW - timedelta(days=1)))
    await store.record_attempt(attempt(NOW, outcome="server_error", tokens=0))
    await store.record_attempt(attempt(NOW))
    await store.add_turns("conv", [StoredTurn("user", "hi"), StoredTurn("assistant", "hello")], NOW)
    await store.close()  # a kill after commit loses nothing: every write is committed

    again = await Store.open(path)
    tokens, usd = await again.usage_since(NOW.replace(hour=0))
    assert tokens == 20 and usd == pytest.approx(0.002)
    tokens, usd = await again.usage_since(NOW - timedelta(days=2))
    assert tokens == 40 and usd == pytest.approx(0.003)
    assert [t.text for t in await again.last_turns("conv", 10)] == ["hi", "hello"]
    assert [a.outcome for a in await again.recent_attempts()] == ["ok", "server_error", "ok"]
    await again.close()


async def test_last_turns_keeps_the_newest_in_order(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "t.db")
    for i in range(5):
        await store.add_turns(
            "c", [StoredTurn("user", f"q{i}"), StoredTurn("assistant", f"a{i}")], NOW
        )
    assert [t.text for t in await store.last_turns("c", 4)] == ["q3", "a3", "q4", "a4"]
    assert await store.last_turns("other", 4) == []
    await store.close()


async def test_claim_is_once_only_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = await Store.open(path)
    assert await store.claim("event:E1", NOW) is True
    assert await store.claim("event:E1", NOW) is False
    await store.close()
    again = await Store.open(path)
    assert await again.claim("event:E1", NOW) is False
    assert await again.claim_alert("budget:daily:0.8") is True
    assert await again.claim_alert("budget:daily:0.8") is False
    await again.close()


async def test_question_records_are_queryable(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "t.db")
    await store.record_question(
        QuestionRecord(NOW, "r", "slack", "U1", "C1", "cached", saved_usd=0.5)
    )
    rows = await store.fetch("SELECT outcome, saved_usd FROM questions")
    assert rows == [("cached", 0.5)]
    await store.close()


async def test_regression_concurrent_turn_writes_do_not_misuse_sqlite(tmp_path: Path) -> None:
    """aiosqlite's executemany failed ("bad parameter or other API misuse") under concurrency."""
    store = await Store.open(tmp_path / "t.db")

    async def converse(i: int) -> None:
        await store.last_turns(f"c{i % 7}", 12)
        await store.add_turns(
            f"c{i % 7}", [StoredTurn("user", "q"), StoredTurn("assistant", "a")], NOW
        )

    await asyncio.gather(*(converse(i) for i in range(400)))
    rows = await store.fetch("SELECT COUNT(*) FROM turns")
    assert rows[0][0] == 800
    await store.close()


async def test_an_existing_database_gains_the_dashboard_tables(tmp_path: Path) -> None:
    """A database from before the owner loop, with the first dashboard's `gap_status` table
    (per-wording "ignored" marks, retired since): it opens, upgrades, and keeps its rows."""
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as db:
        await db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            + _MIGRATIONS[1]
            + "INSERT INTO meta VALUES ('schema_version', '1');"
            "INSERT INTO gaps (at, platform, user_id, question, normalized) VALUES"
            " ('2026-11-20T10:00:00.000000Z', 'slack', 'U1', 'Sports?', 'sports');"
            "CREATE TABLE gap_status (normalized TEXT PRIMARY KEY, status TEXT, at TEXT);"
            "INSERT INTO gap_status VALUES ('sports', 'ignored', '2026-11-21T10:00:00.000000Z');"
        )
        await db.commit()
    for _ in range(2):  # and opens again once upgraded
        store = await Store.open(path)
        try:
            assert await store.schema_version() == SCHEMA_VERSION
            at = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
            await store.record_alert(Alert("budget", "k", "t", "x", "a", "warning", at))
            assert (await store.alerts_history())[0].at == at
            assert await store.fetch("SELECT question, group_id FROM gaps") == [("Sports?", None)]
            assert await store.fetch("SELECT status FROM gap_status") == [("ignored",)]
        finally:
            await store.close()
