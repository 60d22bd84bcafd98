"""What I care about: "what drives you?", "what motivates you?", "what matters most to you
at work?" ("what are you passionate about?" asks for my interests, read elsewhere). A profile
says it in a sentence of its own ("I care about data quality", "Why I'm interested in
development: Enjoy the creative problem-solving"): that sentence, my about sections first;
for what motivates me, a sentence about why before one about what.
"""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles.profile import Chunk, Profile

ASKED = re.compile(
    r"\bdrives? (?:you|u)\b|\bmotivat\w*|"
    r"\bcare (?:most )?about\b|\bwhat matters (?:most )?to (?:you|u)\b|"
    r"\bvalue (?:most )?in (?:a|your) (?:team|job|work)\b",
    re.I,
)
_WHY_ASKED = re.compile(r"\bmotivat\w*|\bdrives?\b", re.I)
_CARES = re.compile(
    r"\bpassionate\b|\bpassion\b|\bcare\w* (?:a lot |deeply |most )?about\b|\blove\w*\b|"
    r"\benjoy\w*\b|\bexcit\w*|\bmotivated (?:by|to)\b|\bdriven by\b|\binterested in\b",
    re.I,
)
_WHY = re.compile(r"\bmotivat\w*|\benjoy\w*|\bwhy\b|\bdriven by\b|\bsatisf\w*", re.I)
_ABOUT = re.compile(r"about|summary|personal|basics|profile|bio|pitch", re.I)
_REHEARSAL = re.compile(r"scenario|question|talking point", re.I)
_REHEARSAL_PROMPT = re.compile(r"\?\s*$")


def cares(profile: Profile, question: str) -> list[Quote]:
    """The sentence saying what I care about (or what motivates me), or []."""
    why = bool(_WHY_ASKED.search(question))
    found: list[tuple[tuple[bool, bool, int], Chunk, str]] = []
    for order, chunk in enumerate(profile.chunks):
        where = f"{chunk.section} {chunk.title}".replace("_", " ")
        if _REHEARSAL.search(where):
            continue  # how I would answer in an interview, not what I said I care about
        about = bool(_ABOUT.search(where))
        for unit in passages.units(chunk):
            said = f"{unit.context}: {unit.text}" if unit.context else unit.text
            if passages.is_prompt(unit) or _REHEARSAL_PROMPT.search(unit.text):
                continue
            if _CARES.search(said) and not re.search(r"industr", unit.context, re.I):
                reason = bool(_WHY.search(said))
                found.append(((why and not reason, not about, order), chunk, unit.text))
    found.sort(key=lambda f: f[0])
    return distinct([quote(c, trim(t, EXCERPT_CHARS)) for _, c, t in found], 1)
