"""Value types of the owner loop's tables: gap groups, who asked (and where to reply), cards,
answer sources. Plain frozen dataclasses; the SQL is in `core.store.sql_owner`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

OPEN = "open"
ANSWERED = "answered"
PRIVATE = "private"
IGNORED = "ignored"

KIND_GAP = "gap"  # the profile did not cover a question
KIND_THUMBS_DOWN = "thumbs_down"  # a member voted an answer down
KIND_HELD_CLAIM = "held_claim"  # the model wanted to say something the profile does not hold


@dataclass(frozen=True)
class GapAsk:
    """One person asking a question the twin could not answer, and where to answer them."""

    at: datetime
    platform: str
    user_id: str
    question: str
    channel_id: str = ""
    reply_to: str = ""  # Slack thread ts / Discord message id; empty = the channel or DM itself
    request_id: str = ""


@dataclass(frozen=True)
class GapGroupRow:
    """A stable group of like questions (its id is what `twin gaps` shows and commands take)."""

    id: int
    kind: str
    created_at: datetime
    last_asked: datetime
    example: str
    terms: frozenset[str]
    status: str = OPEN
    detail: str = ""  # thumbs-down: the answer that was voted down
    carded_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: str = ""
    answer: str = ""
    count: int = 0  # how many asks the group has
    askers: int = 0  # distinct people
    questions: tuple[str, ...] = field(default_factory=tuple)  # distinct wordings, newest first


@dataclass(frozen=True)
class PendingReply:
    """An asker still to be sent the owner's own words."""

    ask_id: int
    group_id: int
    platform: str
    user_id: str
    channel_id: str
    reply_to: str
    question: str
    answer: str


@dataclass(frozen=True)
class AnswerSources:
    """Which profile facts an answer was given, and which model wrote it (for /twin-why). No
    text of the question: that stays in the question record alone (and goes with its retention)."""

    request_id: str
    at: datetime
    platform: str
    channel_id: str
    conversation: str
    model: str | None
    facts: tuple[tuple[str, str], ...]  # (chunk id, heading) of every fact in the prompt
    used: tuple[str, ...]  # chunk ids retrieval picked for the question (best first)
    user_id: str = ""  # who asked
    reply_to: str = ""  # Slack thread ts / Discord message id of the question
