"""Dates as LinkedIn exports, JSON Resumes and résumés write them."""

from __future__ import annotations

import pytest

from core.importer.dates import format_range, is_present, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep 2013", (2013, 9)),  # Positions.csv
        ("September 2013", (2013, 9)),  # older exports, résumés
        ("Sept 2013", (2013, 9)),
        ("2013-09", (2013, 9)),  # Education.csv, JSON Resume
        ("2014-06-29", (2014, 6)),
        ("2015", (2015, 0)),  # education entered as years only
        ("3/15/24", (2024, 3)),  # Publications.csv "Published On"
        ("15/3/2024", (2024, 3)),  # day first when the first number cannot be a month
        ("15 Mar 2024", (2024, 3)),  # Connections.csv "Connected On"
        ("Mar 5, 2019", (2019, 3)),
        ("03/2022", (2022, 3)),
        ("", None),
        ("Present", None),
        ("soon", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_present_and_ranges():
    assert is_present("Present") and is_present(" now ") and not is_present("2020")
    assert format_range((2021, 3), None, True) == "Mar 2021 - present"
    assert format_range((2016, 0), (2020, 0), False) == "2016 - 2020"
    assert format_range(None, (2019, 6), False) == "Jun 2019"
