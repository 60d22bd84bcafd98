"""How values are written to and read from SQLite columns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def ts(at: datetime) -> str:
    """A UTC timestamp as sortable text (fixed width, so text order is time order):
    `_TIME_FORMAT`, built by isoformat (a tenth of strftime's cost, on every write)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_ts(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


def opt_ts(at: datetime | None) -> str | None:
    return None if at is None else ts(at)


def opt_parse(text: str | None) -> datetime | None:
    return None if text is None else parse_ts(text)


def first_row(rows: Iterable[Any]) -> Any | None:
    """The first of a fetched result's rows, or None (reads go out as `execute_fetchall`: run and
    read to the end in one hop, so no statement stays open on the shared connection)."""
    return next(iter(rows), None)
