"""Several sources into one profile: a fact in two is kept once, and the newer source wins.

Sources are ordered by how recent they are (`Resume.as_of`: a LinkedIn export's date, a JSON
Resume's `meta.lastModified`, else the file's time). The name, headline, summary and location
come from the newest source that has them. Entries that are the same job, school or item (same
organisation and a matching title, or the same name) become one: the newer source's title,
dates and place win, details from both are kept once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.importer.model import Entry, Resume

_DATED = {"experience", "education", "volunteering", "projects"}


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _within(a: str, b: str) -> bool:
    """`a` and `b` are equal, or one holds the other as whole words."""
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _same(a: Entry, b: Entry, section: str) -> bool:
    """The same job, school or item told twice. Jobs and schools: no clashing organisation,
    and a matching title (or, with no title to compare, the same start year); other items
    (a certificate, a language...): a matching name, whoever wrote the issuer."""
    org_a, org_b, name_a, name_b = _key(a.org), _key(b.org), _key(a.name), _key(b.name)
    if section not in _DATED:
        return _within(name_a, name_b)
    if org_a and org_b and not _within(org_a, org_b):
        return False
    starts_agree = a.start is None or b.start is None or a.start[0] == b.start[0]
    if name_a and name_b:
        return _within(name_a, name_b) and (bool(org_a and org_b) or starts_agree)
    return bool(org_a) and org_a == org_b and a.start is not None and starts_agree


def _merge_entry(old: Entry, new: Entry) -> Entry:
    """`new` (from a newer source) wins each fact it has; details of both are kept once."""
    merged = Entry(
        name=new.name or old.name,
        org=new.org or old.org,
        start=new.start or old.start,
        end=new.end if (new.end or new.current) else old.end,
        current=new.current if (new.end or new.current) else old.current,
        where=new.where or old.where,
        details=[],
        source=new.source or old.source,
    )
    for detail in new.details + old.details:
        key = _key(detail)
        if key and not any(key == _key(d) or key in _key(d) for d in merged.details):
            merged.details.append(detail)
    return merged


def merge(resumes: Sequence[Resume]) -> Resume:
    """One profile from several sources (see the module docstring)."""
    ordered = sorted(resumes, key=lambda r: r.as_of or (0, 0))  # oldest first, newest last
    out = Resume()
    for resume in ordered:
        out.name = resume.name or out.name
        out.headline = resume.headline or out.headline
        out.summary = resume.summary or out.summary
        out.location = resume.location or out.location
        out.as_of = resume.as_of or out.as_of
        out.facts += [f for f in resume.facts if f not in out.facts]
        for label, value in resume.private:
            out.add_private(label, value)
        for section, entries in resume.sections.items():
            kept = out.entries(section)
            for entry in entries:
                match = next((i for i, old in enumerate(kept) if _same(old, entry, section)), None)
                if match is None:
                    kept.append(entry)
                else:
                    kept[match] = _merge_entry(kept[match], entry)
        seen = {_key(s) for s in out.skills}
        for skill in resume.skills:
            if _key(skill) and _key(skill) not in seen:
                seen.add(_key(skill))
                out.skills.append(skill)
        for item in resume.extra:
            if item not in out.extra:
                out.extra.append(item)
        out.skipped += [s for s in resume.skipped if s not in out.skipped]
    out.sources = [s for r in resumes for s in r.sources]
    return out
