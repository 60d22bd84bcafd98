"""Answer cache: the first question of a conversation, matched on normalised text.

Only first questions are cached: their answer depends on nothing but the question and the
profile (no history, and no user name is ever sent to the model), so an entry can be shared
between users without carrying anything of one user to another. Entries die with the TTL or
when the profile, the persona rules or the model chain change (the fingerprint).

Entries live in SQLite (they survive restarts) and in a bounded in-process index loaded at
start, so a lookup costs no database round trip.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from core.clock import WallClock
from core.store.base import Store
from core.store.records import CachedAnswer, normalize_question


class AnswerCache:
    def __init__(
        self,
        store: Store,
        fingerprint: str,
        ttl_s: float,
        wall: WallClock,
        enabled: bool = True,
        max_entries: int = 20_000,
        *,
        shared: bool = False,
    ) -> None:
        self.store = store
        self.fingerprint = fingerprint  # of profile, rules and models: a change empties the cache
        self.ttl = timedelta(seconds=ttl_s)
        self.wall = wall
        self.enabled = enabled
        self.max_entries = max_entries
        self.shared = shared  # other machines add entries too (PostgreSQL): a miss asks the store
        self._index: OrderedDict[str, CachedAnswer] = OrderedDict()

    @staticmethod
    def make_fingerprint(*parts: str) -> str:
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    async def start(self) -> int:
        """Drop entries of an older fingerprint, load the live ones; returns how many dropped."""
        dropped = await self.store.cache_purge(self.fingerprint)
        if self.enabled:
            for key, entry in await self.store.cache_entries(
                self.fingerprint, self.wall() - self.ttl
            ):
                self._keep(key, entry)
        return dropped

    async def get(self, question: str) -> CachedAnswer | None:
        key = normalize_question(question)
        entry = self._index.get(key) if self.enabled and key else None
        if entry is None and self.shared and self.enabled and key:
            entry = await self.store.cache_get(key, self.fingerprint, self.ttl, self.wall())
            if entry is not None:
                self._keep(key, entry)
        if entry is None:
            return None
        if entry.created_at < self.wall() - self.ttl:
            del self._index[key]
            return None
        return entry

    async def put(self, question: str, answer: str, model: str, tokens: int, cost: float) -> None:
        key = normalize_question(question)
        if not self.enabled or not key:
            return
        entry = CachedAnswer(answer, model, tokens, cost, self.wall())
        await self.store.cache_put(key, self.fingerprint, entry)
        self._keep(key, entry)

    def forget(self, keys: Iterable[str]) -> None:
        """Drop entries from the in-process index (the store deleted them already)."""
        for key in keys:
            self._index.pop(key, None)

    def drop_older(self, cutoff: datetime) -> None:
        """Drop in-process entries made before `cutoff` (the store purged them)."""
        for key in [k for k, e in self._index.items() if e.created_at < cutoff]:
            del self._index[key]

    def _keep(self, key: str, entry: CachedAnswer) -> None:
        self._index[key] = entry
        self._index.move_to_end(key)
        while len(self._index) > self.max_entries:
            self._index.popitem(last=False)

    async def refresh(self, fingerprint: str, keep: Callable[[str], bool]) -> tuple[int, int]:
        """Switch to a new fingerprint (the profile changed): entries `keep` vouches for (their
        facts did not change) move to it, the rest are dropped. Returns (kept, dropped)."""
        old = self.fingerprint
        keys = list(self._index)
        # About 0.13 ms a key (two retrievals): off the event loop, 20,000 keys take ~2.5 s.
        kept = await asyncio.to_thread(lambda: [key for key in keys if keep(key)])
        await self.store.cache_rekey(old, fingerprint, kept)
        dropped = await self.store.cache_purge(fingerprint)
        self.fingerprint = fingerprint
        keep_set = set(kept)
        for key in [k for k in self._index if k not in keep_set]:
            del self._index[key]
        return len(kept), dropped
