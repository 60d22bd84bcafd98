"""The learned-facts file: the owner's own answers, in Markdown beside the profile.

One `##` heading per fact, naming the question it answers and the date; the owner's words
below it. The owner may edit it by hand: it is read like any Markdown profile (private headings
and labels left out) and merged into the profile as chunks whose ids start with `learned-`.
Appending is atomic (a temp file in the same folder, fsync, rename) under an advisory lock, so
the file is never half written and two processes appending at once both land.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from core.config import Config
from core.persona.profiles.outline import LEARNED_SECTION
from core.persona.profiles.profile import Profile, ProfileError, load_profile

LEARNED_PREFIX = "learned-"
HEADER = (
    "# Learned facts\n\n"
    "<!-- The owner's own answers to questions the twin could not answer. One heading per fact;\n"
    "     edit or delete freely, the twin picks changes up within seconds. -->\n"
)
MAX_ANSWER_CHARS = 4000  # an owner answer longer than this is refused (the text is handed back)


class LearnedWriteError(Exception):
    """The learned file could not be written; the message names the file and the cause."""


def learned_file(config: Config) -> Path:
    """The learned-facts file: `[persona] learned` (relative to the config file), else
    `<profile stem>.learned.md` beside the profile."""
    if config.persona.learned:
        return config.path.parent / config.persona.learned
    profile = config.persona.profile
    return profile.with_name(f"{profile.stem}.learned.md")


def fact_heading(question: str, day: datetime) -> str:
    """`Do you have a dog? (answered 2026-12-01)`: the question on one line, no Markdown marks."""
    one_line = " ".join(question.split()).lstrip("#").strip()
    if len(one_line) > 150:
        one_line = one_line[:149].rstrip() + "…"
    return f"{one_line or 'A question'} (answered {day.date().isoformat()})"


def _body(text: str) -> str:
    """The owner's text as Markdown body: no line may start a heading or hide in a comment."""
    lines = []
    for line in text.strip().splitlines():
        line = re.sub(r"^\s*#+\s*", "", line)
        lines.append(line.replace("<!--", "< !--").replace("-->", "-- >"))
    return "\n".join(lines).strip()


def render_fact(question: str, answer: str, day: datetime) -> str:
    return f"\n## {fact_heading(question, day)}\n\n{_body(answer)}\n"


def append_fact(path: Path, question: str, answer: str, day: datetime) -> None:
    """Add one fact to the file (created with a short header if missing). Blocking: run it in
    a thread. Raises `LearnedWriteError` naming the file when it cannot be written."""
    path = Path(path)
    lock_path = path.with_name(path.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                old = path.read_text(encoding="utf-8-sig") if path.exists() else HEADER
            except UnicodeDecodeError:
                raise LearnedWriteError(
                    f"{path}: not UTF-8 text; fix it before adding facts"
                ) from None
            new = old.rstrip("\n") + "\n" + render_fact(question, answer, day)
            _write_atomically(path, new)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LearnedWriteError(f"cannot write {path} ({reason})") from None


def _write_atomically(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def load_persona(
    profile_path: Path,
    learned_path: Path,
    private: Sequence[str] = (),
    *,
    name: str = "",
    public: Sequence[str] = (),
) -> Profile:
    """The profile with the learned facts merged in. Raises `ProfileError` naming the file that
    is wrong (the profile or the learned file); a missing or empty learned file is no facts.
    `name` is the config's `[persona] name`, `public` its `[persona] public` (see
    `load_profile`)."""
    profile = load_profile(profile_path, private, public, name=name)
    learned = _learned_chunks(Path(learned_path), private)
    if not learned:
        return profile
    chunks = (*profile.chunks, *learned.chunks)
    digest = hashlib.sha256(f"{profile.fingerprint}+{learned.fingerprint}".encode()).hexdigest()
    return replace(
        profile,
        chunks=chunks,
        fingerprint=digest,
        warnings=(*profile.warnings, *learned.warnings),
    )


def _learned_chunks(path: Path, private: Sequence[str]) -> Profile | None:
    try:
        if not path.exists() or not path.read_bytes().strip():
            return None
    except OSError as exc:
        raise ProfileError(path, f"cannot read the file ({exc.strerror or 'OS error'})") from None
    try:
        learned = load_profile(path, private, name="Learned facts")  # a heading is optional
    except ProfileError as exc:
        if "no usable public text" in exc.problem:
            return None  # only the header so far
        raise
    chunks = tuple(
        replace(c, id=LEARNED_PREFIX + c.id, section=LEARNED_SECTION)
        for c in learned.chunks
        if c.title != "About me"  # text before the first fact heading is the owner's notes
    )
    return replace(learned, chunks=chunks) if chunks else None
