"""Where I studied and what I hold, listed whole: "every place you studied at?", "every
certificate you've earned, full list", "what courses have you done since finishing school?".
A profile names its schools in its education entries (a title, an "Institution:" or
"School:" line, a sentence "at the University of X"), its certificates in a section or on
lines labelled so, and the courses taken outside a degree in professional development
(bootcamps, online courses, training). The answer gathers them; [] when there are fewer than
two schools (a list of one is no list) or none of the others.
"""

from __future__ import annotations

import re

from core.persona.offline import passages, stated
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles.profile import Chunk, Profile

SCHOOLS_ASKED = re.compile(
    r"\b(?:all|every|each|list)\b.*\b(?:schools?|universit\w*|colleges?|institutions?|"
    r"places? (?:you|u)(?:'ve| have)? studied|education)\b|"
    r"\b(?:schools|universities|colleges) (?:you|u) (?:went to|attended)\b",
    re.I,
)
CERTS_ASKED = re.compile(
    r"\b(?:all|every|each|list|full list)\b.*\b(?:certif\w*|certs?|licen[cs]es?|credentials?)\b|"
    r"\b(?:certif\w*|certs)\b.*\b(?:all of them|full list|every one)\b",
    re.I,
)
COURSES_ASKED = re.compile(
    r"\b(?:courses?|training|bootcamps?|programmes?|programs?)\b.*\b(?:since|after) "
    r"(?:finishing |leaving |you finished |you left )?(?:school|uni\w*|college|graduat\w*|"
    r"(?:your|ur) degree)|\bonline (?:courses?|training|classes)\b|\bbootcamps?\b",
    re.I,
)
_EDUCATION = re.compile(r"educat|academ|studies|school|universit|degree", re.I)
_INSTITUTION = re.compile(
    r"\b(?:universit\w*|college|school|institute|academy|polytechnic)\b", re.I
)
_INSTITUTION_LABEL = re.compile(r"institution|school|universit|college", re.I)
_CERTS = re.compile(r"certif|licen[cs]|credential", re.I)
_COURSES = re.compile(
    r"course|bootcamp|training|certif|programme|mooc|professional development|licen", re.I
)
_REHEARSAL = re.compile(r"interview|question|scenario", re.I)


def schools(profile: Profile) -> list[Quote]:
    """Every school the education entries name, or [] for fewer than two."""
    found = []
    for chunk in profile.chunks:
        if not _EDUCATION.search(_where(chunk)) or _REHEARSAL.search(_where(chunk)):
            continue
        if _INSTITUTION.search(chunk.title):
            found.append(quote(chunk, trim(chunk.title, EXCERPT_CHARS)))
        for unit in passages.units(chunk):
            label = _label(unit)
            if _INSTITUTION_LABEL.search(label) or _INSTITUTION.search(unit.text):
                found.append(quote(chunk, trim(unit.text, EXCERPT_CHARS)))
    kept = distinct(found, 4)
    return kept if len(kept) >= 2 else []


def certificates(profile: Profile) -> list[Quote]:
    """Every certificate: the sections named for them, else the lines labelled so."""
    named = [c for c in profile.chunks if _CERTS.search(_where(c)) and not _rehearsed(c)]
    found = [quote(c, trim(" · ".join(u.text for u in passages.units(c)), 500)) for c in named]
    if not found:
        for chunk in profile.chunks:
            for unit in passages.units(chunk):
                if _CERTS.search(_label(unit)) and not _rehearsed(chunk):
                    found.append(quote(chunk, trim(unit.text, 500)))
    return distinct(found, 3)


def courses(profile: Profile) -> list[Quote]:
    """The courses taken outside a degree: professional development's courses, bootcamps and
    training first, then certificates."""
    found: list[tuple[bool, Quote]] = []
    for chunk in profile.chunks:
        if _EDUCATION.search(_where(chunk)) or _rehearsed(chunk):
            continue
        for label, pieces in stated.labelled(chunk):
            if _COURSES.search(label):
                said = trim(" · ".join(pieces), EXCERPT_CHARS)
                found.append((bool(_CERTS.search(label)), Quote(chunk.title, said, said)))
        if _COURSES.search(chunk.title) and not _COURSES.search(chunk.section.replace("_", " ")):
            found.append((False, Quote(chunk.section, chunk.title, chunk.title)))  # an entry
        elif _COURSES.search(_where(chunk)) and not stated.labelled(chunk):
            said = trim(" · ".join(u.text for u in passages.units(chunk)), EXCERPT_CHARS)
            found.append((bool(_CERTS.search(_where(chunk))), Quote(chunk.title, said, said)))
    found.sort(key=lambda f: f[0])
    return distinct([q for _, q in found], 3)


def _where(chunk: Chunk) -> str:
    return f"{chunk.section} {chunk.title}".replace("_", " ")


def _rehearsed(chunk: Chunk) -> bool:
    return bool(_REHEARSAL.search(_where(chunk)))


_OWN_LABEL = re.compile(r"^([^:]{1,50}):\s+")


def _label(unit: passages.Unit) -> str:
    own = _OWN_LABEL.match(unit.text)
    return own.group(1) if own else unit.context
