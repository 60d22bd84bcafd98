"""Topics the owner chose to keep private from the owner cards (**Keep private**).

A stand-in for the declined-private list of the privacy issue (#16) until the two meet: the
topics are the closed-private gap groups in the store (so they hold across restarts and
processes), matched by the same likeness as gap grouping. A question on one of them is declined
politely without a model call.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.insight.gaps import question_terms, similar_terms

DECLINE = "That's something I keep private - ask me about my work, projects or studies instead."


class PrivateTopics:
    """The owner's keep-private topics, as term sets."""

    def __init__(self, topics: Iterable[frozenset[str]] = ()) -> None:
        self._topics: list[frozenset[str]] = [t for t in topics if t]

    def add(self, terms: frozenset[str]) -> None:
        if terms and terms not in self._topics:
            self._topics.append(terms)

    def matches(self, question: str) -> bool:
        """True when the question is like a topic the owner keeps private."""
        if not self._topics:
            return False
        asked = question_terms(question)
        return any(similar_terms(asked, topic) for topic in self._topics)

    def __len__(self) -> int:
        return len(self._topics)
