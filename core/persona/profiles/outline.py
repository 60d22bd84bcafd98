"""The outline of a large profile: every section and the titles of its entries, in a few lines.

A large profile reaches the model as the chunks retrieved for each question, and a question in
other words than the profile ("which uni?", "all your employers", "what's in your toolbox?")
can miss the chunk that answers it. The outline is sent in the constant first message (so a
prefix cache serves it) beside the identity core: each section's name with its entries' titles
(a job's title, employer and dates; a project's name), or, for a section that is one block, its
first lines. The model then knows what the profile holds, and its retrieved FACTS give the
detail.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.persona.profiles.profile import Chunk, Profile

LINE_CHARS = 360  # one section's line, at most
ITEM_CHARS = 90  # one entry's title, at most
BLOCK_CHARS = 110  # what a one-block section shows of its text
LEARNED_SECTION = "learned facts"  # the owner's answers to gaps (core/owner/learned.py)
_PART = re.compile(r"\s*\(part \d+\)$")
_BULLET = re.compile(r"^[\s*•·-]+")


def outline(profile: Profile) -> str:
    """The outline's lines ("- Experience: Data Engineer at ...; ..."), "" for no chunks."""
    return _outline(profile.chunks)


@lru_cache(maxsize=8)
def _outline(chunks: tuple[Chunk, ...]) -> str:
    sections: dict[str, list[str]] = {}
    for chunk in chunks:
        if chunk.section == LEARNED_SECTION:
            continue  # retrieved when asked: a fact learned keeps the cached answers it spares
        items = sections.setdefault(chunk.section, [])
        item = _item(chunk)
        if item and item not in items:
            items.append(item)
    lines = []
    for section, items in sections.items():
        name = section.replace("_", " ").capitalize()
        lines.append(_cut(f"- {name}: " + "; ".join(items), LINE_CHARS))
    return "\n".join(lines)


def _item(chunk: Chunk) -> str:
    title = _PART.sub("", chunk.title).strip()
    if title.casefold() != chunk.section.replace("_", " ").casefold():
        return _cut(title, ITEM_CHARS)
    first = " ".join(
        _BULLET.sub("", line).strip() for line in chunk.text.splitlines() if line.strip()
    )
    return _cut(first, BLOCK_CHARS)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ;,") + "…"
