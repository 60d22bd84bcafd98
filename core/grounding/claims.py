"""Claims: the things in a sentence a member would repeat as the owner's word.

Checked: names (capitalised runs: organisations, schools, places, products and technologies,
certifications, capitalised job titles), job titles and degrees written in lower case, years,
percentages, money, numbers with units, e-mail addresses and URLs. Not claims: the sentence's
first word when it is an ordinary word, pronouns, small counts ("two projects"), and sentences of
general knowledge with nothing about the owner in them ("Python is a popular language").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.grounding.figures import figures
from core.grounding.normalise import fold, raw_words

NAME, TITLE, DEGREE, YEAR, PERCENT, MONEY, NUMBER, EMAIL, URL = (
    "name", "title", "degree", "year", "percent", "money", "number", "email", "url",
)  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """One checkable thing said: its kind, its words as written, and for a figure its value."""

    kind: str
    text: str
    value: float = 0.0
    scaled: float = 0.0
    timely: bool = False  # a duration ("three years"): may be the distance of two given years


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(
    r"\bhttps?://[^\s<>()\"']+|\bwww\.[^\s<>()\"']+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|co|uk|edu|app|me)(?:/[^\s<>()\"']*)?",
    re.I,
)
_CONNECTORS = {"of", "and", "&", "for", "the", "de", "da", "van", "von", "der", "du", "la"}
_PRONOUNS = {"i", "i'm", "i've", "i'd", "i'll", "i'am"}
# ordinary words that open sentences (a capital there says nothing); lower case, folded
_COMMON_WORDS = """
here's there's that's what's who's where's how's
a an the and but or so yet also then there here this that these those it its it's i i'm
i've i'd i'll my me mine we we're we've our us you your you're yes no not in on at by for
from with without to into onto of about after before during while since until over under
between through across around as if when where which who whom whose why how what whatever
whenever although though because besides beyond like unlike outside currently recently
previously today now later earlier finally first second third next lastly overall together
generally usually often sometimes always never mostly mainly primarily especially
particularly honestly sure absolutely definitely certainly well great good thanks thank hi
hello hey sorry unfortunately fortunately happily alongside along outside inside beyond
both each every all some many most several few other another such one two three four five
six seven eight nine ten my our their his her she he they them she's he's they're let's
let please feel ask happy glad nice yeah okay ok right indeed basically essentially
ultimately meanwhile otherwise still just only even day-to-day day as part outside apart
beyond based working having being doing getting using building leading making helping
learning earning completing studying before whether once again plus however therefore
moreover furthermore additionally instead being might may can could would should will
shall must do does did have has had is are was were be been am
"""
COMMON = set(_COMMON_WORDS.split())
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|our|us)\b", re.I)
# general knowledge: a short plain subject, then "is a / are widely ...", and no figure at all
_GENERAL = re.compile(
    r"^[\s\W]*(?:[\w'-]+\s){1,3}(?:is|are)\s+(?:a|an|one of|widely|commonly|generally|often|"
    r"usually|known|great|useful|popular|used|considered|designed)\b",
    re.I,
)
_TITLE_NOUNS = (
    "engineer|scientist|analyst|developer|manager|director|consultant|architect|intern|"
    "designer|researcher|lecturer|professor|teacher|officer|founder|co-founder|administrator|"
    "specialist|technician|programmer|coordinator|executive|advisor|adviser|strategist|"
    "student|fellow|president|ceo|cto|cfo|vp"
)
_TITLE_RE = re.compile(
    rf"\b((?:[a-z][\w-]*\s+){{0,2}}(?:{_TITLE_NOUNS})s?)\b",
)
_TITLE_HINT = re.compile(rf"(?:{_TITLE_NOUNS})s?\b")
_LINKY = re.compile(r"://|www\.|\.(?:com|org|net|io|dev|ai|co|uk|edu|app|me)\b", re.I)
_TITLE_DROP = COMMON | {"an", "a", "the", "senior", "junior", "lead", "other", "fellow", "new"}
_DEGREE_RE = re.compile(
    r"\b(ph\.?\s?d\.?|doctorate|doctoral|master'?s|m\.?sc|mba|mphil|m\.?eng|bachelor'?s|"
    r"b\.?sc|b\.?eng|b\.?a\.|m\.?a\.|associate'?s degree|diploma|a-levels?|gcses?)(?![\w])",
    re.I,
)


def about_owner(sentence: str, owner_words: frozenset[str]) -> bool:
    """Whether a sentence may say something about the owner: unless it names neither the
    owner nor "I/my/we" and reads as general knowledge ("X is a popular ...")."""
    if _FIRST_PERSON.search(sentence):
        return True
    if owner_words and owner_words & {fold(m.group(0)) for m in raw_words(sentence)}:
        return True
    return not _GENERAL.search(sentence) or any(c.isdigit() for c in sentence)


def claims(sentence: str, owner_words: frozenset[str] = frozenset()) -> list[Claim]:
    """The checkable claims of one sentence (none for general knowledge not about the owner)."""
    if not about_owner(sentence, owner_words):
        return []
    found: list[Claim] = []
    text = sentence
    for pattern, kind, hint in ((EMAIL_RE, EMAIL, "@" in text), (URL_RE, URL, _LINKY.search(text))):
        if hint:
            for m in pattern.finditer(text):
                found.append(Claim(kind, m.group(0).rstrip(".,;:!?")))
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    for f in figures(text):
        if f.kind in (YEAR, PERCENT, MONEY):
            found.append(Claim(f.kind, f.text, f.value, f.scaled, f.timely))
        elif f.value > 10 or f.value != int(f.value) or f.timely:
            found.append(Claim(NUMBER, f.text, f.value, f.scaled, f.timely))
    for m in _DEGREE_RE.finditer(text):
        found.append(Claim(DEGREE, m.group(1)))
    found.extend(_names(text))
    for m in _TITLE_RE.finditer(text) if _TITLE_HINT.search(text) else ():
        kept = [w for w in m.group(1).split() if w not in _TITLE_DROP]
        if kept:
            found.append(Claim(TITLE, " ".join(kept)))
    return found


def _names(text: str) -> list[Claim]:
    """Runs of capitalised words ("University of Sheffield", "Northwind Freight", "AWS")."""
    out: list[Claim] = []
    run: list[str] = []
    pending: list[str] = []  # connectors waiting for the next capitalised word
    last_end = -1
    first = True
    for m in raw_words(text):
        word = m.group(0)
        gap = text[last_end : m.start()] if last_end >= 0 else ""
        broken = last_end >= 0 and gap.strip() not in ("",)
        last_end = m.end()
        if broken:
            _close(run, out)
            run, pending = [], []
        lowered = fold(word)
        capital = not word[0].isdigit() and not word.islower()
        if first:
            first = False
            if lowered in COMMON or lowered in _PRONOUNS or lowered.endswith("ly"):
                continue
        if capital and not run and lowered in COMMON:
            continue  # "This", "The" after a colon or a dash open a clause, not a name
        if capital and lowered not in _PRONOUNS:
            run.extend(pending)
            pending = []
            run.append(word)
        elif run and lowered in _CONNECTORS:
            pending.append(word)
        else:
            _close(run, out)
            run, pending = [], []
    _close(run, out)
    return out


def _close(run: list[str], out: list[Claim]) -> None:
    if run:
        out.append(Claim(NAME, " ".join(run)))
