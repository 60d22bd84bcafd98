"""`Store.fetch` on PostgreSQL: the dashboard history's raw reads, written in SQLite's dialect.

`Store.fetch(sql, params)` takes SQLite SQL (`?` placeholders, times as sortable UTC text). Here
the few forms those reads use are carried over so they mean the same on PostgreSQL:

- `?` placeholders become `$1`, `$2`, ... (never inside a quoted string);
- `substr(column, 1, n)` of a time column reads the column as that same UTC text
  (`twin_ts(column)`, a function of the schema), so grouping by day works alike;
- `SUM(column = 'x')` (and `!=`, `IN (...)`) counts the rows where it holds, as SQLite does;
- a text parameter in the SQLite time format is passed as the time it names;
- a time in a result row comes back as that UTC text, as SQLite would return it.

New code adds a method to the store instead; this keeps the existing reads working on both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # core.store.sqlite_rows.ts
_TIME_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
_TIME_COLUMNS = ("at", "created_at", "updated_at", "expires_at", "last_error_at", "limits_at")
_SUBSTR = re.compile(r"\bsubstr\(\s*([\w.]+)\s*,", re.IGNORECASE)
# SUM of a comparison (SQLite sums truth values as 0/1; PostgreSQL has no SUM(boolean))
_SUM_TRUTH = re.compile(
    r"\bSUM\(\s*([\w.]+\s*(?:!=|<>|=)\s*'[^']*'|[\w.]+\s+IN\s*\([^)]*\))\s*\)", re.IGNORECASE
)

# twin_ts(t): a time as the SQLite store writes it (fixed width, so text order is time order).
TS_FUNCTION = """
CREATE FUNCTION twin_ts(t TIMESTAMPTZ) RETURNS TEXT LANGUAGE SQL IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
"""


def _placeholders(sql: str) -> str:
    out: list[str] = []
    number = 0
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        if char == "?" and not quoted:
            number += 1
            out.append(f"${number}")
        else:
            out.append(char)
    return "".join(out)


def _column(match: re.Match[str]) -> str:
    name = match.group(1)
    is_time = name.rsplit(".", 1)[-1] in _TIME_COLUMNS
    return f"substr(twin_ts({name})," if is_time else match.group(0)


def _param(value: Any) -> Any:
    if isinstance(value, str) and _TIME_TEXT.fullmatch(value):
        return datetime.strptime(value, _TIME_FORMAT).replace(tzinfo=UTC)
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime(_TIME_FORMAT)
    return value


def translate(sql: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQLite-dialect `sql` and `params` as PostgreSQL takes them."""
    query = _SUBSTR.sub(_column, _placeholders(sql))
    query = _SUM_TRUTH.sub(r"SUM(CASE WHEN \1 THEN 1 ELSE 0 END)", query)
    return query, [_param(p) for p in params]


def as_sqlite_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """A result row with times as SQLite's UTC text."""
    return tuple(_cell(v) for v in row)
