"""What I am focused on now: "what are you focused on right now?", "what's taking up most of
your headspace at work these days?". The summary or pitch often says it in one sentence
("Currently at Northwind, where I moved ...", "a developer focused on ...", "currently
interested in ..."): that sentence. [] when the about sections say no such thing (the current
role answers then).
"""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, quote, trim
from core.persona.profiles.profile import Profile

ASKED = re.compile(
    r"\bfocus\w*\b.*\b(?:now|currently|at the moment|these days|lately|atm)\b|"
    r"\b(?:headspace|main focus|mostly working on|mainly working on|focus(?:ing)? on (?:at|these|"
    r"right|now|currently))\b",
    re.I,
)
_NOW = re.compile(
    r"\b(?:focus\w*|currently|presently|these days|right now|at the moment|at present)\b", re.I
)
_ABOUT = re.compile(r"about|summary|personal|basics|profile|bio|pitch", re.I)


def now(profile: Profile) -> list[Quote]:
    """The about sections' sentence that says what I focus on now."""
    for chunk in profile.chunks:
        if not _ABOUT.search(f"{chunk.section} {chunk.title}"):
            continue
        for unit in passages.units(chunk):
            if _NOW.search(unit.text):
                return [quote(chunk, trim(unit.text, EXCERPT_CHARS))]
    return []
