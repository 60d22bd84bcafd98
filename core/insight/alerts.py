"""Admin alerts: raised by the core, delivered by whichever adapters subscribed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from core.store.reports import Alert as Alert
from core.store.reports import Severity as Severity

log = logging.getLogger(__name__)

AlertHandler = Callable[[Alert], Awaitable[None]]


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
