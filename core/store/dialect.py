"""The dialect seam: what differs between SQLite and PostgreSQL for the one query layer.

Queries (`core.store.sql`) are written once, with `?` placeholders, `GREATEST` / `LEAST` /
`TRUNC` and standard upserts (`INSERT ... ON CONFLICT ... DO UPDATE SET x = excluded.x`, which
both engines take). A dialect turns that text into what its driver takes (`$1, $2, ...` for
asyncpg; `MAX` / `MIN` for SQLite's scalar functions, and for `CAST(TRUNC(x) AS BIGINT)` its
CAST, which truncates: its `trunc` exists only in builds with math functions), converts times
and flags on the way in and out (SQLite keeps times as sortable UTC text, PostgreSQL as
TIMESTAMPTZ), and names the column types the schema is written in (`core.store.schema`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # SQLite's stored times: fixed width, text order = time order


def ts(at: datetime) -> str:
    """A UTC time as SQLite stores it (isoformat: a tenth of strftime's cost, on every write)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_ts(text: str) -> datetime:
    """A time stored by `ts`, as an aware UTC datetime."""
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


_PLACEHOLDER = re.compile(r"'[^']*'|\?")


def _numbered(sql: str) -> str:
    """`?` placeholders (outside quoted strings) as `$1, $2, ...`."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(0) != "?":
            return match.group(0)
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


@dataclass(frozen=True)
class Dialect:
    """One engine's side of the seam (see the module docstring)."""

    name: str  # "sqlite" | "postgresql"
    types: Mapping[str, str]  # the schema's column types: {time}, {id}, ... in this engine
    row_order: str  # the column that orders rows written at the same time (answer_messages)
    numbered: bool  # `$n` placeholders
    text_times: bool  # times stored as `ts` text
    catalog: str  # SQL listing (table, column) of every table in the database
    argument: str  # how the ledger's statements name an argument (`core.store.ledger`)
    lock_rows: str  # what a SELECT adds to lock the rows it reads until its transaction ends
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def sql(self, text: str) -> str:
        """`text` as this engine takes it (translated once per distinct statement)."""
        found = self._cache.get(text)
        if found is None:
            found = _numbered(text) if self.numbered else text
            if not self.numbered:
                found = found.replace("GREATEST(", "MAX(").replace("LEAST(", "MIN(")
                found = found.replace("TRUNC(", "(")
            self._cache[text] = found
        return found

    def time(self, at: datetime | None) -> Any:
        """A time as a query parameter."""
        if at is None or not self.text_times:
            return at
        return ts(at)

    def read_time(self, value: Any) -> datetime:
        """A time column's value as an aware UTC datetime."""
        if isinstance(value, str):
            return parse_ts(value)
        assert isinstance(value, datetime)
        return value

    def read_opt_time(self, value: Any) -> datetime | None:
        return None if value is None else self.read_time(value)

    def flag(self, value: bool) -> Any:
        """A boolean as a query parameter (SQLite keeps 0/1)."""
        return int(value) if self.text_times else value

    def day_of(self, column: str) -> str:
        """SQL for the UTC day (YYYY-MM-DD text) of a time column."""
        if self.text_times:
            return f"substr({column}, 1, 10)"
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


SQLITE = Dialect(
    name="sqlite",
    types={
        "id": "INTEGER PRIMARY KEY",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",  # never reused (reservations)
        "int": "INTEGER",
        "real": "REAL",
        "bool": "INTEGER",
        "time": "TEXT",
        "text": "TEXT",
        "rowid_table": "",
        "without_rowid": " WITHOUT ROWID",
    },
    row_order="rowid",
    numbered=False,
    text_times=True,
    catalog="SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c"
    " WHERE m.type = 'table'",
    argument=":",  # named parameters
    lock_rows="",  # one writer at a time: what a write transaction reads cannot change
)

POSTGRES = Dialect(
    name="postgresql",
    types={
        "id": "BIGSERIAL PRIMARY KEY",
        "serial": "BIGSERIAL PRIMARY KEY",
        "int": "BIGINT",
        "real": "DOUBLE PRECISION",
        "bool": "BOOLEAN",
        "time": "TIMESTAMPTZ",
        "text": "TEXT",
        "rowid_table": ",\n    seq BIGSERIAL",  # what SQLite's rowid does for answer_messages
        "without_rowid": "",
    },
    row_order="seq",
    numbered=True,
    text_times=False,
    catalog="SELECT table_name, column_name FROM information_schema.columns"
    " WHERE table_schema = current_schema()",
    argument="p_",  # the arguments of the ledger functions (`core.store.pg_ledger`)
    lock_rows=" FOR UPDATE",
)
