"""`/twin-why`: the facts that went into one answer's prompt and the model that wrote it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from core.clock import WallClock
from core.persona.profiles.profile import Profile
from core.persona.search.retrieval import Hit
from core.persona.search.sources import answer_sources
from core.store.base import Store
from core.store.owner_records import AnswerSources
from core.store.records import StoreUnavailable
from core.types import Question

log = logging.getLogger(__name__)

EXCERPT_CHARS = 160


@dataclass(frozen=True)
class WhyFact:
    id: str
    title: str
    excerpt: str  # the fact's text as the profile has it now ("" if it is gone)
    picked: bool  # retrieval picked it for this question (else it came with the whole profile)


@dataclass(frozen=True)
class WhyReport:
    request_id: str
    at: datetime
    question: str
    model: str | None  # None: answered without a model
    facts: tuple[WhyFact, ...]  # picked ones first

    @property
    def picked(self) -> tuple[WhyFact, ...]:
        return tuple(f for f in self.facts if f.picked)


def build_why(sources: AnswerSources, profile: Profile, question: str) -> WhyReport:
    texts = {c.id: c.text for c in profile.chunks}
    used = set(sources.used)
    facts = [
        WhyFact(
            id=chunk_id,
            title=title,
            excerpt=_excerpt(texts.get(chunk_id, "")),
            picked=chunk_id in used,
        )
        for chunk_id, title in sources.facts
    ]
    order = {chunk_id: i for i, chunk_id in enumerate(sources.used)}
    facts.sort(key=lambda f: (not f.picked, order.get(f.id, 0)))
    return WhyReport(
        request_id=sources.request_id,
        at=sources.at,
        question=question,
        model=sources.model,
        facts=tuple(facts),
    )


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


class AnswerLog:
    """Where answers were posted, and what each was given (`twin.answers`)."""

    def __init__(self, store: Store, wall: WallClock, profile: Callable[[], Profile]) -> None:
        self._store = store
        self._wall = wall
        self._profile = profile

    async def why(self, request_id: str) -> WhyReport | None:
        """The facts one answer was given and the model that wrote it (None: unknown)."""
        sources = await self._store.sources_of(request_id)
        if sources is None:
            return None
        record = await self._store.answer_record(request_id)
        return build_why(sources, self._profile(), record.question if record else "")

    async def for_message(
        self, platform: str, channel_id: str, message_id: str | None = None
    ) -> str | None:
        """The request a posted message answers; without `message_id`, the channel's last."""
        return await self._store.request_of_message(platform, channel_id, message_id)

    async def posted(
        self, platform: str, channel_id: str, message_id: str, request_id: str
    ) -> None:
        """Adapters say where an answer was posted (for /twin-why on a message link). While the
        store cannot write, the link is lost (one log line), never the answer already posted."""
        try:
            await self._store.link_answer_message(
                platform, channel_id, message_id, request_id, self._wall()
            )
        except StoreUnavailable as down:
            log.warning("answer %s: where it was posted not kept: %s", request_id, down.cause)

    async def record(
        self,
        question: Question,
        request_id: str,
        hits: Sequence[Hit],
        model: str | None,
        profile: Profile | None = None,
    ) -> None:
        """Keep which facts this answer was given (the prompt's, and retrieval's picks), from
        `profile` (default: the one answering now)."""
        profile = profile or self._profile()
        sources = answer_sources(question, request_id, hits, model, profile, self._wall())
        await self._store.record_sources(sources)
