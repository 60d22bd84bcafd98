"""Schema 8 is one schema for both backends: a new database of either holds the tables of
`core.store.schema`, and a database left by every released twin (SQLite 1-8, PostgreSQL 1-2 and
8) is migrated in place to exactly those columns, keeping its history and its ledger; version 9
adds the viewing context, which works on every migrated database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from core.store.attempts import Attempt, CallContext
from core.store.postgres import PostgresStore
from core.store.records import BudgetCaps, QuestionRecord, RateKey
from core.store.schema import ONE_SCHEMA, SCHEMA_VERSION, TABLES
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from core.store.viewing import ViewedEntity
from tests.pg import PgTarget
from tests.store.old_database import old_database
from tests.store.old_pg_database import old_pg_database, one_schema_pg_database

NOW = datetime.now(UTC).replace(microsecond=0)
STAMP = NOW.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
DECLARED = {t.name: {name for name, _ in t.columns()} for t in TABLES}
PG_ONLY = {"answer_messages": {"seq"}}  # what SQLite's rowid does (core.store.dialect)

# A question and a successful model call, as every released version could write them.
QUESTION = (
    "INSERT INTO questions (at, request_id, platform, user_id, channel_id, outcome, model, tokens,"
    f" cost_usd) VALUES ('{STAMP}', 'r1', 'cli', 'owner', 'cli', 'answered', 'm', 30, 0.5)"
)


def _usage(version: int) -> str:
    second = f", {int(NOW.timestamp())}" if version >= 5 else ""
    return (
        "INSERT INTO usage (at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
        " completion_tokens, cost_usd, latency_ms, outcome"
        + (", second" if version >= 5 else "")
        + f") VALUES ('{STAMP}', 'r1', 'cli', 'owner', 'cli', 'm', 20, 10, 0.5, 100.0, 'ok'"
        + second
        + ")"
    )


async def _sqlite_columns(path: Path) -> dict[str, set[str]]:
    async with aiosqlite.connect(path) as db:
        names = [r[0] for r in await db.execute_fetchall("SELECT name FROM sqlite_master")]
        return {
            t: {str(r[1]) for r in await db.execute_fetchall(f"PRAGMA table_info({t})")}
            for t in DECLARED
            if t in names
        }


async def _pg_columns(url: str) -> dict[str, set[str]]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema()"
        )
    finally:
        await conn.close()
    out: dict[str, set[str]] = {}
    for r in rows:
        if r[0] in DECLARED:
            out.setdefault(r[0], set()).add(r[1])
    return {t: cols - PG_ONLY.get(t, set()) for t, cols in out.items()}


async def _history_kept(store: SqliteStore | PostgresStore) -> None:
    """The old question and call are read back; the ledger counts the call's spend (booked by
    the old version, or from its usage rows by the step that began the ledger) and goes on
    working."""
    assert await store.schema_version() == SCHEMA_VERSION
    period = await store.period_usage("today", NOW - timedelta(hours=1))
    assert (period.questions, period.calls) == (1, 1) and period.cost_usd == pytest.approx(0.5)
    view = await store.ledger(NOW, BudgetCaps(daily_tokens=1000, tokens_per_minute=1000))
    assert view.day_tokens == 30
    assert await store.rate_hit([RateKey("user:a", 1)], NOW.timestamp(), 60.0) is None
    assert await store.rate_hit([RateKey("user:a", 1)], NOW.timestamp() + 1, 60.0) is not None
    await store.record_question(QuestionRecord(NOW, "r2", "cli", "owner", "cli", "answered"))
    # version 11: a new call's usage row books its spend (the trigger `usage_books`)
    await store.record_attempt(Attempt(NOW, CallContext("r2"), "m", 6, 4, 0.0, 1.0, "ok"))
    after = await store.ledger(NOW, BudgetCaps(daily_tokens=1000, tokens_per_minute=1000))
    assert (after.day_tokens, after.minute_tokens) == (40, view.minute_tokens + 10)
    # version 9: what a member looks at, kept beside the conversation
    seen = [ViewedEntity("channel_id", "C1")]
    await store.note_viewing("slack:T1:D1", seen, NOW, platform="slack", user_id="U1")
    assert list(await store.viewing("slack:T1:D1")) == seen


async def test_a_new_sqlite_and_a_new_postgresql_database_hold_the_same_tables(
    tmp_path: Path, pg_target: PgTarget
) -> None:
    await (await SqliteStore.open(tmp_path / "new.db")).close()
    url = await pg_target.new_database()
    await (await PostgresStore.open(parse_database_url(url))).close()
    assert await _sqlite_columns(tmp_path / "new.db") == DECLARED
    assert await _pg_columns(url) == DECLARED


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
async def test_every_released_sqlite_database_is_migrated_in_place(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "old.db"
    await old_database(path, version, [QUESTION, _usage(version)])
    store = await SqliteStore.open(path)
    try:
        await _history_kept(store)
    finally:
        await store.close()
    assert await _sqlite_columns(path) == DECLARED


@pytest.mark.parametrize("version", [1, 2])
async def test_every_released_postgresql_database_is_migrated_in_place(
    pg_target: PgTarget, version: int
) -> None:
    url = await pg_target.new_database()
    day = NOW.date().isoformat()
    await old_pg_database(
        url,
        version,
        (
            QUESTION.replace(f"'{STAMP}'", f"'{NOW.isoformat()}'"),
            _usage(4).replace(f"'{STAMP}'", f"'{NOW.isoformat()}'"),
            f"INSERT INTO spend_day VALUES ('{day}', 30, 0.5)",
            f"INSERT INTO spend_month VALUES ('{day[:8]}01', 30, 0.5)",
            f"INSERT INTO rate_hits (key, at) VALUES ('user:b', {NOW.timestamp() - 1})",
        ),
    )
    store = await PostgresStore.open(parse_database_url(url))
    try:
        await _history_kept(store)
        # a rate hit from before the upgrade still counts in its window
        assert await store.rate_hit([RateKey("user:b", 1)], NOW.timestamp(), 60.0) is not None
        month = await store.ledger(NOW, BudgetCaps(monthly_usd=10.0))
        assert month.month_usd == pytest.approx(0.5)
    finally:
        await store.close()
    assert await _pg_columns(url) == DECLARED


async def test_a_postgresql_database_of_the_one_schema_is_migrated_in_place(
    pg_target: PgTarget,
) -> None:
    """From version 8 (the first of the one schema) to the current one."""
    url = await pg_target.new_database()
    stamp = f"'{NOW.isoformat()}'"
    await one_schema_pg_database(
        url,
        ONE_SCHEMA,
        (
            QUESTION.replace(f"'{STAMP}'", stamp),
            _usage(ONE_SCHEMA).replace(f"'{STAMP}'", stamp),
            f"INSERT INTO spend VALUES ('d:{NOW.date().isoformat()}', 30, 0.5)",
        ),
    )
    assert "viewing_context" not in await _pg_columns(url)  # version 8 had no such table
    store = await PostgresStore.open(parse_database_url(url))
    try:
        await _history_kept(store)
    finally:
        await store.close()
    assert await _pg_columns(url) == DECLARED
