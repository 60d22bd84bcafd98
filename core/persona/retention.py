"""Members' text kept no longer than `[privacy] retention_days`, on the twin's wall clock.

`Retention.run()` deletes conversation turns, gap entries and cached answers older than the
retention (through the store) and refreshes the in-process copies of memory and cache.
`due()` says whether `purge_every_s` has passed since the last run: the twin runs it once at
start-up and then whenever a question arrives after that interval, so an idle twin does no
work and tests move time with a fake clock instead of sleeping.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from core.clock import WallClock
from core.persona.answer_cache import AnswerCache
from core.persona.memory import ConversationMemory
from core.store.sqlite import Purged, Store

log = logging.getLogger(__name__)


class Retention:
    def __init__(
        self,
        store: Store,
        memory: ConversationMemory,
        cache: AnswerCache,
        wall: WallClock,
        *,
        days: int,
        every_s: float,
    ) -> None:
        self._store = store
        self._memory = memory
        self._cache = cache
        self._wall = wall
        self.days = days  # 0 = keep text
        self.every = timedelta(seconds=every_s)
        self._last: datetime | None = None

    def due(self) -> bool:
        return self.days > 0 and (self._last is None or self._wall() - self._last >= self.every)

    async def run(self) -> Purged:
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
