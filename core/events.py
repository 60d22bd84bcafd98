"""Platform events the twin accepted: once-only dedupe (`seen`), the store's inbox of accepted
questions (`accept`, `answered`) and what dead instances left there (`take_over`, issue 32).
Platform-neutral: an adapter keeps what it needs to answer an event again as its payload (and
`note`s what its answer shows so far, for a survivor to close); a graceful stop `hand_over`s
what it could not answer."""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from core.clock import WallClock
from core.config import InstancesConfig
from core.limits.guard import Guard
from core.store.base import Store
from core.store.inbox import InboxEntry, TakenOver
from core.store.records import StoreUnavailable

log = logging.getLogger("core.twin")  # the twin's events: its log lines as before


class AcceptedEvents:
    """The twin's accepted events (see the module docstring)."""

    def __init__(
        self, store: Store, guard: Guard, settings: InstancesConfig, wall: WallClock
    ) -> None:
        self._store = store
        self._guard = guard
        self._settings = settings
        self._wall = wall
        self._pending: list[TakenOver] = []  # taken over for another adapter
        # platforms this process answers besides the one asking (adapters add theirs): a
        # takeover never takes what no adapter here can answer (it would be lost)
        self.serving: set[str] = set()

    async def seen(self, key: str) -> bool:
        """True the first time `key` is seen (persisted): platform event dedupe. True too when
        the store cannot record it (answering it, degraded, beats dropping it)."""
        try:
            return await self._store.claim(f"event:{key}", self._wall())
        except StoreUnavailable as down:
            log.warning("event %s: dedupe not recorded: %s", key, down.cause)
            return True

    async def accept(self, key: str, platform: str, user_id: str, payload: str) -> bool:
        """`seen`, and in the same transaction the question written to the store's
        inbox, owned by this process until `answered` (a survivor takes over what a dead
        process left there). `payload`: what the adapter needs to answer it again (JSON text)."""
        entry = InboxEntry(
            f"event:{key}", self._wall(), self._guard.owner, platform, user_id, payload
        )
        try:
            return await self._store.accept(entry)
        except StoreUnavailable as down:
            log.warning("event %s: dedupe and inbox not recorded: %s", key, down.cause)
            return True

    async def take_over(self, platform: str) -> list[TakenOver]:
        """Become the owner of the inbox entries of `platform` that dead processes left open
        (one claimer wins each), after noting this process alive; each with whether it is too
        late to answer (older than `[instances] late_after_s`: apologise instead). Only entries
        of `platform` and of the platforms in `serving`; those of another platform taken on the
        way are its adapter's at its next call (they stay this process's)."""
        await self._guard.keep_alive()
        now, lease = self._wall(), timedelta(seconds=self._settings.lease_s)
        try:
            served = sorted({platform, *self.serving})
            entries = await self._store.take_over(self._guard.owner, now, lease, platforms=served)
        except StoreUnavailable as down:
            log.warning("inbox: takeover skipped: %s", down.cause)
            return []
        if entries:  # what the dead owner held in the budget is booked now, not in a minute
            with contextlib.suppress(StoreUnavailable):
                await self._store.book_orphans(now, lease)
        late = timedelta(seconds=self._settings.late_after_s)
        taken = [TakenOver(e, now - e.at > late) for e in entries]
        for t in taken:
            log.warning(
                "inbox: took over %s from a stopped twin (%s)",
                t.entry.key,
                "too late to answer: apologising" if t.late else "answering",
            )
        self._pending.extend(t for t in taken if t.entry.platform != platform)
        mine = [t for t in taken if t.entry.platform == platform]
        kept = [t for t in self._pending if t.entry.platform == platform]
        self._pending = [t for t in self._pending if t not in kept]
        return kept + mine

    async def note(self, key: str, payload: str) -> None:
        """Replace the payload of this process's entry for `key` (e.g. with the message that
        shows the answer so far, so a survivor can close it); never raises."""
        try:
            await self._store.note(f"event:{key}", self._guard.owner, payload)
        except StoreUnavailable as down:
            log.warning("event %s: inbox entry not noted: %s", key, down.cause)

    async def hand_over(self, platform: str) -> int:
        """This process stops: its open entries of `platform` are any other process's to take at
        once (not a lease later). How many; never raises."""
        try:
            handed = await self._store.hand_over(self._guard.owner, platform)
        except StoreUnavailable as down:
            log.warning("inbox: not handed over (taken over after the lease): %s", down.cause)
            return 0
        if handed:
            log.warning("inbox: handed %d unanswered %s question(s) over", handed, platform)
        return handed

    async def answered(self, key: str) -> None:
        """The answer (or apology) to an accepted event was posted: it leaves the inbox."""
        try:
            await self._store.answered(f"event:{key}")
        except StoreUnavailable as down:
            log.warning("event %s: inbox entry not closed: %s", key, down.cause)
