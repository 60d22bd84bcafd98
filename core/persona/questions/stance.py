"""What a question asks for beyond a fact: a taste or a stance ("what's your favourite X?",
"why did you leave?"), a reason, or a moment of the owner's days ("how was your weekend?").
A profile states facts, so these are answered only by a passage that says them."""

from __future__ import annotations

import re

# "What's your favourite X?", "what kind of X do you like?", "do you prefer X or Y?": a taste.
_PREFERENCE = re.compile(
    r"\b(?:favou?rite|prefer|would you rather|(?:do|did) you (?:like|love|enjoy)|you like (?:to|"
    r"best|most)|you (?:love|enjoy) (?:the )?most|are you (?:a|an) [\w-]+ (?:person|fan|lover)|"
    r"are you into|fan of|hate|dislike|can'?t stand|least favou?rite|root(?:ing)? for|"
    r"cheer(?:ing)? for)\b",
    re.I,
)
# A moment of one's life ("how was your weekend?", "what did you have for lunch today?"): a
# profile tells a career, not a day.
_MOMENT = re.compile(
    r"\b(?:(?:last|this|next|the|your) (?:weekend|night|evening)|today|tonight|yesterday|"
    r"this morning)\b",
    re.I,
)


# "Why did you leave?", "what do you value in a workplace?", "what do you look for in an
# employer?", "how do you feel about...?": a reason or a value, which a fact does not state.
_STANCE = re.compile(
    r"^\s*why\b|\bwhy (?:did|do|are|were|would|have)\b|\bwhat do you value\b|\bvalue in\b|"
    r"\blook(?:ing)? for in\b|\bhow do you feel\b|\bmatters? (?:most )?to you\b|"
    r"\bimportant to you\b",
    re.I,
)


def asks_preference(question: str) -> bool:
    """Does the question ask for a taste (a favourite, what I like) or a stance (why I did
    something, what I value), not a fact?"""
    return bool(_PREFERENCE.search(question) or _STANCE.search(question))


def asks_reason(question: str) -> bool:
    """Does the question ask for a reason ("why did you choose your degree?")?"""
    return bool(_WHY_ASKED.search(question))


_WHY_ASKED = re.compile(
    r"^\s*why\b|\bwhy (?:did|do|are|were|would|have)\b|"
    r"\bwhat made you (?:pick|choose|decide|go for|want|study|become)\b",
    re.I,
)


def asks_moment(question: str) -> bool:
    """Does the question ask about a moment of the owner's days (last weekend, today)?"""
    return bool(_MOMENT.search(question))
