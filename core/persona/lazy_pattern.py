"""A regular expression compiled the first time it is searched.

The detector's phrase tables (`injection_phrases`) are some forty large alternations: compiling
them all when the detector is imported was about a third of its import, while an ordinary
question runs next to none of them (the prefilter in `anchors` reads which patterns may match
from their anchors, worked out ahead, without the compiled pattern). `Searchable` is what the
detector and its prefilter read of a pattern, compiled or not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

__all__ = ["LazyPattern", "Searchable"]


class Searchable(Protocol):
    """A pattern's text and flags, and a search: a compiled pattern or a `LazyPattern`."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...

    def search(self, string: str, /) -> re.Match[str] | None: ...


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled at its first search; its `flags` are those the
    compiled pattern reports (a text pattern's include `re.UNICODE`), so it is known by the
    same key as the compiled pattern (`anchors.pattern_key`). Once compiled, `search` is the
    compiled pattern's own (no call in between)."""

    __slots__ = ("_compiled", "flags", "pattern", "search")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags | re.UNICODE)
        self._compiled: re.Pattern[str] | None = None
        self.search: Callable[[str], re.Match[str] | None] = self._first_search

    def _first_search(self, string: str, /) -> re.Match[str] | None:
        """Compile, search with the compiled pattern from now on, and search `string`."""
        compiled = self._compiled = re.compile(self.pattern, self.flags)
        self.search = compiled.search
        return compiled.search(string)
