"""One row per model call attempt: what every meter, budget and report is counted from."""

from __future__ import annotations

from typing import Protocol

from core.store.attempts import Attempt as Attempt
from core.store.attempts import CallContext as CallContext


class AttemptSink(Protocol):
    """Where the router reports attempts (the store, plus live health tracking)."""

    async def record_attempt(self, attempt: Attempt) -> None: ...
