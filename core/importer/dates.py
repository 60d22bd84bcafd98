"""Dates as sources write them, read into (year, month) and written back one way.

LinkedIn writes "Sep 2013" in Positions.csv, "2015" or "2013-09" in Education.csv, "3/15/24"
or "15 Mar 2024" for publication and connection dates; JSON Resume writes ISO 8601
("2014-06-29", "2014-06", "2014"); résumés write "March 2022", "03/2022", "2022". Month 0
means only the year is known.
"""

from __future__ import annotations

import re

from core.persona.profiles.timeline import MONTHS

Month = tuple[int, int]  # (year, month); month 0 when only the year is known

_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PRESENT = re.compile(r"^\s*(present|now|current|currently|today|ongoing|to date)\s*$", re.I)
_YEAR = r"(?:19|20)\d\d"
_ISO = re.compile(rf"^({_YEAR})(?:-(\d\d?))?(?:-(\d\d?))?(?:T.*)?$")
# Sep 2013, Mar 5, 2019
_MONTH_YEAR = re.compile(rf"^([a-z]+)\.?,?\s+(?:\d\d?,?\s+)?({_YEAR})$", re.I)
_DAY_MONTH_YEAR = re.compile(rf"^\d\d?\s+([a-z]+)\.?,?\s+({_YEAR})$", re.I)  # 15 Mar 2024
_NUMERIC = re.compile(r"^(\d\d?)[/.](\d\d?)(?:[/.](\d{2,4}))?$")  # 03/2022, 3/15/24, 15.03.2024


def is_present(text: str) -> bool:
    """ "Present", "now", "current"...: a range still open."""
    return bool(_PRESENT.match(text or ""))


def parse_date(text: str) -> Month | None:
    """(year, month) of a date in any of the forms above; None when it is not one."""
    text = " ".join(str(text or "").split()).strip(" .,")
    if not text:
        return None
    if found := _ISO.match(text):
        month = int(found.group(2) or 0)
        return (int(found.group(1)), month if 1 <= month <= 12 else 0)
    for pattern in (_MONTH_YEAR, _DAY_MONTH_YEAR):
        if found := pattern.match(text):
            named = MONTHS.get(found.group(1).lower())
            if named is not None:
                return (int(found.group(2)), named)
    if found := _NUMERIC.match(text):
        a, b, c = found.group(1), found.group(2), found.group(3)
        if c is None:  # MM/YYYY is caught below only with a 4-digit year
            return None
        year = int(c) if len(c) == 4 else 2000 + int(c)
        first, second = int(a), int(b)
        month = first if first <= 12 else second  # US order (3/15/24) unless it cannot be
        return (year, month if 1 <= month <= 12 else 0)
    if found := re.fullmatch(rf"(\d\d?)[/.]({_YEAR})", text):
        month = int(found.group(1))
        return (int(found.group(2)), month if 1 <= month <= 12 else 0)
    return None


def format_month(month: Month | None) -> str:
    """ "Mar 2022", "2022", or "" for None."""
    if month is None:
        return ""
    year, m = month
    return f"{_SHORT[m - 1]} {year}" if 1 <= m <= 12 else str(year)


def format_range(start: Month | None, end: Month | None, current: bool) -> str:
    """ "Mar 2022 - present", "2016 - 2020", "2019" (one date), or ""."""
    first, last = format_month(start), "present" if current else format_month(end)
    if first and last and first != last:
        return f"{first} - {last}"
    return first or last
