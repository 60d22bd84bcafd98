"""The twin's privacy at run time, in one object the twin consults (`twin.privacy`): questions
on a private topic declined without a model call (and left out of the gap reports), which
questions' text may be stored (`[privacy] store_dm_text`), and members' text kept no longer
than `[privacy] retention_days` or forgotten on request. The purge runs once at start-up and
then whenever a question arrives after `purge_every_s`, so an idle twin does no work and tests
move a fake clock instead of sleeping.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from core.clock import WallClock
from core.insight.reports import GapsReport
from core.persona.answer_cache import AnswerCache
from core.persona.memory import ConversationMemory
from core.privacy.private_topics import PrivateTopics
from core.store.base import Store
from core.store.privacy import Forgotten, Purged
from core.store.records import StoredTurn
from core.types import Question, Refusal, RefusalKind

log = logging.getLogger(__name__)


class PrivacyGuard:
    def __init__(
        self,
        store: Store,
        memory: ConversationMemory,
        cache: AnswerCache,
        wall: WallClock,
        *,
        days: int,
        every_s: float,
        store_dm_text: bool = True,
    ) -> None:
        self.topics = PrivateTopics()
        self._also: list[Callable[[str], str | None]] = []
        self.store_dm_text = store_dm_text
        self._store = store
        self._memory = memory
        self._cache = cache
        self._wall = wall
        self.days = days  # 0 = keep text
        self.every = timedelta(seconds=every_s)
        self._last: datetime | None = None

    def also_decline(self, check: Callable[[str], str | None]) -> None:
        """Decline what `check` declines too (the owner desk's Keep private topics)."""
        self._also.append(check)

    async def screen(self, text: str) -> Refusal | None:
        """Every question passes here: the retention purge runs when it is due, then a
        question on a private topic gets its polite no (else None)."""
        if self.due():
            await self.purge_if_due()
        return self.decline(text)

    def decline(self, text: str) -> Refusal | None:
        """The polite no for a question on a private topic, else None."""
        topic = self.topics.match(text)
        if topic is not None:
            return Refusal(RefusalKind.PRIVATE, self.topics.decline(topic))
        for check in self._also:
            if (message := check(text)) is not None:
                return Refusal(RefusalKind.PRIVATE, message)
        return None

    def keeps(self, question: Question) -> bool:
        """Whether this question's text may be written to the store (`store_dm_text`)."""
        return self.store_dm_text or not question.is_dm

    async def remember(self, question: Question, text: str, reply: str) -> None:
        """A question and its answer into the conversation memory, stored as the asker's
        (so `forget` finds them), or in this process only when `keeps` says no."""
        member = (question.platform, question.user_id) if self.keeps(question) else None
        turns = [StoredTurn("user", text), StoredTurn("assistant", reply)]
        await self._memory.add(question.conversation, turns, self._wall(), keep_as=member)

    def public(self, report: GapsReport) -> GapsReport:
        """The report without the groups any of whose wordings is on a private topic."""
        kept = tuple(
            g
            for g in report.groups
            if not any(self.topics.match(q) for q in (g.example, *g.questions))
        )
        dropped = sum(g.count for g in report.groups if g not in kept)
        return replace(report, groups=kept, total=report.total - dropped)

    def due(self) -> bool:
        return self.days > 0 and (self._last is None or self._wall() - self._last >= self.every)

    async def purge_if_due(self) -> None:
        """Purge when the interval has passed; a failure is logged, never raised."""
        if not self.due():
            return
        try:
            await self.purge()
        except Exception:
            log.exception("privacy: the retention purge failed; it will run again later")

    async def forget(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's turns, gap entries and the cached answers to their questions."""
        forgotten = await self._store.forget_member(platform, user_id)
        self._cache.forget(forgotten.cache_keys)
        await self._memory.reload(self._wall())
        log.info(
            "privacy: forgot a %s member (%d turns, %d gaps, %d cached answers)",
            platform,
            forgotten.turns,
            forgotten.gaps,
            forgotten.cached,
        )
        return forgotten

    async def purge(self) -> Purged:
        """Delete text older than the retention now; returns what went."""
        now = self._wall()
        self._last = now
        if self.days <= 0:
            return Purged()
        cutoff = now - timedelta(days=self.days)
        purged = await self._store.purge_text_before(cutoff)
        self._cache.drop_older(cutoff)
        if purged.turns:
            await self._memory.reload(now)
        if purged.total:
            log.info(
                "privacy: purged text older than %d days (%d turns, %d gaps, %d cached answers)",
                self.days,
                purged.turns,
                purged.gaps,
                purged.cached,
            )
        return purged
