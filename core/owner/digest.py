"""The owner's weekly digest: the week's unanswered topics, the answers members voted down,
and the profile facts no question used in the last 60 days. A report value built here;
adapters render it (a Slack card, a Discord embed). Sent once per ISO week, the week claimed
in the store first so several processes send it once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.persona.profiles.profile import Profile
from core.store.base import Store
from core.store.owner_records import KIND_GAP, OPEN

WEEK = timedelta(days=7)
UNUSED_AFTER = timedelta(days=60)
MAX_ITEMS = 10


@dataclass(frozen=True)
class DigestGap:
    group_id: int
    question: str
    asks: int


@dataclass(frozen=True)
class DigestDownvote:
    question: str
    answer: str
    votes: int  # thumbs-down votes on it this week


@dataclass(frozen=True)
class WeeklyDigest:
    generated_at: datetime
    week: str  # ISO week, e.g. "2026-W48"
    unanswered: tuple[DigestGap, ...] = field(default_factory=tuple)
    thumbs_down: tuple[DigestDownvote, ...] = field(default_factory=tuple)
    unused_facts: tuple[str, ...] = field(default_factory=tuple)  # headings
    unused_total: int = 0

    @property
    def empty(self) -> bool:
        return not (self.unanswered or self.thumbs_down or self.unused_facts)


def iso_week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


async def build_digest(store: Store, profile: Profile, now: datetime) -> WeeklyDigest:
    since = now - WEEK
    gaps = [
        DigestGap(g.id, g.example, g.count)
        for g in await store.gap_groups(OPEN, limit=500)
        if g.kind == KIND_GAP and g.last_asked >= since
    ]
    gaps.sort(key=lambda g: (-g.asks, -g.group_id))
    down: dict[str, int] = {}
    for vote in await store.feedback_since(since):
        if not vote.helpful:
            down[vote.answer_id] = down.get(vote.answer_id, 0) + 1
    downvotes = []
    for answer_id, votes in sorted(down.items(), key=lambda kv: -kv[1])[:MAX_ITEMS]:
        record = await store.answer_record(answer_id)
        if record is not None:
            downvotes.append(DigestDownvote(record.question, record.answer, votes))
    used = await store.used_chunk_ids(now - UNUSED_AFTER)
    unused = list(dict.fromkeys(c.title for c in profile.chunks if c.id not in used))
    return WeeklyDigest(
        generated_at=now,
        week=iso_week(now),
        unanswered=tuple(gaps[:MAX_ITEMS]),
        thumbs_down=tuple(downvotes),
        unused_facts=tuple(unused[:MAX_ITEMS]),
        unused_total=len(unused),
    )
