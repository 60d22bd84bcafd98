"""Members' votes on answers (the feedback buttons): stored, then handed to listeners.

`FeedbackBook.record` keeps one vote per member per answer (the last click wins) and tells each
subscriber what happened, with the question and answer the vote is about, so that a thumbs-down
can become an owner card. A failing listener is logged and never breaks the others or the vote.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.clock import WallClock
from core.store.records_feedback import AnswerRecord, FeedbackRow

if TYPE_CHECKING:
    from core.store.base import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Feedback:
    """One click on a feedback button, after it was stored."""

    vote: FeedbackRow
    previous: bool | None  # the member's vote before this click (None: first vote)
    answer: AnswerRecord | None  # what was asked and answered (None: unknown answer id)

    @property
    def changed(self) -> bool:
        """True when the click is a new vote or flips the old one (not a repeat)."""
        return self.previous is None or self.previous != self.vote.helpful


FeedbackListener = Callable[[Feedback], Awaitable[None]]


class FeedbackBook:
    """Stores votes and fans them out to subscribers (`subscribe(listener)`)."""

    def __init__(self, store: Store, wall: WallClock) -> None:
        self._store = store
        self._wall = wall
        self._listeners: list[FeedbackListener] = []

    def subscribe(self, listener: FeedbackListener) -> None:
        """Call `listener` after every stored vote, in subscription order."""
        self._listeners.append(listener)

    async def record(self, platform: str, answer_id: str, user_id: str, helpful: bool) -> Feedback:
        """Store the vote (replacing the member's earlier one) and notify the listeners."""
        row = FeedbackRow(platform, answer_id, user_id, helpful, self._wall())
        previous = await self._store.record_feedback(row)
        feedback = Feedback(row, previous, await self._store.answer_record(answer_id))
        for listener in list(self._listeners):
            try:
                await listener(feedback)
            except Exception:
                log.exception("feedback listener failed for answer %s", answer_id)
        return feedback

    async def votes(self, answer_id: str) -> list[FeedbackRow]:
        """The standing votes on one answer."""
        return await self._store.feedback_for(answer_id)
