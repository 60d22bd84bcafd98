"""Value types of the feedback records: one vote, and the answer it is about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FeedbackRow:
    """A member's standing vote on one answer (the last click)."""

    platform: str
    answer_id: str
    user_id: str
    helpful: bool
    at: datetime


@dataclass(frozen=True)
class AnswerRecord:
    """What was asked and answered, from the question record of `answer_id`."""

    answer_id: str
    at: datetime
    platform: str
    user_id: str  # who asked
    channel_id: str
    outcome: str  # answered | cached | degraded | ...
    model: str | None
    question: str
    answer: str
