"""The degrees I hold, for a question about my level of study ("what's your highest level of
education?", "highest qualification?", "how far did you go in school?"): the line of each
studies entry that names its degree, not the school before university."""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.quotes import EXCERPT_CHARS, MAX_QUOTES, Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Profile

# Only the level as such: "do you have a PhD?" names a degree, which a profile holds or not
# (`holding`), while "what's your highest qualification?" asks which one I hold.
LEVEL_ASKED = re.compile(
    r"\b(?:highest (?:level of )?(?:education|qualification|degree|academic\w*)|"
    r"level of (?:education|study|studies)|how far did (?:you|u) go (?:in|with) (?:school|"
    r"education|your studies))\b",
    re.I,
)
_DEGREE = re.compile(
    r"\b(?:bachelor\w*|master\w*|b\.?sc|m\.?sc|b\.?eng|m\.?eng|b\.?a\.?|m\.?a\.?|mba|ph\.?d|"
    r"doctor\w*|diploma|associate'?s? degree|degree|licen[cs]iate)\b",
    re.I,
)
_NOT_DEGREE = re.compile(r"^(?:relevant )?(?:courses?|coursework|modules?|school)\b", re.I)


def asks_level(question: str) -> bool:
    """Does the question ask about my level of study (my highest degree)?"""
    return bool(LEVEL_ASKED.search(question))


def held(profile: Profile) -> list[Quote]:
    """The line naming the degree of each studies entry (at most two), in profile order."""
    found = []
    for chunk in profile.chunks:
        if not timeline.is_education_chunk(chunk):
            continue
        for unit in passages.units(chunk):
            if _DEGREE.search(unit.text) and not _NOT_DEGREE.match(unit.context or unit.text):
                found.append(quote(chunk, trim(unit.text, EXCERPT_CHARS)))
                break
    return distinct(found, MAX_QUOTES)


def answer(profile: Profile, question: str) -> list[Quote]:
    """The degrees I hold when the question asks about a level of study; else []."""
    return held(profile) if asks_level(question) else []
