"""A question said in another order, read again when its own words name no subject.

Topics' phrases are written in the plain order of a question: "what do you drive?", "a fan of
a club". People also ask "what are you driving these days?" (going on now: the `when:now`
mark is read from the question as asked), "what club are you a fan of?" (the thing asked
about put first, its preposition left at the end) and "are you allowed to drive?".
`rephrased` says such a question in the plain order: an ability as "can you", the
progressive as the simple form, keeping the -ing word ("do you drive driving"), and the
fronted noun back after its preposition ("are you a fan of club").
"""

from __future__ import annotations

import re

from core.owner.silent_e import base

_PROGRESSIVE = re.compile(
    r"\b(?:(?:are|r) (?:you|u)|you're|have you been) ((?!going\b|doing\b|being\b)[a-z]+ing)\b"
)
_STRANDED = re.compile(
    r"\b(?:what|which) ((?:[a-z]+ ){0,2}?[a-z]+) "
    r"((?:do|are|did|were|would|have|r) (?:you|u)\b.*?) "
    r"(of|for|to|in|on|with|about|from|at) *$"
)


_ABLE = re.compile(
    r"\b(?:are (?:you|u) (?:able|allowed|permitted|licensed)|do (?:you|u) know how) to\b"
)


def rephrased(text: str) -> str:
    """A folded question (lower case, words and spaces) in the plain order, or `text` itself
    when it is already."""
    text = _ABLE.sub("can you", text)
    text = _PROGRESSIVE.sub(lambda m: f"do you {base(m.group(1))} {m.group(1)}", text)
    return _STRANDED.sub(lambda m: f"{m.group(2)} {m.group(3)} {m.group(1)} ", text)
