"""The checker: each sentence's claims against what the model was given (the prompt's
messages: the identity core and facts, learned facts, the conversation so far, the question).

A profile or an answer not in English has only its figures, e-mail addresses and URLs checked:
capitals and word forms say too little there, and a wrongly held sentence costs the member
the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.grounding.claims import DEGREE, NAME, TITLE, Claim, claims
from core.grounding.normalise import fold, raw_words
from core.grounding.support import Evidence

_WORDY = (NAME, TITLE, DEGREE)
_ENGLISH_WORDS = "the and of to in a is i my was for with at on as it that have has this "
_ENGLISH_WORDS += "from by an are be we our me or not"
_ENGLISH = set(_ENGLISH_WORDS.split())
_LETTERS = re.compile(r"[^\W\d_]+")


def english(text: str) -> bool:
    """Whether text reads as English (enough of its words are common English ones)."""
    found = _LETTERS.findall(text[:4000].lower())
    if len(found) < 6:
        return True  # too short to tell: treat as the profile's language
    return sum(1 for w in found if w in _ENGLISH) / len(found) >= 0.08


@lru_cache(maxsize=64)
def evidence_of(text: str) -> Evidence:
    """The evidence of one given text, read once (a profile's system message is the same for
    every question)."""
    return Evidence.of(text)


@lru_cache(maxsize=64)
def _english_cached(text: str) -> bool:
    return english(text)


@dataclass(frozen=True)
class Verdict:
    """One sentence checked: its claims, and those the given text does not hold."""

    sentence: str
    claims: tuple[Claim, ...]
    unsupported: tuple[Claim, ...]

    @property
    def ok(self) -> bool:
        return not self.unsupported


class Checker:
    """Checks sentences against the given texts (a claim is supported when one of them holds
    it)."""

    def __init__(self, given: Sequence[str], owner_name: str = "") -> None:
        self._texts = [t for t in given if t.strip()]
        # each text is read when a claim first reaches it, in order: most claims are held by
        # the first texts (the profile's), and an answer without claims reads none
        self._evidence: list[Evidence] = []
        longest = max(self._texts, key=len, default="")
        self._english = _english_cached(longest)
        self._owner = frozenset(fold(m.group(0)) for m in raw_words(owner_name))

    def check(self, sentence: str) -> Verdict:
        found = claims(sentence, self._owner)
        if not found:
            return Verdict(sentence, (), ())
        if not (self._english and english(sentence)):
            found = [c for c in found if c.kind not in _WORDY]
        missing = {c.text: c for c in found if not self._supported(c)}
        return Verdict(sentence, tuple(found), tuple(missing.values()))

    def _supported(self, claim: Claim) -> bool:
        """Whether one of the given texts holds `claim` (the first that does ends the search)."""
        for i, text in enumerate(self._texts):
            if i == len(self._evidence):
                self._evidence.append(evidence_of(text))
            if self._evidence[i].supports(claim):
                return True
        return False
