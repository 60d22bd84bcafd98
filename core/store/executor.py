"""The executor contract of the one query layer: what each backend implements so that every
shared query (`core.store.sql`, `sql_owner`, `sql_reports`, `privacy`) runs on it.

- `_run(what, sql, *params)`: a write, committed when it returns; its row count;
- `_rows(what, sql, *params)`: a read, or a write with RETURNING; its rows;
- `_transaction(what)`: statements that must stand or fall together (PostgreSQL: one
  transaction on one connection; SQLite: the same executor, each statement its own);
and every driver failure becomes `StoreUnavailable` naming the file or server (`what` says what
could not be done). SQL is written in the dialect seam's shared form (`core.store.dialect`).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

from core.store.dialect import Dialect

Row = Sequence[Any]
CHUNK = 500  # parameters per IN (...) list


class Executor:
    """The statements a backend runs (see the module docstring)."""

    dialect: Dialect
    location: str

    async def _run(self, what: str, sql: str, *params: Any) -> int:
        raise NotImplementedError

    async def _rows(self, what: str, sql: str, *params: Any) -> list[Row]:
        raise NotImplementedError

    def _transaction(self, what: str) -> contextlib.AbstractAsyncContextManager[Executor]:
        return _same(self)

    async def _one(self, what: str, sql: str, *params: Any) -> Row | None:
        rows = await self._rows(what, sql, *params)
        return rows[0] if rows else None

    async def _once(self, what: str, sql: str, *params: Any) -> bool:
        """A write meant to change exactly one row (a claim): whether it did."""
        return await self._run(what, sql, *params) == 1

    async def _count(self, what: str, sql: str, *params: Any) -> int:
        row = await self._one(what, sql, *params)
        return int(row[0] or 0) if row else 0

    async def _in_chunks(self, what: str, sql: str, values: Sequence[Any], *head: Any) -> int:
        """Run `sql` (with `{marks}` where the IN list goes) over `values` in chunks; rows
        written in all."""
        done = 0
        for start in range(0, len(values), CHUNK):
            part = list(values[start : start + CHUNK])
            marks = ",".join("?" for _ in part)
            done += await self._run(what, sql.format(marks=marks), *head, *part)
        return done

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A raw read in the shared SQL (`?` placeholders; `core.store.dialect`): tests and
        benchmarks only. New code adds a method here instead."""
        return [tuple(r) for r in await self._rows("read", sql, *params)]


@contextlib.asynccontextmanager
async def _same(executor: Executor) -> AsyncIterator[Executor]:
    yield executor
