"""Answer cache: the first question of a conversation, matched on normalised text.

Only first questions are cached: their answer depends on nothing but the question and the
profile (no history, and no user name is ever sent to the model), so an entry can be shared
between users without carrying anything of one user to another. Entries die with the TTL or
when the profile, the persona rules or the model chain change (the fingerprint).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from core.clock import WallClock
from core.store import CachedAnswer, Store, normalize_question


@dataclass
class AnswerCache:
    store: Store
    fingerprint: str  # of profile, persona rules and models: a change invalidates every entry
    ttl_s: float
    wall: WallClock
    enabled: bool = True

    @staticmethod
    def make_fingerprint(*parts: str) -> str:
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    async def start(self) -> int:
        """Drop entries of an older fingerprint; returns how many were dropped."""
        return await self.store.cache_purge(self.fingerprint)

    async def get(self, question: str) -> CachedAnswer | None:
        key = normalize_question(question)
        if not self.enabled or not key:
            return None
        max_age = timedelta(seconds=self.ttl_s)
        return await self.store.cache_get(key, self.fingerprint, max_age, self.wall())

    async def put(self, question: str, answer: str, model: str, tokens: int, cost: float) -> None:
        key = normalize_question(question)
        if not self.enabled or not key:
            return
        entry = CachedAnswer(answer, model, tokens, cost, self.wall())
        await self.store.cache_put(key, self.fingerprint, entry)
