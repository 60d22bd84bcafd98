"""Quotes of the profile in an answer without a model: one quote per section, trimmed at a
sentence or a word, and no quote that only rewords an earlier one (a fact said in a section and
again in a reworded chunk is quoted once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.persona.profiles.profile import Chunk
from core.persona.search.retrieval import terms

MAX_QUOTES = 2
EXCERPT_CHARS = 300  # one quote, as the answer without a model quotes
SAME_FACT = 0.6  # share of a quote's terms already said that makes it a repeat


@dataclass(frozen=True)
class Quote:
    """One quote: the section's title and the words quoted from it."""

    title: str
    text: str
    source: str  # everything the quoted chunk says, to spot rewordings of it

    def render(self) -> str:
        return f'- {self.title}: "{self.text}"'


def trim(text: str, limit: int) -> str:
    """`text` in one line, cut at a sentence (or a word, marked "…") to fit `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind("; "))
    if sentence_end >= limit * 0.5:
        return cut[: sentence_end + 1].rstrip(";") + " …"
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut + "…"


def quote(chunk: Chunk, text: str) -> Quote:
    """A quote of `text` from `chunk`."""
    return Quote(chunk.title, text, f"{chunk.title}\n{chunk.text}")


def shared(one: str, other: str) -> float:
    """Share of the smaller text's terms that the other has too (1.0: says nothing new)."""
    a, b = set(terms(one)), set(terms(other))
    small = min(len(a), len(b))
    if not small:
        return 1.0 if not a else 0.0
    share = len(a & b) / small
    return share if small >= 4 or share == 1.0 else 0.0


def repeats(new: Quote, said: Sequence[Quote]) -> bool:
    """Does `new` only reword what an earlier quote (or the chunk it came from) says?"""
    mine = f"{new.title} {new.text}"
    return any(
        max(shared(mine, f"{q.title} {q.text}"), contained(mine, q.source)) >= SAME_FACT
        for q in said
    )


def contained(small: str, big: str) -> float:
    a, b = set(terms(small)), set(terms(big))
    return len(a & b) / len(a) if a else 1.0


def distinct(quotes: Sequence[Quote], limit: int = MAX_QUOTES) -> list[Quote]:
    kept: list[Quote] = []
    for q in quotes:
        if len(kept) < limit and q.text and not repeats(q, kept):
            kept.append(q)
    return kept
