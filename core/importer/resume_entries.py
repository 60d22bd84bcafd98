"""The entries under Experience, Education, Projects and Volunteering in a résumé's text.

Each entry starts at a header line (title, company, place, dates in any order, separated by
"|", ",", " at " or wide spaces; or the title on one line and the company and dates on the
next) and takes the bullets and lines under it; a line that wrapped joins the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.importer.model import Entry
from core.importer.resume_lines import (
    MD_HEADING,
    RANGE,
    SINGLE,
    dated,
    find_range,
    is_bullet,
    plain,
    unbullet,
)

_TITLE_WORDS = {
    "engineer", "developer", "manager", "analyst", "intern", "lead", "director", "consultant",
    "designer", "scientist", "head", "officer", "specialist", "architect", "associate",
    "assistant", "coordinator", "teacher", "researcher", "founder", "cofounder", "co-founder",
    "administrator", "technician", "programmer", "owner", "president", "executive", "editor",
    "writer", "nurse", "accountant", "advisor", "adviser", "tutor", "lecturer", "professor",
    "fellow", "trainee", "apprentice", "principal", "staff", "senior", "junior", "cto", "ceo",
    "vp", "product", "volunteer", "mentor", "organiser", "organizer", "sre", "devops",
}  # fmt: skip
_SCHOOL_WORDS = {
    "university", "college", "school", "institute", "academy", "polytechnic", "universität",
    "universidad", "université", "hochschule", "conservatory", "bootcamp", "mit", "ucl",
}  # fmt: skip
_DEGREE = re.compile(
    r"\b(bsc|ba|msc|ma|mba|phd|dphil|beng|meng|bs|ms|mphil|llb|llm|md|bachelor|bachelors|master|"
    r"masters|doctor|doctorate|diploma|degree|a-levels?|hnd|gcses?|associate|b\.sc|m\.sc|b\.a|m\.a|"
    r"b\.s|m\.s|ph\.d|b\.eng|m\.eng|certificate)\b",
    re.I,
)


def _parts(text: str) -> list[str]:
    text = re.sub(r"[()\[\]]", " ", text)
    pieces = re.split(r"\s+(?:at|@)\s+|\s[|•·–—-]\s|,\s+|\s{3,}|\t|\|", text)
    return [p.strip(" ,.;:|-–—") for p in pieces if p and p.strip(" ,.;:|-–—")]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]*", text.lower()))


def _job_header(header: str, entry: Entry) -> None:
    at = re.search(r"\s(?:at|@)\s", header)
    parts = _parts(header)
    if not parts:
        return
    if at and len(parts) >= 2:
        entry.name, entry.org = parts[0], parts[1]
        rest = parts[2:]
    else:
        titled = [p for p in parts if _words(p) & _TITLE_WORDS]
        if titled:
            entry.name = titled[0]
            others = [p for p in parts if p is not titled[0]]
            entry.org = others[0] if others else ""
            rest = others[1:]
        else:
            entry.name = parts[0]
            entry.org = parts[1] if len(parts) > 1 else ""
            rest = parts[2:]
    entry.where = ", ".join(rest)


def _school_header(header: str, entry: Entry) -> None:
    parts = _parts(header)
    degree = [p for p in parts if _DEGREE.search(p)]
    school = [p for p in parts if _words(p) & _SCHOOL_WORDS and p not in degree]
    entry.name = degree[0] if degree else ""
    entry.org = school[0] if school else ""
    rest = [p for p in parts if p not in (entry.name, entry.org)]
    if not entry.name and rest:
        entry.name = rest.pop(0)
    elif not entry.org and rest:
        entry.org = rest.pop(0)
    if rest and entry.name:  # "BSc Mathematics with Computer Science" split by a comma
        entry.details.insert(0, ", ".join(rest))


@dataclass
class _Block:
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _looks_like_header(lines: list[str], i: int) -> bool:
    """A line that starts an entry: it has a date range, or a date and a job title or bullets
    under it, or it is a short line just above one that has dates."""
    line = lines[i]
    if MD_HEADING.match(line):
        return True
    if is_bullet(line):
        return False
    text = plain(line)
    if RANGE.search(text) and len(text.split()) <= 16:
        return True
    if len(text.split()) > 10 or text.endswith("."):
        return False
    bullet_next = i + 1 < len(lines) and is_bullet(lines[i + 1])
    if SINGLE.search(text) and (bullet_next or _words(text) & _TITLE_WORDS):
        return True
    if not text[:1].isupper():
        return False
    for j in (i + 1, i + 2):
        if j < len(lines) and not is_bullet(lines[j]):
            nxt = plain(lines[j])
            if dated(nxt) and len(nxt.split()) <= 16:
                return True
            if len(nxt.split()) > 10:
                return False
    return False


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    for i, line in enumerate(lines):
        if _looks_like_header(lines, i):
            complete = any(dated(h) for h in blocks[-1].header) if blocks else False
            if not blocks or blocks[-1].body or complete:
                blocks.append(_Block())
            heading = MD_HEADING.match(line)
            blocks[-1].header.append(plain(heading.group(2) if heading else line))
        elif not blocks:
            blocks.append(_Block(body=[line]))
        else:
            _add_body(blocks[-1].body, line)
    return blocks


def _add_body(body: list[str], line: str) -> None:
    """A bullet starts a line; a wrapped line joins the one before it."""
    if is_bullet(line):
        body.append("- " + unbullet(line))
    elif body and (line[:1].islower() or not body[-1].rstrip().endswith((".", ":", "!", "?"))):
        body[-1] = f"{body[-1]} {plain(line)}"
    else:
        body.append(plain(line))


def entries(section: str, lines: list[str], source: str) -> list[Entry]:
    out: list[Entry] = []
    for block in _blocks(lines):
        entry = Entry(source=source)
        header = ""
        for part in block.header:
            first = part.split()[0].lower() if part.split() else ""
            wrapped = first in _SCHOOL_WORDS and not dated(header.rsplit(",", 1)[-1])
            glue = " " if header.rstrip().endswith(",") or part[:1].islower() or wrapped else " | "
            header = f"{header}{glue}{part}" if header else part
        dates = find_range(header) if header else None
        if dates:
            entry.start, entry.end, entry.current, header = dates
        if section == "education":
            entry.current = False
            _school_header(header, entry)
        elif section == "projects":
            parts = _parts(header)
            entry.name = " - ".join(parts[:1]) if parts else ""
            if len(parts) > 1:
                entry.details.append(", ".join(parts[1:]))
        elif header.strip():
            _job_header(header, entry)
        entry.details += block.body
        if not block.header and out:  # text before the first header belongs to no entry
            out[-1].details += entry.details
        elif not block.header and entry.details and len(entry.details[0].split()) <= 12:
            entry.name = entry.details.pop(0).removeprefix("- ")
            out.append(entry)
        elif not entry.is_empty():
            out.append(entry)
    return out
