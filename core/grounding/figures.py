"""Figures in text: years, percentages, money and numbers with units, as values that compare
across wordings ("40%" = "40 percent" = "forty per cent"; "$2.4M" = "2.4 million dollars";
"1,200" = "1200")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.grounding.normalise import MULTIPLIERS, SMALL_NUMBERS, fold

_DIGITS = re.compile(
    r"(?P<cur>[$£€¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<plus>\+)?"
    r"(?:\s?(?P<mult>k|m|mn|bn|thousand|million|billion)(?![\w]))?"
    r"(?:\s?(?P<pct>%|percent\b|per\s?cent\b|pct\b|percentage points?\b))?"
    r"(?:\s?(?P<curword>usd|gbp|eur|dollars?|pounds?|euros?)\b)?",
    re.I,
)
_SPELLED = re.compile(
    r"\b(?P<num>" + "|".join(SMALL_NUMBERS) + r")(?:[\s-](?P<ones>one|two|three|four|five|six"
    r"|seven|eight|nine))?\b(?:\s?(?P<pct>percent\b|per\s?cent\b))?",
    re.I,
)
_ANY_DIGIT = re.compile(r"\d")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "yr", "decade")


@dataclass(frozen=True)
class Figure:
    """One figure as written, and its value."""

    text: str
    start: int
    end: int
    value: float  # the number as written: 40 for "40%", 2.4 for "$2.4M"
    scaled: float  # with its multiplier: 2400000 for "$2.4M"
    kind: str  # "year" | "percent" | "money" | "number"
    unit: str  # the folded word after it ("years", "engineers"), or ""

    @property
    def timely(self) -> bool:
        """A duration ("three years", "5 months")."""
        return self.unit.startswith(TIME_UNITS)


def figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order (numbers inside words such as "S3" or "gpt-4" are not
    figures)."""
    found: list[Figure] = []
    for m in _DIGITS.finditer(text) if _ANY_DIGIT.search(text) else ():
        start, end = m.start("num"), m.end()
        before = text[start - 1] if start else " "
        before2 = text[start - 2] if start > 1 else " "
        if before.isalnum() or before in "_/" or (before in "-." and before2.isalpha()):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        mult = MULTIPLIERS.get(fold(m.group("mult") or ""), 1.0)
        money = bool(m.group("cur") or m.group("curword"))
        if m.group("pct"):
            kind = "percent"
        elif money:
            kind = "money"
        elif len(raw) == 4 and raw.isdigit() and 1950 <= value <= 2099 and mult == 1.0:
            kind = "year"
        else:
            kind = "number"
        found.append(
            Figure(m.group(0).strip(), m.start(), end, value, value * mult, kind, _unit(text, end))
        )
    for m in _SPELLED.finditer(text):
        value = float(SMALL_NUMBERS[fold(m.group("num"))])
        if m.group("ones"):
            value += SMALL_NUMBERS[fold(m.group("ones"))]
        kind = "percent" if m.group("pct") else "number"
        unit = _unit(text, m.end())
        found.append(Figure(m.group(0), m.start(), m.end(), value, value, kind, unit))
    return found


def _unit(text: str, end: int) -> str:
    got = _NEXT_WORD.match(text, end)
    return fold(got.group(1)) if got else ""
