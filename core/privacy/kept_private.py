"""Topics the owner chose to keep private from an owner card (**Keep private**).

`PrivateTopics`' interface, but matched by likeness (the gap grouping's words), not by phrase:
a kept-private group is a set of wordings people actually used. They live in the store as the
closed-private gap groups, so they hold across restarts.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.owner.gaps import question_terms, similar_terms
from core.privacy.private_topics import DECLINE


class KeptPrivate:
    """The owner's keep-private topics, each a list of term sets (one per wording)."""

    def __init__(self) -> None:
        self._topics: dict[str, tuple[list[frozenset[str]], str]] = {}

    def add(self, name: str, phrases: Iterable[str], label: str = "") -> None:
        """A topic from the wordings people used; replaces one of the same name."""
        terms = [t for t in (question_terms(p) for p in phrases) if t]
        if terms:
            self._topics[name] = (terms, label or "that")

    def match(self, question: str) -> str | None:
        """The topic a question is like, or None."""
        if not self._topics:
            return None
        asked = question_terms(question)
        for name, (terms, _) in self._topics.items():
            if any(similar_terms(asked, t) for t in terms):
                return name
        return None

    def decline(self, name: str) -> str:
        label = self._topics[name][1] if name in self._topics else "that"
        return DECLINE.format(label=label)
