"""Load a twin's profile (the digitaltwin.json layout, any JSON object, or Markdown) into chunks.

`load_profile` reads the file, picks the reader (`profile_json` or `profile_markdown`) and
finishes their drafts into `Chunk`s: scrubbed, de-duplicated, with unique ids and a fingerprint.
Private data is removed *before* chunking, so it can never reach a prompt; the rules (and the
private-path syntax) live in `privacy`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from core.persona.profiles.chunks import Draft
from core.persona.profiles.profile_json import read_json
from core.persona.profiles.profile_markdown import read_markdown
from core.privacy.privacy import drop_pay_sentences, mentions_pay
from core.privacy.withheld import Borderline, Redactor, Withheld, split_private


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of public profile text."""

    id: str
    title: str
    text: str
    section: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A loaded profile: only public text, in chunks."""

    name: str  # e.g. "Maya Okafor"
    headline: str  # e.g. "Data engineer in Leeds"
    chunks: tuple[Chunk, ...]
    fingerprint: str  # sha256 of the public content: changes when the profile changes
    source: Path
    warnings: tuple[str, ...] = ()  # e.g. a private path that matched nothing
    # for `twin privacy`: every private value kept out, values `[persona] public` let through,
    # kept sentences that look close to private (never in a repr)
    withheld: tuple[Withheld, ...] = field(default=(), repr=False)
    released: tuple[Withheld, ...] = field(default=(), repr=False)
    borderline: tuple[Borderline, ...] = field(default=(), repr=False)

    @cached_property
    def public_chars(self) -> int:
        """Characters of public text (titles and texts): decides whole-profile prompts. Worked
        out once per profile (a reload makes a new one)."""
        return sum(len(c.title) + len(c.text) + 1 for c in self.chunks)


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file and what is wrong (and, once
    `pointed_by` names it, the config key that chose the file)."""

    def __init__(self, path: Path, problem: str, origin: str = "") -> None:
        self.path = path
        self.problem = problem
        self.origin = origin  # e.g. "[persona] profile in ./config.toml"
        super().__init__(f"{origin}: {path}: {problem}" if origin else f"{path}: {problem}")

    def pointed_by(self, origin: str) -> ProfileError:
        """The same error, saying which setting pointed at the file."""
        return ProfileError(self.path, self.problem, origin)


NO_NAME_MARKDOWN = (
    'no name found: start the file with a "# Your Name" heading, or set'
    ' [persona] name = "Your Name" in the config'
)
NO_NAME_JSON = (
    'no name found (a "name" under "personal" or "basics", or at the top level): set'
    ' [persona] name = "Your Name" in the config so the twin can introduce itself'
)


def load_profile(
    path: Path, private: Sequence[str] = (), public: Sequence[str] = (), *, name: str = ""
) -> Profile:
    """Read a profile file; `.json` / `.md` / `.markdown` by extension, otherwise sniffed.

    `private`: field paths (and phrases) to withhold besides the built-in rules; `public`:
    phrases whose values the rules withheld by mistake (see `withheld`). `name` (the config's
    `[persona] name`) replaces the name the file gives; a Markdown file with neither is an
    error, a JSON one only a warning."""
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        raise ProfileError(path, "the file is empty")
    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (
        suffix not in _MARKDOWN_SUFFIXES and text.lstrip()[:1] in ("{", "[")
    )
    warnings: list[str] = []
    paths, phrases = split_private(private)
    redactor = Redactor(public, phrases)
    if is_json:
        found, headline, drafts = read_json(_parse_json(path, text), paths, warnings, redactor)
    else:
        found, headline, drafts = read_markdown(text, paths, warnings, redactor)
    chunks = _finish(drafts, redactor)
    if not chunks:
        raise ProfileError(path, "no usable public text found (is every section private or empty?)")
    name = " ".join(name.split()) or found
    if not name.strip():
        if not is_json:
            raise ProfileError(path, NO_NAME_MARKDOWN)
        warnings.append(NO_NAME_JSON)
    name, headline = redactor.redact(name, "name"), redactor.redact(headline, "headline")
    return Profile(
        name=name,
        headline=headline,
        chunks=chunks,
        fingerprint=_fingerprint(name, headline, chunks),
        source=path,
        warnings=tuple(f"{path}: {w}" for w in warnings),
        withheld=tuple(redactor.withheld),
        released=tuple(redactor.released),
        borderline=tuple(redactor.borderline),
    )


# --- reading ------------------------------------------------------------------------------

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(path, "file not found") from None
    except IsADirectoryError:
        raise ProfileError(path, "is a directory, not a profile file") from None
    except OSError as exc:
        raise ProfileError(path, f"cannot read the file ({exc.strerror or 'OS error'})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (Windows PowerShell output)
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ProfileError(path, "starts like UTF-16 but cannot be decoded") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            path, f"not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from None


def _parse_json(path: Path, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ProfileError(path, "invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        raise ProfileError(path, f"expected a JSON object at the top level, got {kind}")
    return data


# --- finishing ----------------------------------------------------------------------------


def _norm_text(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _finish(drafts: list[Draft], redactor: Redactor) -> tuple[Chunk, ...]:
    """Redact, drop empty and duplicate texts, make ids unique."""
    cleaned = []
    for d in drafts:
        where = f"{d.title} [{d.id}]"
        text = drop_pay_sentences(redactor.redact(d.text, where), redactor, where).strip()
        if _norm_text(text):
            tags = tuple(redactor.redact(t, where) for t in d.tags if not mentions_pay(t))
            title = redactor.redact(d.title, where)
            cleaned.append(replace(d, title=title, text=text, tags=tags))
    keys = [_norm_text(d.text) for d in cleaned]
    words = [
        set(_norm_text(f"{d.title} {d.text} {d.section} {' '.join(d.tags)}").split())
        for d in cleaned
    ]

    def repeats(i: int, j: int) -> bool:
        """Chunk i says nothing chunk j does not: same (or contained) text, no new title words."""
        if i == j or not set(_norm_text(cleaned[i].title).split()) <= words[j]:
            return False
        if keys[i] == keys[j]:
            return j < i  # of identical texts keep the first
        return len(keys[i]) >= 40 and keys[i] in keys[j]

    kept = [d for i, d in enumerate(cleaned) if not any(repeats(i, j) for j in range(len(cleaned)))]
    chunks: list[Chunk] = []
    ids: set[str] = set()
    for d in kept:
        chunk_id, n = d.id, 1
        while chunk_id in ids:
            n += 1
            chunk_id = f"{d.id}-{n}"
        ids.add(chunk_id)
        chunks.append(Chunk(chunk_id, d.title, d.text, d.section, d.tags))
    return tuple(chunks)


def _fingerprint(name: str, headline: str, chunks: tuple[Chunk, ...]) -> str:
    payload = [name, headline, [[c.id, c.title, c.text, c.section, list(c.tags)] for c in chunks]]
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
