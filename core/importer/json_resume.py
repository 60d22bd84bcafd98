"""JSON Resume (jsonresume/resume-schema): every section of the schema.

basics (name, label, summary, location; email, phone, url, profiles and the street address and
postal code go to the private section), work, volunteer, education (with score and courses),
awards, certificates, publications, skills (with keywords), languages, interests, references,
projects (with roles, entity, type, keywords); `meta.lastModified` dates the source for merging.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.importer.dates import is_present, parse_date
from core.importer.errors import ImportProblem
from core.importer.model import Entry, Resume

_SECTIONS = (
    "basics", "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects",
)  # fmt: skip


# Keys of the digitaltwin.json layout the twin reads as it is.
_TWIN_PROFILE = ("personal", "content_chunks", "projects_portfolio", "salary_location")


def _s(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    """A free text field (its lines kept)."""
    return str(value or "").strip()


def _joined(value: Any) -> str:
    """A list of words ("keywords", "courses") as one line."""
    return ", ".join(_s(x) for x in _list(value) if _s(x))


def is_json_resume(data: Any) -> bool:
    """A JSON object with at least one of the schema's sections, and not a twin profile."""
    return (
        isinstance(data, dict)
        and any(key in data for key in _SECTIONS)
        and not any(key in data for key in _TWIN_PROFILE)
    )


def _entry(item: dict[str, Any], name: str, org: str, source: str, *details: str) -> Entry:
    end_text = _s(item.get("endDate"))
    start = parse_date(_s(item.get("startDate")))
    entry = Entry(
        name=name,
        org=org,
        start=start,
        end=parse_date(end_text),
        current=start is not None and (not end_text or is_present(end_text)),
        where=_s(item.get("location")),
        source=source,
    )
    entry.details = [d for d in details if d] + [
        f"- {_s(h)}" for h in _list(item.get("highlights")) if _s(h)
    ]
    if _s(item.get("url")):
        entry.details.append(_s(item.get("url")))
    return entry


# Sections of one dated item each: (profile section, JSON Resume key, title, by whom, date,
# the fields that become its details).
_DATED = (
    ("awards", "awards", "title", "awarder", "date", ("summary",)),
    ("certifications", "certificates", "name", "issuer", "date", ("url",)),
    ("publications", "publications", "name", "publisher", "releaseDate", ("summary", "url")),
)


def read_json_resume(path: Path, data: dict[str, Any]) -> Resume:
    """The profile in a parsed JSON Resume document."""
    if isinstance(data, dict) and any(key in data for key in _TWIN_PROFILE):
        raise ImportProblem(
            path,
            "already a twin profile (the digitaltwin.json layout): set [persona] profile to"
            " this file instead of importing it",
        )
    if not is_json_resume(data):
        raise ImportProblem(
            path, "a JSON file, but not a JSON Resume (no basics, work, education...)"
        )
    src = path.name
    resume = Resume(sources=[str(path)])
    basics = _dict(data.get("basics"))
    resume.name, resume.headline = _s(basics.get("name")), _s(basics.get("label"))
    resume.summary = _text(basics.get("summary"))
    location = _dict(basics.get("location"))
    resume.location = ", ".join(
        p for p in (_s(location.get(k)) for k in ("city", "region", "countryCode")) if p
    )
    for key, label in (("email", "Email"), ("phone", "Phone"), ("url", "Website")):
        resume.add_private(label, _s(basics.get(key)))
    for key, label in (("address", "Address"), ("postalCode", "Postal code")):
        resume.add_private(label, _s(location.get(key)))
    for profile in map(_dict, _list(basics.get("profiles"))):
        value = _s(profile.get("url")) or _s(profile.get("username"))
        resume.add_private(_s(profile.get("network")) or "Profile", value)
    for w in map(_dict, _list(data.get("work"))):
        about = (_s(w.get("description")), _text(w.get("summary")))
        resume.add("experience", _entry(w, _s(w.get("position")), _s(w.get("name")), src, *about))
    for v in map(_dict, _list(data.get("volunteer"))):
        title, org = _s(v.get("position")), _s(v.get("organization"))
        resume.add("volunteering", _entry(v, title, org, src, _text(v.get("summary"))))
    for e in map(_dict, _list(data.get("education"))):
        degree = " ".join(p for p in (_s(e.get("studyType")), _s(e.get("area"))) if p)
        courses, score = _joined(e.get("courses")), _s(e.get("score"))
        about = (f"Grade: {score}" if score else "", f"Courses: {courses}" if courses else "")
        entry = _entry(e, degree, _s(e.get("institution")), src, *about)
        entry.current = False  # a school without an end date is not "present"
        resume.add("education", entry)
    for section, key, title, by, when, texts in _DATED:
        for item in map(_dict, _list(data.get(key))):
            details = [d for d in (_text(item.get(t)) for t in texts) if d]
            dated = parse_date(_s(item.get(when)))
            entry = Entry(_s(item.get(title)), _s(item.get(by)), dated, details=details, source=src)
            resume.add(section, entry)
    for s in map(_dict, _list(data.get("skills"))):
        keywords = _joined(s.get("keywords"))
        name, level = _s(s.get("name")), _s(s.get("level"))
        head = f"{name} ({level})" if name and level else name or level
        line = f"{head}: {keywords}" if head and keywords else head or keywords
        if line:
            resume.skills.append(line)
    for lang in map(_dict, _list(data.get("languages"))):
        resume.add(
            "languages", Entry(_s(lang.get("language")), _s(lang.get("fluency")), source=src)
        )
    for i in map(_dict, _list(data.get("interests"))):
        keywords = _joined(i.get("keywords"))
        interest = Entry(_s(i.get("name")), details=[keywords] if keywords else [], source=src)
        resume.add("interests", interest)
    for r in map(_dict, _list(data.get("references"))):
        text = _text(r.get("reference"))
        resume.add(
            "references", Entry(_s(r.get("name")), details=[text] if text else [], source=src)
        )
    for p in map(_dict, _list(data.get("projects"))):
        details = [
            _text(p.get("description")),
            f"Roles: {_joined(p.get('roles'))}" if _list(p.get("roles")) else "",
            f"Keywords: {_joined(p.get('keywords'))}" if _list(p.get("keywords")) else "",
            f"Type: {_s(p.get('type'))}" if _s(p.get("type")) else "",
        ]
        resume.add("projects", _entry(p, _s(p.get("name")), _s(p.get("entity")), src, *details))
    modified = parse_date(_s(_dict(data.get("meta")).get("lastModified")))
    resume.as_of = modified
    return resume


def load_json(path: Path) -> Any:
    """Parsed JSON, or ImportProblem saying where it is broken."""
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblem(path, "not UTF-8 text; save it as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
