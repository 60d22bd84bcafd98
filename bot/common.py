"""Helpers every adapter shares: splitting long answers into platform-sized messages without
breaking code fences, and the error that stops a platform from starting."""

from __future__ import annotations

FENCE = "```"


def cut_point(text: str, limit: int) -> int:
    """Where to cut `text` (longer than `limit`): a paragraph, a line, a word, else hard."""
    window = text[:limit]
    for sep in ("\n\n", "\n", " "):
        at = window.rfind(sep)
        if at > limit // 3:
            return at + len(sep)
    return limit


def split_message(text: str, limit: int) -> list[str]:
    """Split `text` into pieces of at most `limit` characters.

    Cuts prefer paragraph, then line, then word boundaries. A code block cut in two is
    closed at the end of one piece and reopened (with its language) at the start of the next.
    """
    if limit < 20:
        raise ValueError("limit too small to split sensibly")
    pieces: list[str] = []
    rest = text
    reopen = ""
    while rest:
        rest = reopen + rest
        if len(rest) <= limit:
            pieces.append(rest)
            break
        room = limit - len(FENCE) - 1  # keep space to close an open fence
        cut = cut_point(rest, room)
        piece, rest = rest[:cut], rest[cut:]
        reopen = ""
        open_fence = _open_fence(piece)
        if open_fence is not None:
            piece = piece.rstrip("\n") + "\n" + FENCE
            reopen = open_fence + "\n"
        pieces.append(piece.rstrip() or piece)
        rest = rest.lstrip("\n") if not reopen else rest
    return [p for p in pieces if p.strip()]


def _open_fence(piece: str) -> str | None:
    """The opening line of a fence left open at the end of `piece`, or None."""
    opening: str | None = None
    for line in piece.split("\n"):
        stripped = line.strip()
        if stripped.startswith(FENCE):
            opening = None if opening is not None else stripped
    return opening


class SetupError(Exception):
    """A platform cannot start; the message says which variable or setting to fix.

    `twin` prints it and exits with code 2 (unless `reported`: already said in the log).
    """

    reported: bool = False  # the supervisor of `twin run` logged it when the platform stopped
