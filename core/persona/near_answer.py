"""A model's answer from a fact about something near the question: "I don't have a PhD, but I
hold a BSc...", "I haven't worked with Azure; my cloud work is on AWS", "the closest thing I
have is...". The profile does not answer the question (the model inferred a "no" from what is
missing and offered a neighbour), so the question is a gap and the owner is asked.

The shape, not the words of a profile: a reply that opens by denying that the owner has, knows
or did the thing asked, then turns to something else ("but", "though", "instead", "the
closest"), or says the closest it has. A plain negative the profile states ("No, I'm not
willing to relocate") is not this shape: being willing is not having, knowing or doing.
"""

from __future__ import annotations

import re

# The opening denial: "no, I don't have...", "I haven't worked with...", "I'm not certified".
_OPENING = r"^(?:no|nope|not really|unfortunately|sadly|actually)?[,.!:;\s-]*"
_DENIAL = (
    r"(?:i (?:don't|do not|haven't|have not|didn't|did not|never|can't say i(?:'ve| have))|"
    r"i've never|i have never)"
    r"(?:\s+\w+){0,2}?\s+(?:have|hold|held|had|know|knew|use|used|using|work|worked|working|"
    r"done|do|speak|spoken|got|gotten|own|written|write|wrote|published|publish|manage|managed|"
    r"lead|led|study|studied|earned|earn|completed|taken|take|built|build|tried|played|play|"
    r"been)\b"
    r"|i(?:'m| am) not (?:\w+ )?(?:familiar|experienced|certified|trained|qualified|fluent)\b"
)
# ... and the turn to a neighbour, in the same or the next sentence.
_TURN = (
    r"[^?]{0,160}?(?:\b(?:but|though|although|however|instead|rather|the closest|closest)\b|"
    r"\s[-\u2013\u2014]\s|;)"
)
_NEAR = re.compile(_OPENING + f"(?:{_DENIAL})" + _TURN, re.I)
_CLOSEST = re.compile(
    r"\bthe (?:closest|nearest) (?:thing|i(?:'ve| have)? (?:come|got|get)|experience|match)\b",
    re.I,
)


def answers_near(reply: str) -> bool:
    """Does the model's reply deny the thing asked and offer something near it instead?"""
    text = " ".join(reply.replace("’", "'").split())
    return bool(_NEAR.search(text) or _CLOSEST.search(text))
