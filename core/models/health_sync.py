"""Model health shared through the store: each process writes what it learned (breaker state,
last error, Groq's rate-limit headers) and reads what every process wrote, so `twin health`,
`/twin-health` and a second instance see what a running instance saw.

Writes are throttled: at once when a model's breaker changes state, otherwise at most once per
`every_s` per process. The router's report (`Router.health`) is built only when a write could be
due: while every model this process used was closed at the last look (and written so), a
successful attempt on one of them changes no breaker (a closed breaker only opens on a failure,
and each failure comes here too), so until `every_s` has passed it is only noted.

On read, a snapshot from another process replaces this process's view of a model when it is
newer than anything this process learned about that model itself.

Routing follows too: at start and with every (throttled) write, a breaker another process has
open makes this process skip that model until that breaker's probe time (`hold`), so a second
instance does not rediscover an outage with its own members' questions.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

from core.clock import WallClock
from core.insight.reports import ModelHealth
from core.models.usage import Attempt
from core.store.base import Store
from core.store.records import HealthSnapshot, StoreUnavailable

log = logging.getLogger(__name__)


class HealthSync:
    """An `AttemptSink` (after the router updated its state) that shares health via the store."""

    def __init__(
        self,
        store: Store,
        wall: WallClock,
        cooldown_s: float,
        *,
        every_s: float = 5.0,
        writer: str | None = None,
    ) -> None:
        self._store = store
        self._wall = wall
        self._cooldown = timedelta(seconds=cooldown_s)
        self._every = timedelta(seconds=every_s)
        self.writer = writer or f"{os.getpid()}@{socket.gethostname()}"
        self._health: Callable[[], tuple[ModelHealth, ...]] = tuple
        self._hold: Callable[[str, float], None] = lambda model, seconds: None
        self._breakers: Callable[[], dict[str, str]] | None = None
        self._learned: dict[str, datetime] = {}  # model -> when this process last learned of it
        self._written: dict[str, str] = {}  # model -> breaker state last written
        self._opened_at: dict[str, datetime] = {}
        self._last_write: datetime | None = None
        self._quiet = False  # every learned model was closed at the last look, and written so

    def attach(
        self,
        health: Callable[[], tuple[ModelHealth, ...]],
        hold: Callable[[str, float], None] | None = None,
        breakers: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        """Where this process's view comes from (`Router.health`), how to make it skip a
        model for some seconds (`Router.hold_off`), and each model's breaker state alone
        (`Router.breakers`: enough to see that no write is due, without the whole report)."""
        self._health = health
        self._quiet = False
        if hold is not None:
            self._hold = hold
        self._breakers = breakers

    async def follow(self) -> None:
        """Skip every model whose breaker another process has open, until its probe time."""
        try:
            shared = await self._store.health_all()
        except StoreUnavailable as exc:
            log.info("health: shared view unavailable: %s", exc.cause)
            return
        now = self._wall()
        for snap in shared:
            until = snap.breaker_until
            if snap.writer != self.writer and snap.breaker == "open" and until and until > now:
                self._hold(snap.model, (until - now).total_seconds())

    async def record_attempt(self, attempt: Attempt) -> None:
        now = self._wall()
        known = attempt.model in self._learned
        self._learned[attempt.model] = now
        recent = self._last_write is not None and now - self._last_write < self._every
        if recent and self._quiet and known and attempt.outcome == "ok":
            return  # no breaker can have changed, and no write is due (the module docstring)
        if recent and self._breakers is not None:
            states = self._breakers()
            if all(self._written.get(m, "closed") == states.get(m) for m in self._learned):
                return  # every breaker as written (an open one too), and no write is due
        views = {h.model: h for h in self._health() if h.model in self._learned}
        changed = False
        for model, view in views.items():
            if self._written.get(model, "closed") != view.breaker:
                changed = True
                if view.breaker == "open":
                    self._opened_at[model] = now
        if not changed and recent:
            self._quiet = self._all_closed(views)
            return
        self._last_write = now
        snapshots = [self._snapshot(view, now) for view in views.values()]
        try:
            await self._store.health_put(snapshots)
        except StoreUnavailable as exc:
            log.info("health: not shared: %s", exc.cause)
            self._quiet = self._all_closed(views)
            return
        for view in views.values():
            self._written[view.model] = view.breaker
        self._quiet = self._all_closed(views)
        await self.follow()

    def _all_closed(self, views: dict[str, ModelHealth]) -> bool:
        """Whether every model in `views` is closed, and was written closed (or never written)."""
        return all(
            v.breaker == "closed" and self._written.get(m, "closed") == "closed"
            for m, v in views.items()
        )

    def _snapshot(self, view: ModelHealth, now: datetime) -> HealthSnapshot:
        opened = self._opened_at.get(view.model)
        until = opened + self._cooldown if view.breaker == "open" and opened else None
        limits_at = now if view.remaining_tokens is not None else None
        return HealthSnapshot(
            model=view.model,
            updated_at=self._learned.get(view.model, now),
            writer=self.writer,
            breaker=view.breaker,
            breaker_until=until,
            in_rotation=view.in_rotation,
            last_error=view.last_error,
            last_error_at=view.last_error_at,
            remaining_requests=view.remaining_requests,
            remaining_tokens=view.remaining_tokens,
            limits_at=limits_at,
        )

    async def merged(self, local: tuple[ModelHealth, ...]) -> tuple[ModelHealth, ...]:
        """`local` with what other processes learned later about each model."""
        try:
            shared = {s.model: s for s in await self._store.health_all()}
        except StoreUnavailable as exc:
            log.info("health: shared view unavailable: %s", exc.cause)
            return local
        now = self._wall()
        out = []
        for view in local:
            snap = shared.get(view.model)
            mine = self._learned.get(view.model)
            if snap is None or snap.writer == self.writer or (mine and mine >= snap.updated_at):
                out.append(view)
                continue
            breaker = snap.breaker
            if breaker == "open" and snap.breaker_until is not None and now >= snap.breaker_until:
                breaker = "half_open"
            out.append(
                dataclasses.replace(
                    view,
                    breaker=breaker,
                    in_rotation=view.in_rotation and snap.in_rotation,
                    last_error=snap.last_error or view.last_error,
                    last_error_at=snap.last_error_at or view.last_error_at,
                    remaining_requests=snap.remaining_requests,
                    remaining_tokens=snap.remaining_tokens,
                )
            )
        return tuple(out)
