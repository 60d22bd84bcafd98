"""Members' text: kept no longer than `[privacy] retention_days` (on the twin's wall clock),
and forgotten on request.

`MemberText.purge()` deletes conversation turns, gap entries and cached answers older than the
retention (through the store) and refreshes the in-process copies of memory and cache.
`purge_if_due()` runs it when `purge_every_s` has passed since the last run: the twin purges
once at start-up and then whenever a question arrives after that interval, so an idle twin does
no work and tests move time with a fake clock instead of sleeping. `forget(platform, user_id)`
deletes one member's text everywhere (store, memory, cache); usage rows stay, without the id.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from core.clock import WallClock
from core.persona.answer_cache import AnswerCache
from core.persona.memory import ConversationMemory
from core.store.sqlite import Forgotten, Purged, Store

log = logging.getLogger(__name__)


class MemberText:
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
