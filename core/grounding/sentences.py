"""Sentences out of a stream of text deltas: a sentence is complete once its end and the first
character after it are seen (". " and a capital, "!", "?", a line break), so "e.g. ", "Dr. ",
initials and decimals do not end one. Each sentence keeps the whitespace after it, so the
sentences of a text joined are the text itself."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n+")
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "prof", "st", "inc", "ltd", "co", "vs", "jr",
    "sr", "no", "approx", "dept", "u.s", "u.k", "ph.d", "b.sc", "m.sc", "b.a", "m.a", "corp",
    "est", "fig",
}  # fmt: skip


def _is_end(text: str, match: re.Match[str]) -> bool:
    """Whether `match` (a stop and the space after it) ends a sentence; the character after it
    is known (the caller waits for it)."""
    mark = match.group(0)
    if mark.startswith("\n"):
        return True
    if text[match.end()].islower():
        return False  # "Univ. of", "approx. five", "'Who are you?' or ..."
    if not mark.startswith("."):
        return True
    tail = text[max(0, match.start() - 24) : match.start()].rsplit(None, 1)
    word = tail[-1].lstrip("(\"'") if tail else ""
    if not word:
        return True
    if word.lower() in _ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isupper())  # an initial: "J. Smith"


class SentenceSplitter:
    """Feed deltas, get complete sentences; `rest()` gives what is left at the end."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, delta: str) -> list[str]:
        self._buffer += delta
        out: list[str] = []
        start = 0
        for match in _END.finditer(self._buffer):
            if match.end() == len(self._buffer):
                break  # what follows decides (and more whitespace may come)
            if _is_end(self._buffer, match):
                out.append(self._buffer[start : match.end()])
                start = match.end()
        self._buffer = self._buffer[start:]
        return out

    def rest(self) -> str:
        rest, self._buffer = self._buffer, ""
        return rest


def split(text: str) -> list[str]:
    """The sentences of a whole text (joined, they are the text)."""
    splitter = SentenceSplitter()
    out = splitter.feed(text)
    rest = splitter.rest()
    return [*out, rest] if rest else out
