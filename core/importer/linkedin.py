"""LinkedIn's "Get a copy of your data" archive (the ZIP, or the folder it unpacks to).

Only the files that describe the owner's profile are read: Profile.csv, Positions.csv,
Education.csv, Skills.csv, Certifications.csv, Projects.csv, Languages.csv, Honors.csv,
Courses.csv, Publications.csv, Volunteering.csv. Everything else (messages, connections, e-mail
addresses, phone numbers, invitations, ads data...) is never opened; its names are reported as
skipped. From Profile.csv the address, birth date, zip code, websites, handles and messengers go
to the private section.

Exports differ: columns are found by name, never by position (Profile.csv lost its "Marital
Status" column in 2018 and positional readers shifted by one); file names come with spaces or
underscores and inside a dated folder ("Basic_LinkedInDataExport_01-28-2018/"); files may start
with a "Notes:" preamble before the header row (Connections.csv does); dates come as
"Sep 2013", "2015", "2013-09" or "3/15/24" (see `dates`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from core.importer.dates import Month, is_present, parse_date
from core.importer.errors import ImportProblem
from core.importer.model import Entry, Resume

# The files read, by normalised name (lower case, letters and digits only, no ".csv").
_USED = {
    "profile", "profilesummary", "positions", "education", "skills", "certifications",
    "projects", "languages", "honors", "courses", "publications", "volunteering",
}  # fmt: skip
_PROFILE_FILES = {"profile", "positions", "education", "skills"}

# Column aliases, by normalised header (lower case, letters and digits only).
_COLUMNS = {
    "first": ("firstname", "givenname"),
    "last": ("lastname", "surname", "familyname"),
    "headline": ("headline",),
    "summary": ("summary", "about", "profilesummary"),
    "industry": ("industry",),
    "location": ("geolocation", "location", "locationname", "country"),
    "company": ("companyname", "company", "organization", "organisation"),
    "title": ("title", "position", "jobtitle", "role"),
    "description": ("description", "notes", "summary"),
    "start": ("startedon", "startdate", "start", "from"),
    "end": ("finishedon", "enddate", "end", "to"),
    "school": ("schoolname", "school", "institution"),
    "degree": ("degreename", "degree"),
    "field": ("fieldofstudy", "field", "major"),
    "activities": ("activities", "activitiesandsocieties"),
    "name": ("name", "skill", "skillname", "title", "language"),
    "authority": ("authority", "issuer", "issuingorganization"),
    "url": ("url", "link"),
    "proficiency": ("proficiency", "level"),
    "issued": ("issuedon", "date", "issuedate"),
    "published": ("publishedon", "date", "publicationdate"),
    "publisher": ("publisher",),
    "number": ("number", "coursenumber"),
    "cause": ("cause",),
    "licence": ("licensenumber", "licencenumber"),
}
# Profile.csv columns that are private (address, birth date, handles...), with their labels.
_PRIVATE_PROFILE = {
    "address": "Address",
    "birthdate": "Birth date",
    "zipcode": "Zip code",
    "maidenname": "Maiden name",
    "twitterhandles": "Twitter",
    "websites": "Websites",
    "instantmessengers": "Instant messengers",
    "maritalstatus": "Marital status",
}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _file_key(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _norm(base[:-4] if base.lower().endswith(".csv") else base)


class _Archive:
    """The CSV files of an export, by normalised name, read only when asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._texts: dict[str, bytes] = {}
        self.names: list[str] = []  # every file in the export, as written
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            self.names = [str(p.relative_to(path)) for p in files]
            self._paths = {_file_key(str(p)): p for p in files if p.suffix.lower() == ".csv"}
            self._zip: zipfile.ZipFile | None = None
        else:
            try:
                self._zip = zipfile.ZipFile(path)
                infos = [i for i in self._zip.infolist() if not i.is_dir()]
            except (zipfile.BadZipFile, OSError) as exc:
                raise ImportProblem(path, f"not a readable ZIP archive ({exc})") from None
            self.names = [i.filename for i in infos]
            self._infos = {
                _file_key(i.filename): i for i in infos if i.filename.lower().endswith(".csv")
            }
            self._paths = {}

    def has(self, key: str) -> bool:
        return key in (self._paths if self._zip is None else self._infos)

    def rows(self, key: str, wanted: list[str]) -> list[dict[str, str]]:
        """The rows of one file (none when the export does not have it), see `_rows`."""
        return _rows(self.read(key), wanted) if self.has(key) else []

    def read(self, key: str) -> bytes:
        try:
            if self._zip is None:
                return self._paths[key].read_bytes()
            return self._zip.read(self._infos[key])
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # RuntimeError: encrypted
            raise ImportProblem(self.path, f"cannot read {key}.csv from it ({exc})") from None


def _rows(data: bytes, wanted: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a CSV, keyed by normalised header; the header is the first row naming one of
    `wanted`'s aliases (a "Notes:" preamble before it is skipped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    table = list(csv.reader(io.StringIO(text)))
    aliases = {a for key in wanted for a in _COLUMNS.get(key, (key,))}
    for i, row in enumerate(table[:20]):
        header = [_norm(cell) for cell in row]
        if aliases & set(header):
            return [
                {h: (cells[j].strip() if j < len(cells) else "") for j, h in enumerate(header) if h}
                for cells in table[i + 1 :]
                if any(c.strip() for c in cells)
            ]
    return []


def _get(row: dict[str, str], key: str) -> str:
    for alias in _COLUMNS.get(key, (key,)):
        value = row.get(alias, "")
        if value:
            return value
    return ""


def _entry(
    row: dict[str, str],
    source: str,
    name: str,
    org: str = "",
    details: Iterable[str] = (),
    *,
    on: str = "",
    ongoing: bool = True,
    where: str = "",
) -> Entry:
    """One row as an entry, dated by its `on` column or else by its start and end (a range
    without an end, or ending "present", is current when `ongoing`); empty details left out."""
    if on:
        start, end, current = parse_date(_get(row, on)), None, False
    else:
        start, end_text = parse_date(_get(row, "start")), _get(row, "end")
        end = parse_date(end_text)
        current = ongoing and ((start is not None and not end_text) or is_present(end_text))
    return Entry(name, org, start, end, current, where, [d for d in details if d], source)


def _described(row: dict[str, str], *after: str) -> list[str]:
    """The row's description in paragraphs, then `after`."""
    return [*_paragraphs(_get(row, "description")), *after]


def _paragraphs(text: str) -> list[str]:
    return [
        p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text.replace("\r\n", "\n")) if p.strip()
    ]


def _as_of(path: Path) -> Month:
    found = re.search(r"(\d\d)-(\d\d)-((?:19|20)\d\d)", path.name)  # ..._MM-DD-YYYY.zip
    if found:
        return (int(found.group(3)), int(found.group(1)))
    when = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return (when.year, when.month)


def looks_like_linkedin(path: Path) -> bool:
    """A folder holding at least one of Profile.csv, Positions.csv, Education.csv, Skills.csv."""
    return path.is_dir() and any(_file_key(p.name) in _PROFILE_FILES for p in path.rglob("*.csv"))


def read_linkedin(path: Path) -> Resume:
    """The profile in a LinkedIn data export; ImportProblem when it is not one."""
    archive = _Archive(path)
    if not any(archive.has(k) for k in _PROFILE_FILES):
        raise ImportProblem(
            path,
            "not a LinkedIn data export: it has no Profile.csv, Positions.csv, Education.csv or"
            ' Skills.csv (use the archive from LinkedIn\'s "Get a copy of your data")',
        )
    resume = Resume(sources=[str(path)], as_of=_as_of(path))
    source = path.name
    _profile(resume, archive.rows("profile", ["first", "headline"]))
    if not resume.summary:
        rows = archive.rows("profilesummary", ["summary"])
        resume.summary = next((_get(r, "summary") for r in rows if _get(r, "summary")), "")
    for row in archive.rows("positions", ["company", "title"]):
        title, company, where = _get(row, "title"), _get(row, "company"), _get(row, "location")
        resume.add("experience", _entry(row, source, title, company, _described(row), where=where))
    for row in archive.rows("education", ["school"]):
        degree = ", ".join(p for p in (_get(row, "degree"), _get(row, "field")) if p)
        activities = _get(row, "activities")
        details = _described(row, f"Activities: {activities}" if activities else "")
        school = _entry(row, source, degree, _get(row, "school"), details, ongoing=False)
        resume.add("education", school)
    resume.skills += [_get(r, "name") for r in archive.rows("skills", ["name"]) if _get(r, "name")]
    _simple(resume, archive, source)
    resume.skipped = [n for n in archive.names if _file_key(n) not in _USED]
    return resume


def _profile(resume: Resume, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    row = rows[0]
    resume.name = " ".join(p for p in (_get(row, "first"), _get(row, "last")) if p)
    resume.headline = _get(row, "headline")
    resume.summary = _get(row, "summary")
    resume.location = _get(row, "location")
    if industry := _get(row, "industry"):
        resume.facts.append(f"Industry: {industry}.")
    for column, label in _PRIVATE_PROFILE.items():
        value = row.get(column, "").strip().strip("[]")
        if value:
            resume.add_private(label, value)


def _simple(resume: Resume, archive: _Archive, source: str) -> None:
    """Certifications, projects, languages, honors, courses, publications, volunteering."""

    rows = archive.rows
    for row in rows("certifications", ["name", "authority"]):
        name, by = _get(row, "name"), _get(row, "authority")
        resume.add(
            "certifications", _entry(row, source, name, by, [_get(row, "url")], ongoing=False)
        )
        if _get(row, "licence"):
            resume.add_private(f"Licence number ({name})", _get(row, "licence"))
    for row in rows("projects", ["name", "title"]):
        name = _get(row, "name") or _get(row, "title")
        resume.add("projects", _entry(row, source, name, "", _described(row, _get(row, "url"))))
    for row in rows("languages", ["name", "proficiency"]):
        resume.add("languages", Entry(_get(row, "name"), _get(row, "proficiency"), source=source))
    for row in rows("honors", ["name", "title"]):
        name = _get(row, "name") or _get(row, "title")
        resume.add("awards", _entry(row, source, name, "", _described(row), on="issued"))
    for row in rows("courses", ["name", "number"]):
        resume.add("courses", Entry(_get(row, "name"), _get(row, "number"), source=source))
    for row in rows("publications", ["name", "publisher"]):
        name, by = _get(row, "name"), _get(row, "publisher")
        details = _described(row, _get(row, "url"))
        resume.add("publications", _entry(row, source, name, by, details, on="published"))
    for row in rows("volunteering", ["company", "title"]):
        cause = _get(row, "cause")
        details = [f"Cause: {cause}" if cause else "", *_described(row)]
        work = _entry(row, source, _get(row, "title"), _get(row, "company"), details)
        resume.add("volunteering", work)
