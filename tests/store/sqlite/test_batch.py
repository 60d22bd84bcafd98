"""Group commit: the writes of one loop turn share one transaction and one trip to the thread,
and each still succeeds or fails as it would alone."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from core.store.sqlite_batch import WriteBatch


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    conn = await aiosqlite.connect(tmp_path / "b.db", isolation_level=None)
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
    try:
        yield conn
    finally:
        await conn.close()


async def rows(db: aiosqlite.Connection) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in await db.execute_fetchall("SELECT k, v FROM t ORDER BY k")]


async def test_writes_awaited_together_go_in_one_trip_and_each_gets_its_rowcount(
    db: aiosqlite.Connection,
) -> None:
    batch = WriteBatch(db)
    counts = await asyncio.gather(
        batch.write("INSERT INTO t VALUES (?, ?)", ("a", "1")),
        batch.write("INSERT INTO t VALUES (?, ?)", ("b", "2")),
        batch.write("UPDATE t SET v = 'x' WHERE k = 'nobody'"),
    )
    assert list(counts) == [1, 1, 0]
    assert batch.batches == 1
    assert await rows(db) == [("a", "1"), ("b", "2")]
    await batch.write("DELETE FROM t WHERE k = ?", ("a",))  # a lone write: a trip of its own
    assert batch.batches == 2 and await rows(db) == [("b", "2")]


async def test_a_write_that_breaks_a_constraint_fails_alone(db: aiosqlite.Connection) -> None:
    batch = WriteBatch(db)
    await batch.write("INSERT INTO t VALUES ('a', '1')")
    results = await asyncio.gather(
        batch.write("INSERT INTO t VALUES ('b', '2')"),
        batch.write("INSERT INTO t VALUES ('a', 'again')"),  # the key exists
        batch.write("INSERT INTO t VALUES ('c', '3')"),
        return_exceptions=True,
    )
    assert results[0] == 1 and results[2] == 1
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert await rows(db) == [("a", "1"), ("b", "2"), ("c", "3")]


async def test_when_the_batch_does_not_fit_each_write_is_tried_alone(
    db: aiosqlite.Connection,
) -> None:
    (pages,) = next(iter(await db.execute_fetchall("PRAGMA page_count")))
    await db.execute_fetchall(f"PRAGMA max_page_count = {pages + 2}")
    batch = WriteBatch(db)
    results = await asyncio.gather(
        batch.write("INSERT INTO t VALUES ('small', 'x')"),
        batch.write("INSERT INTO t VALUES ('big', ?)", ("y" * 200_000,)),  # far past 2 pages
        return_exceptions=True,
    )
    assert results[0] == 1  # it fits alone: written, as it would have been without batching
    assert isinstance(results[1], sqlite3.OperationalError) and "full" in str(results[1])
    assert await rows(db) == [("small", "x")]
    assert not db.in_transaction


async def test_a_batch_joins_a_transaction_the_connection_has_open(
    db: aiosqlite.Connection,
) -> None:
    batch = WriteBatch(db)
    await db.execute("BEGIN IMMEDIATE")
    await asyncio.gather(
        batch.write("INSERT INTO t VALUES ('a', '1')"),
        batch.write("INSERT INTO t VALUES ('b', '2')"),
    )
    assert db.in_transaction  # not committed behind its owner's back
    await db.execute("ROLLBACK")
    assert await rows(db) == []


def _read_then_write(key: str, conn: sqlite3.Connection) -> tuple[bool, int]:
    """A check-and-write as the ledger makes them: what it saw, and how many rows it wrote."""
    in_transaction = conn.in_transaction
    (count,) = conn.execute("SELECT COUNT(*) FROM t").fetchone()
    return in_transaction, conn.execute("INSERT INTO t VALUES (?, ?)", (key, str(count))).rowcount


async def test_a_function_runs_on_the_thread_inside_the_batch_in_the_same_trip(
    db: aiosqlite.Connection,
) -> None:
    batch = WriteBatch(db)
    wrote, seen = await asyncio.gather(
        batch.write("INSERT INTO t VALUES ('a', '1')"),
        batch.call(functools.partial(_read_then_write, "b")),
    )
    assert wrote == 1 and seen == (True, 1)  # it saw the write before it, in one transaction
    assert batch.batches == 1 and not db.in_transaction
    assert await rows(db) == [("a", "1"), ("b", "1")]


async def test_a_lone_function_gets_an_immediate_transaction_of_its_own(
    db: aiosqlite.Connection,
) -> None:
    batch = WriteBatch(db)
    assert await batch.call(functools.partial(_read_then_write, "a")) == (True, 1)
    assert not db.in_transaction and await rows(db) == [("a", "0")]


async def test_a_function_that_breaks_a_constraint_fails_alone(db: aiosqlite.Connection) -> None:
    batch = WriteBatch(db)
    await batch.write("INSERT INTO t VALUES ('a', '1')")
    results = await asyncio.gather(
        batch.call(functools.partial(_read_then_write, "a")),  # the key exists
        batch.write("INSERT INTO t VALUES ('b', '2')"),
        return_exceptions=True,
    )
    assert isinstance(results[0], sqlite3.IntegrityError) and results[1] == 1
    assert await rows(db) == [("a", "1"), ("b", "2")]


def _write_then_break(conn: sqlite3.Connection) -> None:
    """A function that writes and then breaks a constraint: none of it may stay."""
    conn.execute("INSERT INTO t VALUES ('half', 'x')")
    conn.execute("INSERT INTO t VALUES ('a', 'again')")  # the key exists


async def test_a_function_that_fails_after_writing_leaves_nothing_of_it(
    db: aiosqlite.Connection,
) -> None:
    batch = WriteBatch(db)
    await batch.write("INSERT INTO t VALUES ('a', '1')")
    results = await asyncio.gather(
        batch.write("INSERT INTO t VALUES ('b', '2')"),
        batch.call(_write_then_break),
        return_exceptions=True,
    )
    assert results[0] == 1 and isinstance(results[1], sqlite3.IntegrityError)
    assert await rows(db) == [("a", "1"), ("b", "2")]  # 'half' undone, the other write kept
    assert not db.in_transaction
    with pytest.raises(sqlite3.IntegrityError):  # alone: its own transaction rolled back
        await batch.call(_write_then_break)
    assert await rows(db) == [("a", "1"), ("b", "2")]
