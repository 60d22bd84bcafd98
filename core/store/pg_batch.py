"""Group commit for PostgreSQL (the rule: `core.store.batch`): the inserts of one loop turn
go to the server as ONE statement (each a data-modifying CTE): one round trip, one
parse-bind-execute and one commit instead of one of each per write (`python -m
bench.pg_statements`: an answer's closing writes were six statements).

Which writes join: an `INSERT` without `RETURNING`, possibly behind its own CTE list (the usage
row, `pg_ledger.RECORD_ATTEMPT`); at most one such CTE list per statement, and at most
`MAX_WRITES` writes, in the order of their text, so that the few statements a busy process makes
stay prepared on each connection. Plain `UPDATE` and `DELETE` never join: two of them on the
same row in one statement would not both take effect. Two inserts in one statement see the
database as it was before both, as two concurrent statements may; two that upsert the same row
make the statement fail, and then each write is tried alone.
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
Joining = tuple[Write, tuple[str, str]]  # a write that may join, and its parts (`split`)
Pending = tuple[Joining, "asyncio.Future[int]"]

MAX_PARAMETERS = 30_000  # PostgreSQL takes at most 32,767 per statement
MAX_CHARS = 12_000  # asyncpg keeps statements up to 15 kB prepared (larger: parsed every time)
MAX_WRITES = 8  # with the text sorted, few distinct statements to prepare under concurrency
_NUMBER = re.compile(r"'[^']*'|\$(\d+)")
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)  # read once per distinct statement, not per write
def split(sql: str) -> tuple[str, str] | None:
    """A write that may join a batch as (its CTE list, '' for none; its INSERT), or None."""
    text = sql.strip()
    head = ""
    if text[:4].upper() == "WITH":
        end = _ctes_end(text)
        if end is None:
            return None
        head, text = text[4:end].strip(), text[end:].strip()
    if text[:6].upper() != "INSERT" or _RETURNING.search(text):
        return None
    return head, text


def _ctes_end(text: str) -> int | None:
    """Where a WITH statement's CTE list ends: after the first top-level `)` that no comma
    follows (quoted text skipped)."""
    depth, quoted = 0, False
    for at, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and not text[at + 1 :].lstrip().startswith(","):
                return at + 1
    return None


def _shifted(sql: str, by: int) -> str:
    """`sql` with every `$n` (outside quoted text) as `$(n + by)`."""
    if not by:
        return sql

    def shift(match: re.Match[str]) -> str:
        number = match.group(1)
        return match.group(0) if number is None else f"${int(number) + by}"

    return _NUMBER.sub(shift, sql)


def combine(parts: Sequence[tuple[str, str]], counts: Sequence[int]) -> str:
    """One statement running every (CTE list, INSERT) of `parts` (with `counts` parameters
    each), that returns one row: how many rows each INSERT wrote."""
    ctes: list[str] = []
    selects: list[str] = []
    shift = 0
    for n, ((head, insert), used) in enumerate(zip(parts, counts, strict=True)):
        if head:
            ctes.append(_shifted(head, shift))
        ctes.append(f"twin_w{n} AS ({_shifted(insert, shift)} RETURNING 1)")
        selects.append(f"(SELECT count(*) FROM twin_w{n})")
        shift += used
    return "WITH " + ",\n".join(ctes) + "\nSELECT " + ", ".join(selects)


class StatementBatch(LoopTurn[Joining, int]):
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
        parts = split(sql)
        if parts is None:
            self.statements += 1
            return await self._run_alone(what, sql, params)
        return await self._submit(((what, sql, params), parts))

    def _groups(self, pending: list[Pending]) -> list[list[Pending]]:
        pending.sort(key=lambda item: item[0][0][1])  # the same writes: the same statement text
        groups: list[list[Pending]] = []
        with_ctes, parameters, chars = False, 0, 0
        for item in pending:
            ((_, sql, params), (head, _)), _ = item
            if (
                not groups
                or len(groups[-1]) >= MAX_WRITES
                or (head and with_ctes)
                or parameters + len(params) > MAX_PARAMETERS
                or chars + len(sql) > MAX_CHARS
            ):
                groups.append([])
                with_ctes, parameters, chars = False, 0, 0
            groups[-1].append(item)
            with_ctes = with_ctes or bool(head)
            parameters, chars = parameters + len(params), chars + len(sql)
        return groups

    async def _together(self, items: list[Joining]) -> Sequence[int]:
        key = tuple(sql for (_, sql, _), _ in items)
        sql = self._sql.get(key)
        if sql is None:
            sql = combine([parts for _, parts in items], [len(p) for (_, _, p), _ in items])
            if len(self._sql) >= 256:
                self._sql.clear()
            self._sql[key] = sql
        params = [value for (_, _, p), _ in items for value in p]
        self.statements += 1
        return list(await self._counts(items[0][0][0], sql, params))

    async def _alone(self, item: Joining) -> int:
        self.statements += 1
        return await self._run_alone(*item[0])
