"""Drafts of chunks and the small text helpers the profile readers share.

A reader turns a profile into `Draft`s (id, title, text, section, tags); `load_profile` then
finishes them into `Chunk`s. Long text is split here so no chunk exceeds `MAX_CHUNK_WORDS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHUNK_WORDS = 240  # long sections are split so retrieval stays precise and prompts small


def norm_key(key: str) -> str:
    """A key or label in snake_case, lower case: `contactInfo`, `Contact info` -> `contact_info`."""
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key))
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


@dataclass
class Draft:
    """A chunk before scrubbing, de-duplication and unique ids."""

    id: str
    title: str
    text: str
    section: str
    tags: tuple[str, ...] = ()


def word_count(text: str) -> int:
    return len(text.split())


def _split_long_line(line: str) -> list[str]:
    if word_count(line) <= MAX_CHUNK_WORDS:
        return [line]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.!?;])\s+", line):
        words = sentence.split()
        while len(words) > MAX_CHUNK_WORDS:  # a single huge "sentence"
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(words[:MAX_CHUNK_WORDS]))
            words = words[MAX_CHUNK_WORDS:]
        if current and len(current) + len(words) > MAX_CHUNK_WORDS:
            pieces.append(" ".join(current))
            current = []
        current += words
    if current:
        pieces.append(" ".join(current))
    return pieces


def drafts_from_lines(
    lines: list[str], title: str, section: str, base_id: str, tags: tuple[str, ...] = ()
) -> list[Draft]:
    groups: list[list[str]] = []
    size = 0
    for line in (piece for raw in lines for piece in _split_long_line(raw)):
        words = word_count(line)
        if not groups or size + words > MAX_CHUNK_WORDS:
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += words
    drafts = []
    for n, group in enumerate(groups, 1):
        text = "\n".join(group).strip()
        if not text:
            continue
        chunk_id = base_id if n == 1 else f"{base_id}-part{n}"
        chunk_title = title if n == 1 else f"{title} (part {n})"
        drafts.append(Draft(chunk_id, chunk_title, text, section, tags))
    return drafts


def slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", str(text).lower()).strip("-")[:48].rstrip("-") or "chunk"
