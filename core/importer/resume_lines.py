"""Lines of résumé text: plain text without Markdown marks, bullets, headings, date ranges."""

from __future__ import annotations

import re

from core.importer.dates import Month, is_present, parse_date

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SEASON = r"spring|summer|autumn|fall|winter"
_ONE = rf"(?:(?:{_MONTH}|{_SEASON})\s+(?:19|20)\d\d|\d\d?/(?:19|20)\d\d|(?:19|20)\d\d(?:-\d\d)?)"
_OPEN = r"present|now|current|currently|today|ongoing|to date"
RANGE = re.compile(rf"\(?\b({_ONE})\s*(?:–|—|-|to|until|till)\s*({_ONE}|{_OPEN})\b\)?", re.I)
SINGLE = re.compile(rf"\(?\b({_ONE})\b\)?", re.I)
BULLET = re.compile(r"^\s*(?:[-*+•▪◦●‣∙·–]|\d{1,2}[.)])\s+")
MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")


def plain(text: str) -> str:
    """`text` without Markdown emphasis and code marks, spaces collapsed."""
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S[^*_]*?)[*_](?!\w)", r"\1", text)
    return " ".join(text.split())


def is_bullet(line: str) -> bool:
    """A list item: "-", "*", "•", "1." ... then a space."""
    return bool(BULLET.match(line))


def unbullet(line: str) -> str:
    """A list item's text, without its bullet."""
    return plain(BULLET.sub("", line, count=1))


def find_range(text: str) -> tuple[Month | None, Month | None, bool, str] | None:
    """(start, end, current, text without the dates) of the first date range in `text`, or of
    a single date when there is no range; None when it has no date."""
    found = RANGE.search(text)
    if found:
        start = parse_date(_season(found.group(1)))
        end_text = found.group(2)
        current = is_present(end_text)
        end = None if current else parse_date(_season(end_text))
        rest = text[: found.start()] + " " + text[found.end() :]
        return start, end, current, rest
    found = SINGLE.search(text)
    if found:
        rest = text[: found.start()] + " " + text[found.end() :]
        return parse_date(_season(found.group(1))), None, False, rest
    return None


def _season(text: str) -> str:
    return re.sub(r"^(spring|summer|autumn|fall|winter)\s+", "", text.strip(), flags=re.I)


def dated(text: str) -> bool:
    """`text` holds a date range or a single date."""
    return bool(RANGE.search(text) or SINGLE.search(text))


OPEN_RANGE_END = re.compile(rf"(?:{_ONE})\s*(?:–|—|-|to|until)\s*(?:{_MONTH})?\s*$", re.I)


def join_wrapped_dates(lines: list[str]) -> list[str]:
    """A date range cut at the end of a line ("Mar 2021 -" / "Present") joined back."""
    out: list[str] = []
    for line in lines:
        if out and line.strip() and OPEN_RANGE_END.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out
