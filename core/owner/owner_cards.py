"""Owner cards: which gap groups deserve a card now, and the values adapters render.

A card goes to the owner for an open group that has none yet, biggest and newest first, while
the day's count (kept in the store, so it holds across restarts and processes) is under
`[owner] cards_per_day`; the rest wait in `/twin-gaps`. `OwnerOutcome` is what the owner is told
after Answer / Keep private / Ignore; `OwnerReply` is the owner's own words on their way to one
person who asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.store.owner_records import KIND_HELD_CLAIM, KIND_THUMBS_DOWN, GapGroupRow

MAX_CARD_QUESTIONS = 5

ACTION_ANSWER = "answer"
ACTION_PRIVATE = "private"
ACTION_IGNORE = "ignore"
ACTIONS = (ACTION_ANSWER, ACTION_PRIVATE, ACTION_IGNORE)


@dataclass(frozen=True)
class OwnerCard:
    """One group of like questions for the owner to answer, keep private or ignore."""

    group_id: int
    kind: str  # "gap" | "thumbs_down" | "held_claim"
    questions: tuple[str, ...]  # distinct wordings, newest first (at most MAX_CARD_QUESTIONS)
    asks: int  # how many times it was asked
    askers: int  # by how many people
    first_asked: datetime
    last_asked: datetime
    detail: str = ""  # thumbs-down: the answer voted down; held claim: what the model wanted

    @property
    def title(self) -> str:
        if self.kind == KIND_THUMBS_DOWN:
            return "An answer got a thumbs-down"
        if self.kind == KIND_HELD_CLAIM:
            return "The model wanted to say something not in your profile"
        return "A question I couldn't answer"

    @property
    def detail_label(self) -> str:
        """How adapters label `detail` on the card."""
        if self.kind == KIND_HELD_CLAIM:
            return "Held back from the member (add it to your profile if it is true)"
        return "My answer was"

    @property
    def summary(self) -> str:
        people = f"{self.askers} {'person' if self.askers == 1 else 'people'}"
        times = f"{self.asks} time{'' if self.asks == 1 else 's'}"
        return f"Asked {times} by {people}"


@dataclass(frozen=True)
class OwnerOutcome:
    """What became of an owner's Answer / Keep private / Ignore, in a sentence for them."""

    ok: bool
    status: str  # answered | private | ignored | empty | too_long | closed | unknown | not_owner
    message: str
    group_id: int = 0
    kept_text: str = ""  # the owner's text when it was not used: nothing is lost
    delivered: int = 0  # askers sent the owner's words now


@dataclass(frozen=True)
class OwnerReply:
    """The owner's own words for one person who asked, and where to send them."""

    ask_id: int
    group_id: int
    platform: str
    user_id: str
    channel_id: str
    reply_to: str  # Slack thread ts / Discord message id; empty = the channel or DM itself
    question: str
    text: str  # the owner's words, unlabelled
    owner_name: str

    @property
    def labelled(self) -> str:
        """ "Maya answered this herself: …": the words clearly marked as the owner's own."""
        first = self.owner_name.split()[0] if self.owner_name.strip() else "The owner"
        return f"{first} answered this personally: {self.text}"


def card_for(group: GapGroupRow) -> OwnerCard:
    return OwnerCard(
        group_id=group.id,
        kind=group.kind,
        questions=group.questions[:MAX_CARD_QUESTIONS],
        asks=group.count,
        askers=group.askers,
        first_asked=group.created_at,
        last_asked=group.last_asked,
        detail=group.detail,
    )


def deserving(groups: Sequence[GapGroupRow], room: int) -> list[GapGroupRow]:
    """Open groups without a card, most asked and then newest first, at most `room` of them."""
    if room <= 0:
        return []
    waiting = [g for g in groups if g.status == "open" and g.carded_at is None]
    waiting.sort(key=lambda g: (-g.count, -g.last_asked.timestamp(), -g.id))
    return waiting[:room]


def day_key(at: datetime) -> str:
    """The UTC day a card counts against."""
    return at.date().isoformat()
