"""The owner's work history read back from profile chunks: who, when, in what order.

Profiles put dates in many places: a chunk title ("Backend Engineer at Parcelwise (Jul 2020 -
Feb 2023)"), the first line under a heading ("*Jan 2022 – present · Leeds*"), one line per job in
a single section ("**2020 – 2023** · Senior Android Engineer, Kudi"), JSON Resume fields
("Start date: 2022-08" with no end date for the current job) or prose ("Since April 2024 I
have been ..."). Each becomes an `Entry`; the answer without a model uses them to tell the
current role from past ones and to answer "before X" / "after X".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.persona.profiles.profile import Chunk

MONTHS = {  # a month's names as people write them, lower case -> 1-12 (the importer reads it too)
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_OPEN = r"present|now|current|currently|today|date|ongoing"


def _date(tag: str) -> str:
    day = r"(?:[-/.]\d\d?)?"  # 2013-12-01: the day says nothing more here
    before = rf"(?<!\d)(?P<p{tag}>\d\d?)[./]"  # 12.2014, 03/2021: the month written first
    return (
        rf"(?:(?P<m{tag}>{_MONTH})\s+|{before})?(?P<y{tag}>(?:19|20)\d\d)"
        rf"(?:[-/.](?P<n{tag}>\d\d?){day})?\b"
    )


_RANGE = re.compile(
    rf"\b{_date('1')}\s*(?:–|—|--|-|to|until|till)\s*(?:{_date('2')}|(?P<open>{_OPEN})\b)",
    re.I,
)
_START = re.compile(rf"\bstart(?:ed)?(?:\s*date)?\s*[:=]\s*{_date('1')}", re.I)
_END = re.compile(rf"\bend(?:ed)?(?:\s*date)?\s*[:=]\s*(?:{_date('2')}|(?P<open>{_OPEN}))", re.I)
_SINCE = re.compile(rf"\bsince\s+{_date('1')}", re.I)
_LEADING_YEAR = re.compile(rf"^\W*{_date('1')}(?!\s*(?:–|—|-|to)\s*\d)")

_JOB_WORDS = {
    "experience", "work", "employment", "career", "job", "jobs", "history", "position",
    "positions", "roles", "role", "professional", "current", "volunteer", "volunteering",
}  # fmt: skip
_NOT_JOB_WORDS = {"goal", "goals", "objective", "objectives", "aspirations", "interview"}

Month = tuple[int, int]  # (year, month); month 0 when only the year is known


@dataclass(frozen=True)
class Entry:
    """One job (or role) on the timeline."""

    chunk: Chunk
    line: str  # the line that is this job when a chunk lists several, else ""
    start: Month
    end: Month | None  # None: still there
    order: int  # position in the profile, for stable sorting
    inferred: bool = False  # "Currently ..." with no date: its start is not known

    @property
    def current(self) -> bool:
        return self.end is None

    @property
    def text(self) -> str:
        """What identifies the entry: the chunk title and its own line (or the chunk text)."""
        return f"{self.chunk.title}\n{self.line or self.chunk.text}"


def _month(match: re.Match[str], tag: str) -> Month:
    year = int(match.group(f"y{tag}"))
    name = match.group(f"m{tag}")
    number = match.group(f"n{tag}") or match.group(f"p{tag}")
    if name:
        key = name.lower().rstrip(".")
        return year, MONTHS.get(key) or MONTHS.get(key[:3], 0)
    if number and 1 <= int(number) <= 12:
        return year, int(number)
    return year, 0


def when(text: str, *, single_year: bool = False) -> tuple[Month, Month | None] | None:
    """The (start, end) a piece of text gives, end None for "present"; None without dates."""
    found = _RANGE.search(text)
    if found:
        end = None if found.group("open") else _month(found, "2")
        return _month(found, "1"), end
    start = _START.search(text)
    if start:
        ended = _END.search(text)
        if ended is None or ended.group("open"):
            return _month(start, "1"), None
        return _month(start, "1"), _month(ended, "2")
    since = _SINCE.search(text)
    if since:
        return _month(since, "1"), None
    if single_year:
        lead = _LEADING_YEAR.search(text)
        if lead:
            return _month(lead, "1"), _month(lead, "1")
    return None


_TITLE_YEAR = re.compile(
    rf"\((?:(?:spring|summer|autumn|fall|winter|early|late)\s+)?{_date('1')}\)", re.I
)


def _title_year(title: str) -> tuple[Month, Month | None] | None:
    """A title dated by one year: "Intern at Kestrel Energy (summer 2019)"."""
    found = _TITLE_YEAR.search(title)
    return (_month(found, "1"), _month(found, "1")) if found else None


def is_job_chunk(chunk: Chunk) -> bool:
    """A chunk about employment, judged by its section and title."""
    words = set(re.findall(r"[a-z]+", f"{chunk.section} {chunk.title}".lower().replace("_", " ")))
    section = set(re.findall(r"[a-z]+", chunk.section.lower().replace("_", " ")))
    if section & _PROJECT_WORDS and not section & _JOB_WORDS:
        return False  # a project named "Job Tracker" or "Professional PDF..." is no job
    return bool(words & _JOB_WORDS) and not words & _NOT_JOB_WORDS


_PROJECT_WORDS = {"project", "projects", "portfolio"}


def clean_lines(text: str) -> list[str]:
    """A chunk's lines as plain text: no Markdown marks, bullets or table pipes."""
    raw = [ln.strip() for ln in text.splitlines()]
    out: list[str] = []
    for i, line in enumerate(raw):
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the separator row
            following = raw[i + 1] if i + 1 < len(raw) else ""
            if re.fullmatch(r"\|?[\s:|-]+\|?", following) and "-" in following:
                continue  # the header row
            cells = [c for c in cells if c]
            line = f"{cells[0]}: {', '.join(cells[1:])}" if len(cells) > 1 else "".join(cells)
        line = re.sub(r"\*\*|__|`|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", line).strip(" -*+·")
        if line:
            out.append(line)
    return out


_CURRENTLY = re.compile(r"^(?:i(?:'m| am)?\s+)?(?:currently|presently|right now)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_EDUCATION_WORDS = {"education", "degree", "degrees", "university", "academic", "studies"}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def is_education_chunk(chunk: Chunk) -> bool:
    """A chunk about studies, judged by its section and title."""
    words = set(re.findall(r"[a-z]+", f"{chunk.section} {chunk.title}".lower().replace("_", " ")))
    return bool(words & _EDUCATION_WORDS)


def _units(lines: list[str]) -> list[str]:
    """Lines; a chunk that is one paragraph is read sentence by sentence."""
    return _SENTENCE.split(lines[0]) if len(lines) == 1 else lines


def _chunk_entries(chunk: Chunk, first: int) -> list[Entry]:
    lines = clean_lines(chunk.text)
    if not lines:
        return []
    units = _units(lines)
    years = [int(y) for y in _YEAR.findall(chunk.text)]
    latest = (max(years), 0) if years else (0, 0)
    dated: list[tuple[str, Month, Month | None]] = []
    for unit in units:
        span = when(unit, single_year=True)
        if span is not None:
            dated.append((unit, span[0], span[1]))
        elif _CURRENTLY.search(unit):
            dated.append((unit, latest, None))
    titled = when(chunk.title) or _title_year(chunk.title)
    whole = titled or when("\n".join(lines[:3]))
    if len(dated) >= 2 and titled is None:
        return [
            Entry(chunk, u, a, b, first + n, inferred=b is None and when(u) is None)
            for n, (u, a, b) in enumerate(dated)
        ]
    if whole is not None:
        return [Entry(chunk, "", whole[0], whole[1], first)]
    if dated:
        unit, start, end = dated[0]
        return [Entry(chunk, unit, start, end, first)]
    return []


@lru_cache(maxsize=16)
def entries(chunks: tuple[Chunk, ...], kind: str = "job") -> tuple[Entry, ...]:
    """Every dated job (or, with kind="education", every dated study) in profile order."""
    wanted = is_job_chunk if kind == "job" else is_education_chunk
    found: list[Entry] = []
    for chunk in chunks:
        if wanted(chunk):
            found += _chunk_entries(chunk, len(found))
    return tuple(found)


def latest_first(items: Sequence[Entry]) -> list[Entry]:
    """Current jobs first, then by end and start, most recent first."""
    far = (9999, 12)
    return sorted(items, key=lambda e: (e.end or far, e.start, -e.order), reverse=True)
