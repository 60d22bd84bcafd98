"""One row per model call attempt: what every meter, budget and report is counted from."""

from __future__ import annotations

from typing import Protocol

from core.store.attempts import Attempt as Attempt
from core.store.attempts import CallContext as CallContext


class AttemptSink(Protocol):
    """What the router tells of every attempt once its usage row is on its way (live health,
    metrics); the row itself goes through the call's budget (`core.models.attempt.CallBudget`)."""

    async def record_attempt(self, attempt: Attempt) -> None: ...
