"""How values are written to and read from SQLite columns."""

from __future__ import annotations

from datetime import UTC, datetime

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
