"""Support: whether what the model was given holds a claim, allowing the ordinary variations
(case, accents, inflection, word order within a phrase, "2019-2022" / "2019 to 2022",
"40%" / "40 percent", abbreviations the given text itself uses or spells out).

`Evidence.of(text)` reads the given text once (about a millisecond for a large profile; the
twin keeps one per prompt text); `Evidence.supports(claim)` is then a few set lookups.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from core.grounding.claims import (
    DEGREE,
    EMAIL,
    MONEY,
    NAME,
    NUMBER,
    PERCENT,
    TITLE,
    URL,
    YEAR,
    Claim,
)
from core.grounding.figures import figures
from core.grounding.normalise import SHARE_WORDS, fold, raw_words, stem, words

_SHARES = tuple((re.compile(rf"\b{word}\b"), share) for word, share in SHARE_WORDS.items())
WINDOW = 8  # words of one phrase must sit this close together in the given text
_LINK_NOISE = re.compile(r"^(?:https?://)?(?:www\.)?|/+$")
_SKIP = {"of", "and", "&", "for", "the", "de", "da", "at", "a", "an", "in"}
DEGREE_GROUPS = (
    {"phd", "ph.d", "doctorate", "doctoral", "dphil"},
    {"master", "masters", "msc", "m.sc", "mba", "mphil", "meng", "m.eng", "ma", "m.a", "mres"},
    {"bachelor", "bachelors", "bsc", "b.sc", "beng", "b.eng", "ba", "b.a", "undergraduate"},
    {"diploma"},
    {"a-level", "a-levels", "a level"},
    {"gcse", "gcses"},
)


def _group_table(dotted: bool) -> dict[str, int]:
    """Each spelling of DEGREE_GROUPS (with its dots, or without) -> its first group."""
    table: dict[str, int] = {}
    for i, group in enumerate(DEGREE_GROUPS):
        for spelling in group:
            table.setdefault(spelling if dotted else spelling.replace(".", ""), i)
    return table


_AS_WRITTEN, _DOTLESS = _group_table(True), _group_table(False)
_NO_GROUP = len(DEGREE_GROUPS)


@lru_cache(maxsize=16384)
def _degree_group(text: str) -> int:
    """The index of the degree group `text` names (its first, in DEGREE_GROUPS order), or -1.
    Cached: every word of every given text is looked up."""
    key = fold(text).replace("'s", "").replace(" ", "").rstrip(".")
    key = key.replace("associatedegree", "associate")
    group = min(_AS_WRITTEN.get(key, _NO_GROUP), _DOTLESS.get(key.replace(".", ""), _NO_GROUP))
    return -1 if group == _NO_GROUP else group


@dataclass
class Evidence:
    """What the model was given, read for checking claims against it."""

    folded: str
    positions: dict[str, list[int]] = field(default_factory=dict)
    initials: set[str] = field(default_factory=set)  # "aws" for "Amazon Web Services"
    values: set[float] = field(default_factory=set)  # every figure, as written and scaled
    percents: set[float] = field(default_factory=set)
    spans: set[float] = field(default_factory=set)  # distances between given years
    degrees: set[int] = field(default_factory=set)
    links: str = ""  # the folded text with link prefixes dropped

    @classmethod
    def of(cls, text: str) -> Evidence:
        folded = fold(text)
        evidence = cls(folded)
        for i, word in enumerate(words(text)):
            evidence.positions.setdefault(word, []).append(i)
            if "." in word:  # "github.com", "node.js": their parts too
                for part in word.split("."):
                    if part:
                        evidence.positions.setdefault(stem(part), []).append(i)
        evidence.initials = _initials(text)
        years: set[float] = set()
        for f in figures(text):
            evidence.values.update((f.value, f.scaled))
            if f.kind == PERCENT:
                evidence.percents.add(f.value)
            if f.kind == YEAR:
                years.add(f.value)
        for pattern, share in _SHARES:
            if pattern.search(folded):
                evidence.percents.add(share)
        ordered = sorted(years)
        evidence.spans = {b - a for i, a in enumerate(ordered) for b in ordered[i + 1 :]}
        evidence.spans |= {v for v in evidence.values if v < 60}  # "5+ years" -> "over 5 years"
        for word in evidence.positions:
            group = _degree_group(word)
            if group >= 0:
                evidence.degrees.add(group)
        evidence.links = " ".join(_LINK_NOISE.sub("", w) for w in folded.split())
        return evidence

    def supports(self, claim: Claim) -> bool:
        """Whether the given text holds `claim` (see the module docstring)."""
        kind = claim.kind
        if kind in (NAME, TITLE):
            return self._phrase(claim.text)
        if kind == DEGREE:
            group = _degree_group(claim.text)
            return group < 0 or group in self.degrees
        if kind == YEAR:
            return claim.value in self.values
        if kind == PERCENT:
            return claim.value in self.percents or claim.value in self.values
        if kind in (MONEY, NUMBER):
            if claim.value in self.values or claim.scaled in self.values:
                return True
            return claim.timely and claim.value in self.spans
        if kind == EMAIL:
            return fold(claim.text) in self.folded
        if kind == URL:
            return _LINK_NOISE.sub("", fold(claim.text)) in self.links
        return True

    def _phrase(self, text: str) -> bool:
        said = _said(text)
        if not said:
            return True
        if all(w in self.positions for w in said) and self._close(said):
            return True
        if len(said) == 1 and said[0] in self.initials:
            return True  # "AWS" where the given text spells out "Amazon Web Services"
        short = "".join(w[0] for w in said if w)
        if len(said) >= 2 and short in self.positions:
            return True  # "Amazon Web Services" where the given text writes "AWS"
        return all(w in self.positions or w in self.initials for w in said) and len(said) == 1

    def _close(self, said: tuple[str, ...]) -> bool:
        if len(said) == 1:
            return True
        unique = list(dict.fromkeys(said))
        anchor = min(unique, key=lambda w: len(self.positions[w]))
        reach = max(WINDOW, 2 * len(unique))
        for at in self.positions[anchor]:
            if all(_near(self.positions[w], at, reach) for w in unique if w != anchor):
                return True
        return False


@lru_cache(maxsize=4096)  # a claim is looked up in each given text in turn
def _said(text: str) -> tuple[str, ...]:
    """The words of a claimed phrase that must be found (small words left out)."""
    return tuple(w for w in words(text) if w not in _SKIP)


def _near(places: list[int], at: int, reach: int) -> bool:
    i = bisect_left(places, at - reach)
    return i < len(places) and places[i] <= at + reach


def _initials(text: str) -> set[str]:
    """Initials of each run of capitalised words ("Amazon Web Services" -> "aws"), with and
    without the small words inside ("University of Sheffield" -> "us", "uos")."""
    out: set[str] = set()
    run: list[str] = []
    last_end = -1
    for m in raw_words(text):
        word = m.group(0)
        joined = last_end >= 0 and not text[last_end : m.start()].strip()
        last_end = m.end()
        if not joined:
            _add_initials(run, out)
            run = []
        if word[0].isupper() or (run and fold(word) in _SKIP):
            run.append(word)
        else:
            _add_initials(run, out)
            run = []
    _add_initials(run, out)
    return out


def _add_initials(run: list[str], out: set[str]) -> None:
    if len(run) < 2:
        return
    folded = [fold(w) for w in run]  # each word folded once
    while folded and folded[-1] in _SKIP:
        folded.pop()
    if len(folded) < 2:
        return
    out.add(stem("".join(w[0] for w in folded)))
    out.add(stem("".join(w[0] for w in folded if w not in _SKIP)))
    for size in range(2, len(folded)):  # "Amazon Web Services Certified" -> "aws" too
        for start in range(0, len(folded) - size + 1):
            part = [w for w in folded[start : start + size] if w not in _SKIP]
            if len(part) >= 2:
                out.add(stem("".join(w[0] for w in part)))
