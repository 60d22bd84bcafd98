"""The SQLite store (aiosqlite, WAL): one database file shared by every process on a machine.

Every write is committed before the call returns (the writes issued in one turn of the event
loop share one transaction: `core.store.sqlite_batch`), so a process killed right after a reply
loses nothing it had recorded. Any SQLite failure at run time becomes `StoreUnavailable`
naming the file and the cause; at start-up, `StoreError`.
Every query shared with PostgreSQL is in `core.store.base.Store`; here are the executor
(group commit: `core.store.sqlite_batch`), opening and migrating. The ledger
and rate windows are in `core.store.sqlite_ledger`; semantics in `core.store.base`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Self, TypeVar

import aiosqlite

from core.store import sqlite_ledger
from core.store.base import Store
from core.store.dialect import SQLITE, ts
from core.store.executor import Row
from core.store.inbox import INBOX_INSERT, InboxEntry
from core.store.ledger import TOP_UP, ledger_statement, top_up_arguments
from core.store.records import (
    BudgetCaps,
    Denial,
    Grant,
    RateKey,
    ReserveRequest,
    StoreError,
    StoreUnavailable,
)
from core.store.sqlite_batch import WriteBatch
from core.store.sqlite_open import cause_of, check_path, prepare

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "WITH")
_TOP_UP = ledger_statement(TOP_UP, SQLITE)  # one UPDATE: locked before it reads, as a batch is
T = TypeVar("T")


class SqliteStore(Store):
    """All persistence of the twin in one file. `await SqliteStore.open(path)`; `close()`."""

    dialect = SQLITE

    def __init__(self, db: aiosqlite.Connection, path: Path, busy_timeout_s: float) -> None:
        self._db = db
        self.path = path
        self.location = str(path)
        self._busy_timeout_s = busy_timeout_s
        self._closed = False
        self._batch = WriteBatch(db)  # writes of one loop turn: one transaction, one hop

    @classmethod
    async def open(
        cls, path: str | Path, *, busy_timeout_s: float = 5.0, max_size_mb: float = 0.0
    ) -> Self:
        """Open (creating and migrating as needed). Raises StoreError naming the file."""
        target = Path(path)
        if str(target) != ":memory:":
            check_path(target)
        try:
            # Autocommit: every statement is its own durable transaction, one thread hop each.
            db = await aiosqlite.connect(target, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"the database {target} {cause_of(exc, busy_timeout_s)}") from None
        try:
            await prepare(db, target, busy_timeout_s, max_size_mb)
        except BaseException:
            await db.close()
            raise
        return cls(db, target, busy_timeout_s)

    def _errors(self) -> _Translated:
        """`with self._errors():` turns an sqlite3 error into StoreUnavailable naming the file
        (a plain class, not @contextmanager: it runs for every statement)."""
        return _Translated(self)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._db.close()

    # --- the executor (core.store.sql) -------------------------------------------------

    async def _run(self, what: str, sql: str, *params: Any) -> int:
        """A write, committed (with the others of this loop turn) when this returns."""
        with self._errors():
            return await self._batch.write(self.dialect.sql(sql), params)

    async def _rows(self, what: str, sql: str, *params: Any) -> list[Row]:
        sql = self.dialect.sql(sql)
        with self._errors():
            if sql.lstrip()[:7].upper().startswith(_WRITES):  # RETURNING: with the batch
                return list(await self._batch.fetch(sql, params))
            # executed and read to the end in one hop: an open statement would hold back the
            # commit of other tasks' writes on this connection
            return list(await self._db.execute_fetchall(sql, params))

    # --- the budget ledger and rate windows (core.store.sqlite_ledger) ------------------

    async def _on_thread(self, function: Callable[[sqlite3.Connection], T]) -> T:
        """A check-and-write on the connection's thread, in the batch's transaction."""
        with self._errors():
            return await self._batch.call(function)

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        return await self._on_thread(partial(sqlite_ledger.reserve, request))

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        arguments = top_up_arguments(reservation, tokens, usd, caps, now, SQLITE)
        with self._errors():
            return await self._batch.write(_TOP_UP, arguments) == 1

    async def accept(self, entry: InboxEntry) -> bool:
        return await self._on_thread(partial(_accept, entry))

    async def _rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        return await self._on_thread(partial(sqlite_ledger.rate_hit, keys, now, window_s))

    async def _admit_and_reserve(
        self, keys: Sequence[RateKey], now: float, window_s: float, request: ReserveRequest
    ) -> tuple[tuple[str, float] | None, Grant | Denial | None]:
        both = partial(sqlite_ledger.admit_and_reserve, keys, now, window_s, request)
        return await self._on_thread(both)


def _accept(entry: InboxEntry, conn: sqlite3.Connection) -> bool:
    """On the connection's thread, in the batch's transaction: claim, then write down."""
    at = ts(entry.at)
    claimed = conn.execute(
        "INSERT INTO seen (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (entry.key, at)
    )
    if claimed.rowcount != 1:
        return False
    conn.execute(INBOX_INSERT, entry.row(at))
    return True


class _Translated:
    __slots__ = ("_store",)

    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        if isinstance(exc, sqlite3.Error):
            cause = cause_of(exc, self._store._busy_timeout_s)
            raise StoreUnavailable(f"the database {self._store.path} {cause}") from None
