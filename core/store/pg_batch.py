"""Group commit for PostgreSQL (the rule: `core.store.batch`): the inserts of one loop turn
go to the server as ONE statement (each a data-modifying CTE): one round trip, one
parse-bind-execute and one commit instead of one of each per write (`python -m
bench.pg_statements`: an answer's closing writes were six statements).

Which writes join: a plain `INSERT` without `RETURNING` (the usage row's spend is booked by its
trigger, `core.store.ledger.usage_books`), at most `MAX_WRITES` of them, in the order of their
text, so that the few statements a busy process makes stay prepared on each connection. Plain
`UPDATE` and `DELETE` never join: two of them on the same row in one statement would not both
take effect. Two inserts in one statement see the database as it was before both, as two
concurrent statements may; two that upsert the same row make the statement fail, and then each
write is tried alone.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from core.store.batch import LoopTurn

Write = tuple[str, str, Sequence[Any]]  # what (for errors), the SQL with $n, its parameters
Alone = Callable[[str, str, Sequence[Any]], Awaitable[int]]  # a write on its own: its rowcount
Counts = Callable[[str, str, Sequence[Any]], Awaitable[Sequence[int]]]  # the combined statement
Pending = tuple[Write, "asyncio.Future[int]"]

MAX_PARAMETERS = 30_000  # PostgreSQL takes at most 32,767 per statement
MAX_CHARS = 12_000  # asyncpg keeps statements up to 15 kB prepared (larger: parsed every time)
MAX_WRITES = 8  # with the text sorted, few distinct statements to prepare under concurrency
_NUMBER = re.compile(r"'[^']*'|\$(\d+)")
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)  # read once per distinct statement, not per write
def joins(sql: str) -> bool:
    """Whether a write may join a batch: an INSERT without RETURNING."""
    return sql.lstrip()[:6].upper() == "INSERT" and not _RETURNING.search(sql)


def _shifted(sql: str, by: int) -> str:
    """`sql` with every `$n` (outside quoted text) as `$(n + by)`."""
    if not by:
        return sql

    def shift(match: re.Match[str]) -> str:
        number = match.group(1)
        return match.group(0) if number is None else f"${int(number) + by}"

    return _NUMBER.sub(shift, sql)


def combine(inserts: Sequence[str], counts: Sequence[int]) -> str:
    """One statement running every INSERT of `inserts` (with `counts` parameters each), that
    returns one row: how many rows each INSERT wrote."""
    ctes: list[str] = []
    shift = 0
    for n, (insert, used) in enumerate(zip(inserts, counts, strict=True)):
        ctes.append(f"twin_w{n} AS ({_shifted(insert.strip(), shift)} RETURNING 1)")
        shift += used
    selects = ", ".join(f"(SELECT count(*) FROM twin_w{n})" for n in range(len(ctes)))
    return "WITH " + ",\n".join(ctes) + "\nSELECT " + selects


class StatementBatch(LoopTurn[Write, int]):
    """Collects the joinable writes of one loop turn and sends them as one statement."""

    def __init__(self, alone: Alone, counts: Counts) -> None:
        super().__init__()
        self._run_alone = alone
        self._counts = counts
        self._sql: dict[tuple[str, ...], str] = {}  # the combined text of each set of writes
        self.statements = 0  # statements sent so far (tests count them)

    async def write(self, what: str, sql: str, params: Sequence[Any]) -> int:
        """Run one write (`sql` in PostgreSQL's `$n` form) with the others of this loop turn;
        its rowcount. Raises what the write alone would raise."""
        if not joins(sql):
            self.statements += 1
            return await self._run_alone(what, sql, params)
        return await self._submit((what, sql, params))

    def _groups(self, pending: list[Pending]) -> list[list[Pending]]:
        pending.sort(key=lambda item: item[0][1])  # the same writes: the same statement text
        groups: list[list[Pending]] = []
        parameters, chars = 0, 0
        for item in pending:
            (_, sql, params), _ = item
            if (
                not groups
                or len(groups[-1]) >= MAX_WRITES
                or parameters + len(params) > MAX_PARAMETERS
                or chars + len(sql) > MAX_CHARS
            ):
                groups.append([])
                parameters, chars = 0, 0
            groups[-1].append(item)
            parameters, chars = parameters + len(params), chars + len(sql)
        return groups

    async def _together(self, items: list[Write]) -> Sequence[int]:
        key = tuple(sql for _, sql, _ in items)
        sql = self._sql.get(key)
        if sql is None:
            sql = combine(key, [len(params) for _, _, params in items])
            if len(self._sql) >= 256:
                self._sql.clear()
            self._sql[key] = sql
        self.statements += 1
        return list(await self._counts(items[0][0], sql, [v for _, _, p in items for v in p]))

    async def _alone(self, item: Write) -> int:
        self.statements += 1
        return await self._run_alone(*item)
