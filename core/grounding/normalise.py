"""The ordinary variations two wordings of one fact differ by, folded away: case, accents,
curly quotes and dashes, inflection ("pipelines" / "pipeline", "led" stays "led"), and numbers
written as words or digits, with or without thousands separators, units and multipliers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})
_WORD = re.compile(r"[^\W_](?:[\w+#]|['.&](?=[\w]))*[+#]*")


def fold(text: str) -> str:
    """Lower case without accents, with straight quotes and plain hyphens."""
    if text.isascii():
        return text.lower()
    text = text.translate(_QUOTES)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.casefold()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light stem of a folded word: plural, possessive and common verb endings dropped."""
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("s'"):
        word = word[:-1]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + keep
    if word.endswith("ing") and len(word) > 5:
        return _undouble(word[:-3])
    if word.endswith("ed") and len(word) > 4:
        return _undouble(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word.removesuffix("e")


def words(text: str) -> list[str]:
    """The folded, stemmed words of `text`, in order."""
    return [stem(w.strip(".'-&")) for w in _WORD.findall(fold(text))]


def raw_words(text: str) -> list[re.Match[str]]:
    """The words of `text` as matches (their case and place kept)."""
    return list(_WORD.finditer(text))


SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9,
    "billion": 1e9,
}  # fmt: skip
# words that say a share without a number: what a model may write for a profile's figure
SHARE_WORDS = {"half": 50.0, "halved": 50.0, "doubled": 100.0, "tripled": 200.0, "quarter": 25.0}
