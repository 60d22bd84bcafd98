"""PostgreSQL's group commit (core.store.pg_batch): the inserts of one loop turn go to the server
as one statement, and each write still succeeds or fails as it would alone; on a real server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from core.store.attempts import Attempt, CallContext
from core.store.base import _RECORD
from core.store.dialect import POSTGRES
from core.store.pg_batch import combine, joins
from core.store.postgres import PostgresStore
from core.store.records import (
    BudgetCaps,
    CachedAnswer,
    QuestionRecord,
    StoredTurn,
    StoreUnavailable,
)
from core.store.urls import parse_database_url
from tests.pg import PgTarget

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
async def store(pg_target: PgTarget) -> AsyncIterator[PostgresStore]:
    opened = await PostgresStore.open(parse_database_url(await pg_target.new_schema()))
    try:
        yield opened
    finally:
        await opened.close()


def _question(request_id: str) -> QuestionRecord:
    return QuestionRecord(NOW, request_id, "cli", "U1", "", "answered", question="q", answer="a")


def _attempt(request_id: str, tokens: int) -> Attempt:
    return Attempt(NOW, CallContext(request_id), "m", tokens, 0, 0.001, 10.0, "ok")


async def test_an_answers_closing_writes_go_out_as_one_statement(store: PostgresStore) -> None:
    before = store._batch.statements
    await asyncio.gather(
        store.record_attempt(_attempt("r1", 100)),
        store.record_question(_question("r1")),
        store.add_turns("c1", [StoredTurn("user", "q"), StoredTurn("assistant", "a")], NOW),
        store.cache_put("k", "f", CachedAnswer("a", "m", 100, 0.001, NOW)),
    )
    assert store._batch.statements - before == 1
    assert await store.answer_record("r1") is not None
    assert [t.text for t in await store.last_turns("c1", 5)] == ["q", "a"]
    assert (await store.ledger(NOW, BudgetCaps(0, 0.0, 0))).day_tokens == 100
    assert await store.cache_entries("f", NOW) != []


async def test_a_failing_write_fails_alone_and_its_neighbours_are_written(
    store: PostgresStore,
) -> None:
    results = await asyncio.gather(
        store.record_question(_question("r1")),
        store._run("write nowhere", "INSERT INTO nowhere (a) VALUES (?)", 1),
        store.record_attempt(_attempt("r1", 7)),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], StoreUnavailable)
    assert await store.answer_record("r1") is not None
    assert (await store.ledger(NOW, BudgetCaps(0, 0.0, 0))).day_tokens == 7


async def test_a_key_claimed_twice_in_one_turn_is_claimed_once(store: PostgresStore) -> None:
    claims = await asyncio.gather(*(store.claim("event-1", NOW) for _ in range(3)))
    assert sorted(claims) == [False, False, True]


async def test_two_usage_rows_and_two_upserts_of_one_row_in_one_turn_all_count(
    store: PostgresStore,
) -> None:
    await asyncio.gather(
        store.record_attempt(_attempt("r1", 100)),
        store.record_attempt(_attempt("r2", 20)),
        store.cache_put("k", "f", CachedAnswer("first", "m", 1, 0.0, NOW)),
        store.cache_put("k", "f", CachedAnswer("second", "m", 1, 0.0, NOW)),
    )
    assert (await store.ledger(NOW, BudgetCaps(0, 0.0, 0))).day_tokens == 120
    assert [entry.answer for _, entry in await store.cache_entries("f", NOW)] in (
        ["first"],
        ["second"],
    )


def test_plain_inserts_join_and_their_numbers_shift() -> None:
    assert joins(POSTGRES.sql(_RECORD))  # the usage row: its trigger books its spend
    assert not joins("UPDATE t SET a = 1")
    assert not joins("INSERT INTO t (a) VALUES ($1) RETURNING a")
    sql = combine(["INSERT INTO t (a) VALUES ($1)", "INSERT INTO u (b) VALUES ($1)"], [1, 1])
    assert "VALUES ($1)" in sql and "VALUES ($2)" in sql
    assert sql.endswith("SELECT (SELECT count(*) FROM twin_w0), (SELECT count(*) FROM twin_w1)")
