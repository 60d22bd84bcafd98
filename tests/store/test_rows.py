"""How timestamps are written to SQLite: fixed-width UTC text, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.store.dialect import TIME_FORMAT as _TIME_FORMAT
from core.store.dialect import parse_ts, ts

TIMES = [
    datetime(2026, 12, 1, tzinfo=UTC),
    datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=-8))),
]


@pytest.mark.parametrize("at", TIMES)
def test_a_timestamp_is_utc_text_with_microseconds_and_reads_back(at: datetime) -> None:
    text = ts(at)
    assert text == at.astimezone(UTC).strftime(_TIME_FORMAT) and len(text) == 27
    assert parse_ts(text) == at


def test_text_order_is_time_order() -> None:
    assert sorted(TIMES) == sorted(TIMES, key=ts)
