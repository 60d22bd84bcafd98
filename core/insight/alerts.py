"""Admin alerts: raised by the core, delivered by whichever adapters subscribed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from core.store.records import StoreUnavailable
from core.store.reports import Alert as Alert
from core.store.reports import Severity as Severity

log = logging.getLogger(__name__)

AlertHandler = Callable[[Alert], Awaitable[None]]
Claim = Callable[[str], Awaitable[bool]]
"""True the first time a key is claimed by any process (`Store.claim_alert`)."""


async def first_claim(claim: Claim | None, key: str) -> bool:
    """Whether this process sends the alert of `key`: it claimed the key first (or no claim is
    kept). A claim the store cannot write sends the alert anyway (better twice than never)."""
    if claim is None:
        return True
    try:
        return await claim(key)
    except StoreUnavailable as exc:
        log.warning("alert %s not claimed (%s); sent anyway", key, exc.cause)
        return True


class AlertBus:
    """Fan-out of alerts to subscribers; a failing subscriber never breaks the others."""

    def __init__(self) -> None:
        self._handlers: list[AlertHandler] = []
        self.sent: list[Alert] = []

    def subscribe(self, handler: AlertHandler) -> None:
        self._handlers.append(handler)

    def unsubscribe(self, handler: AlertHandler) -> None:
        """Stop sending to `handler` (an adapter that closed); unknown handlers are ignored."""
        if handler in self._handlers:
            self._handlers.remove(handler)

    async def publish(self, alert: Alert) -> None:
        self.sent.append(alert)
        log.warning("alert %s: %s", alert.kind, alert.title)
        for handler in list(self._handlers):
            try:
                await handler(alert)
            except Exception:
                log.exception("alert handler failed for %s", alert.key)
