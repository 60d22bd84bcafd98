"""What I want next, from the goals a profile writes down: "what are you looking for in your
next role?", "describe your ideal next position" (the near goal: a short-term line, an
objective, a role sought), "where do you see yourself in five years?" (the far one: a long-term
line). Goals live in a section or chunk titled for them (career goals, objective, aspirations)
or on lines labelled so ("Short term: ...", "Long-term (3-5 years): ..."); a goals section
without such labels is quoted from its start. [] when the profile writes no goal down.
"""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles.profile import Chunk, Profile

NEXT_ASKED = re.compile(
    r"\bnext (?:role|job|position|step|move|gig|opportunit\w*|challenge)\b|"
    r"\b(?:aim\w*|heading|going) (?:for )?next\b|\bwhat(?:'s| is) next for (?:you|u)\b|"
    r"\bideal (?:next )?(?:role|job|position|company|team|employer)\b|"
    r"(?<!childhood )\bdream (?:role|job)\b(?! as a (?:kid|child))|"
    r"\b(?:role|job|position|work|opportunit\w*) (?:are |r )?(?:you|u) (?:after|looking for|"
    r"seeking|hoping for|targeting)\b|\b(?:after|looking for|seeking|targeting|want) next\b|"
    r"\b(?:what|which) (?:kind|type|sort) of (?:role|job|position)\b",
    re.I,
)
LATER_ASKED = re.compile(
    r"\b(?:in|within) (?:the next )?(?:five|5|ten|10|few|couple of|3|three|some) years\b|"
    r"\byears? (?:from now|down the (?:line|road))\b|\blong[- ]term\b|"
    r"\bwhere do (?:you|u) see (?:yourself|urself)\b|\b(?:career|professional) goals?\b|"
    r"\bambitions?\b|\baspirations?\b|\bend goal\b",
    re.I,
)
_GOALS = re.compile(r"goal|objective|aspiration|ambition|career plan|vision", re.I)
_LABEL = re.compile(r"^([^:]{1,50}):\s+")
_NEAR = re.compile(
    r"short|near|immediate|next|target|objective|seeking|looking for|role preference|now", re.I
)
_FAR = re.compile(r"long|future|vision|ultimate|\b(?:[3-9]|10)\+? ?(?:-\d+ )?years?\b", re.I)
_FARTHEST = re.compile(r"long|ultimate|vision", re.I)
_NEAR_TEXT = re.compile(r"\b(?:seek\w*|looking for|secure|obtain|aim to|next)\b", re.I)


def asked(question: str) -> str:
    """ "next" (the near goal), "later" (the far one) or ""."""
    if NEXT_ASKED.search(question):
        return "next"
    return "later" if LATER_ASKED.search(question) else ""


def goals(profile: Profile, which: str) -> list[Quote]:
    """The goal asked for: its labelled line, else the goals section's first sentences."""
    chunks = [c for c in profile.chunks if _is_goals(c)]
    said = [(c, label, text) for c in chunks for label, text in _said(c)]
    if not said:
        return []
    want = _NEAR if which == "next" else _FAR
    labelled = [s for s in said if want.search(s[1])]
    if which == "next" and not labelled:
        labelled = [s for s in said if not s[1] and _NEAR_TEXT.search(s[2])]
    if which == "later":  # a long-term line before a medium-term one
        labelled.sort(key=lambda s: not _FARTHEST.search(s[1]))
    if labelled:
        return distinct([quote(c, trim(text, EXCERPT_CHARS)) for c, _, text in labelled], 1)
    if any(label for _, label, _ in said):
        return []  # goals written down, but none for this horizon
    chunk, _, text = said[0]
    return [quote(chunk, trim(text, EXCERPT_CHARS))]


def _is_goals(chunk: Chunk) -> bool:
    return bool(_GOALS.search(f"{chunk.section} {chunk.title}".replace("_", " ")))


# A sentence that starts with a label: "... end to end. Long term: Lead ..."
_LABELLED_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z][^:.]{0,40}:\s)")


def _said(chunk: Chunk) -> list[tuple[str, str]]:
    """The chunk's sentences with their labels: a unit's own label ("Medium-term (1-3 years)"
    in a long line read in sentences, "Long term" in a paragraph of labelled sentences), else
    its line's."""
    out = []
    for unit in passages.units(chunk):
        for piece in _LABELLED_SENTENCE.split(unit.text):
            own = _LABEL.match(piece)
            out.append((own.group(1) if own else unit.context, piece))
    return out
