"""Group commit for SQLite (the rule: `core.store.batch`): the writes of one loop turn are
committed in one transaction and one trip to the connection's thread.

An answer makes two such trips: before its model call the rate count and the reservation (both
check-and-writes, `call`: a function run on the connection's thread, inside the transaction),
after it the usage row, the question, the turns, the cached answer and its sources (`write`).
One by one, each statement costs a hand-over to aiosqlite's thread and back (on a small VM about
100 µs of wall time and half of it of the event loop's CPU); batched, the whole set costs one.
A statement that breaks a constraint fails alone (SQLite rolls back only that statement); a lone
function runs in an IMMEDIATE transaction of its own.

aiosqlite has no public call for "run this function on your thread": `_run_on_thread` uses its
`_execute`, the method behind every one of its own calls (`tests/store/sqlite/test_batch.py`
fails if an aiosqlite release changes it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import aiosqlite

from core.store.batch import LoopTurn

T = TypeVar("T")
Params = Sequence[Any] | dict[str, Any]
Rows = list[tuple[Any, ...]]
OnThread = Callable[[sqlite3.Connection], Any]
"""A check-and-write run on the connection's thread inside the batch's transaction: it reads,
decides in Python and writes. Its error fails it alone when it had written nothing; after a
write, its error rolls the batch back (then each write is tried alone), so nothing it did stays
half done."""
Result = Any  # a write's rowcount, the rows a statement returned, or what a function returned
Outcome = Result | Exception  # or the error of this statement alone
Item = tuple[str | OnThread, Params, bool]  # sql or a function, parameters, whether rows wanted

# errors of one statement, after which the transaction goes on (SQLite undid the statement)
_STATEMENT_ERRORS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


class _HalfDone(Exception):
    """A function failed after it had written: its error takes the whole transaction down, so
    what it wrote is undone with it (the batch is then tried one by one)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _call(conn: sqlite3.Connection, function: OnThread) -> Result:
    before = conn.total_changes
    try:
        return function(conn)
    except _STATEMENT_ERRORS as error:
        if conn.total_changes != before:  # it wrote, then failed: nothing of it may stay
            raise _HalfDone(error) from error
        raise


def _one(conn: sqlite3.Connection, sql: str | OnThread, params: Params, rows: bool) -> Result:
    if not isinstance(sql, str):
        return _call(conn, sql)
    cursor = conn.execute(sql, params)
    return [tuple(r) for r in cursor.fetchall()] if rows else cursor.rowcount


def _apply(conn: sqlite3.Connection, items: Sequence[Item]) -> list[Outcome]:
    """On the connection's thread: all statements in one IMMEDIATE transaction (or in the one
    this connection has open, as a lone statement would be), each read to its end."""
    outcomes: list[Outcome] = []
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, params, rows in items:
            try:
                outcomes.append(_one(conn, sql, params, rows))
            except _STATEMENT_ERRORS as error:
                outcomes.append(error)
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes


async def _run_on_thread(db: aiosqlite.Connection, items: Sequence[Item]) -> list[Outcome]:
    return await db._execute(_apply, db._conn, items)  # type: ignore[no-untyped-call,no-any-return]


class WriteBatch(LoopTurn[Item, Result]):
    """Collects the statements of one loop turn and commits them together."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        super().__init__()
        self._db = db
        self.batches = 0  # trips to the thread so far (benchmarks count them)

    async def write(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT / UPDATE / DELETE with the others of this loop turn; its rowcount.
        Raises the statement's sqlite3 error, or the batch's."""
        result = await self._submit((sql, params, False))
        assert isinstance(result, int)
        return result

    async def fetch(self, sql: str, params: Params = ()) -> Rows:
        """Run one statement that returns rows (a write with RETURNING: a check-and-write of
        the ledger) with the others of this loop turn; its rows."""
        result = await self._submit((sql, params, True))
        assert isinstance(result, list)
        return result

    async def call(self, function: Callable[[sqlite3.Connection], T]) -> T:
        """Run `function(connection)` on the connection's thread with the others of this loop
        turn, inside their transaction (alone: in an IMMEDIATE transaction of its own, so what it
        reads cannot change before it writes); what it returns. Raises its sqlite3 error (with
        none of its writes kept), or the batch's."""
        result: T = await self._submit((function, (), False))
        return result

    async def _outcomes(self, items: list[Item]) -> list[Outcome]:
        self.batches += 1
        return list(await super()._outcomes(items))

    async def _together(self, items: list[Item]) -> list[Outcome]:
        return await _run_on_thread(self._db, items)

    async def _alone(self, item: Item) -> Result:
        """One statement on its own (autocommit): one hop, as aiosqlite runs it; a function in
        an IMMEDIATE transaction of its own."""
        sql, params, rows = item
        if not isinstance(sql, str):
            try:
                (outcome,) = await _run_on_thread(self._db, [item])
            except _HalfDone as half:  # its own transaction was rolled back
                return half.error
            return outcome
        if rows:
            return [tuple(r) for r in await self._db.execute_fetchall(sql, params)]
        return (await self._db.execute(sql, params)).rowcount
