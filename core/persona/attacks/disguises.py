"""The disguises an injection attempt wears, undone, so that one set of patterns reads them all.

`readings(question)` gives the question as typed (compatibility forms folded: fullwidth and
mathematical letters, ligatures; invisible characters dropped), then, where they differ, the
same text with look-alike letters from other scripts read as Latin inside Latin words ("іgnоrе"
with Cyrillic і, о, е), digits and signs read as letters ("1gn0r3"; 1 as i, as l, and as l
before an e only: "h1dd3n ru135"), spaced, dotted or hyphenated
letters joined ("i g n o r e", "s.y.s.t.e.m", "instruc-tions"), quoted pieces added together
joined ("'sys' + 'tem'"), and what encoded runs say: Base64, hex, %-escapes, HTML entities,
Unicode tag characters, and ROT13 or reversed text where that reads as an attempt's words.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import unquote_plus

__all__ = ["readings"]

# Zero-width and other invisible characters (format controls, joiners, fillers, selectors).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
_TAGS = re.compile("[\U000e0000-\U000e007f]+")  # invisible copies of ASCII ("tag smuggling")

# Letters of other scripts that look like Latin ones (Cyrillic, Greek), as Latin.
_LOOKALIKE = str.maketrans(
    "аеіјорсухѕԁԛԝһӏɡкмнтвАВЕІЈКМНОРСТУХЅ"  # Cyrillic
    "αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",  # Greek
    "aeijopcyxsdqwhlgkmhtbABEIJKMHOPCTYXSaeikvoptuxABEZHIKMNOPTYX",
)
_LATIN = re.compile(r"[a-z]", re.I)
_OTHER = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0261]")
_WORD = re.compile(r"\S+")

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "i", "€": "e", "£": "l"})  # fmt: skip
_LEET_L = {**_LEET, ord("1"): "l"}
_LEET_SIGN = re.compile(r"[0-9@$!|€£]")
_SPACED = re.compile(r"\b\w(?P<gap>[ ._*\-/+])(?:\w(?P=gap)){2,}\w\b")  # i g n o r e, s.y.s.t.e.m
_SPACER = re.compile(r"[ ._*\-/+]")
_INNER = re.compile(r"(?<=[^\W\d_])[-*_~^·•](?=[^\W\d_])")  # instruc-tions, pro*mpt
_GLUED = re.compile(r"""(?<=\w)['"`]\s*\+\s*['"`](?=\w)""")  # 'sys' + 'tem'

_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_HEX = re.compile(r"\b(?:[0-9a-fA-F]{2}[\s:,]?){8,}")
_ESCAPED = re.compile(r"%[0-9a-fA-F]{2}")
_ENTITY = re.compile(r"&#?\w+;")
# The words an attempt is made of: a decoded reading is kept only when it says more of them.
_TELLING = re.compile(
    r"ignor|instruc|prompt|system|rules|reveal|previous|disregard|guideline|secret|password|"
    r"forget|bypass|override|hidden|config|jailbreak|restrict"
)  # on lower-case text


def _mixed(text: str, marks: re.Pattern[str], table: Mapping[int, str | int | None]) -> str:
    """Words that mix Latin letters with `marks`, translated by `table`; other words as typed."""
    if not marks.search(text):
        return text
    return _WORD.sub(
        lambda m: (
            m.group(0).translate(table)
            if marks.search(m.group(0)) and _LATIN.search(m.group(0))  # few words hold marks
            else m.group(0)
        ),
        text,
    )


def _folded(text: str) -> str:
    """Look-alike letters read as Latin in words that mix them with Latin letters."""
    return _mixed(text, _OTHER, _LOOKALIKE)


def _unleet(text: str, ones: str = "i") -> str:
    """Digits and signs standing for letters read as letters, in words that mix the two; 1 is
    read as `ones`."""
    return _mixed(text, _LEET_SIGN, _LEET if ones == "i" else _LEET_L)


_ONE_BEFORE_E = re.compile(r"1(?=[3e])", re.I)


def _unleet_by_letter(text: str) -> str:
    """Digits and signs read as letters, 1 as l before an e ("ru135": rules) and as i elsewhere
    ("h1dd3n": hidden), so one reading holds words that read 1 either way."""
    return _WORD.sub(
        lambda m: (
            _ONE_BEFORE_E.sub("l", m.group(0)).translate(_LEET)
            if _LATIN.search(m.group(0)) and _LEET_SIGN.search(m.group(0))
            else m.group(0)
        ),
        text,
    )


# The words an attempt cannot do without, known again when misspelled ("instrucitons", "promt",
# "sytem"): same first letter, same consonants, length within two.
_KEYWORDS = (
    "instructions", "instruction", "prompt", "prompts", "system", "ignore", "previous",
    "guidelines", "disregard", "restrictions", "reveal", "directives", "configuration",
    "override", "forget",
)  # fmt: skip
_VOWELS = frozenset("aeiouy")


def _shape(word: str) -> tuple[str, frozenset[str]]:
    return word[0], frozenset(word) - _VOWELS


_BY_SHAPE = {_shape(k): k for k in _KEYWORDS}
_LONG_WORD = re.compile(r"[a-z]{4,}")


def _respelled(text: str) -> str:
    """Misspelled key words spelled right."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        key = _BY_SHAPE.get(_shape(word))
        return key if key and key != word and abs(len(key) - len(word)) <= 2 else word

    return _LONG_WORD.sub(fix, text.lower())


def _joined(text: str) -> str:
    """Spaced, dotted and hyphenated letters joined; quoted pieces added together joined."""
    text = _SPACED.sub(lambda m: _SPACER.sub("", m.group(0)), text)
    text = _INNER.sub("", text)
    return _GLUED.sub("", text)


def _printable(plain: str) -> bool:
    return plain.isprintable() and sum(c.isalpha() for c in plain) * 2 > len(plain)


def _decoded(text: str) -> list[str]:
    """What encoded runs in the text say, where they decode to readable text."""
    found = []
    for run in _BASE64.findall(text):
        try:
            plain = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if _printable(plain):
            found.append(plain)
    for run in _HEX.findall(text):
        try:
            plain = bytes.fromhex(re.sub(r"[\s:,]", "", run)).decode("utf-8")
        except ValueError:
            continue
        if _printable(plain):
            found.append(plain)
    if len(_ESCAPED.findall(text)) >= 2:
        found.append(unquote_plus(text))
    if _ENTITY.search(text):
        found.append(html.unescape(text))
    return found


def _turned(text: str) -> list[str]:
    """ROT13 and reversed text, where either says more of an attempt's words than as typed."""
    low = text.lower()
    telling = -1  # counted only when a turned text says any of the words at all
    out = []
    for turned in (codecs.encode(low, "rot13"), low[::-1]):
        if _TELLING.search(turned):
            if telling < 0:
                telling = len(_TELLING.findall(low))
            if len(_TELLING.findall(turned)) > telling:
                out.append(turned)
    return out


def readings(question: str) -> tuple[str, ...]:
    """The question as typed, and as it reads with its disguises undone (see the module)."""
    raw = unicodedata.normalize("NFKC", question)
    hidden = "".join(chr(ord(c) - 0xE0000) for c in "".join(_TAGS.findall(raw)))
    raw = _INVISIBLE.sub("", _TAGS.sub("", raw))
    text = " ".join(raw.split())
    out = [text]
    plain = " ".join(_joined(_unleet(_folded(raw))).split())  # spaced words keep wider gaps
    other = _unleet(_folded(raw), ones="l") if "1" in raw else ""  # 1 for l ("ru13s")
    both = _unleet_by_letter(_folded(raw)) if _ONE_BEFORE_E.search(raw) else ""
    spelled = _respelled(plain)
    spelled = "" if spelled == plain.lower() else spelled
    for extra in (plain, other, both, spelled, hidden, *_decoded(text), *_turned(plain)):
        extra = " ".join(extra.split())
        if extra and extra not in out:
            out.append(extra)
    return tuple(out)
