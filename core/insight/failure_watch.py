"""Raises an alert when a large share of recent answers failed or went degraded on errors."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from core.clock import WallClock
from core.insight.alerts import Alert, AlertBus
from core.limits.guard import BudgetStore


@dataclass
class FailureWatch:
    """Watches question outcomes; one alert per hour while the failure share stays high."""

    alerts: AlertBus
    store: BudgetStore
    wall: WallClock
    window: int = 20
    min_questions: int = 10
    threshold: float = 0.5
    _recent: deque[bool] = field(default_factory=deque)

    async def observe(self, failed: bool) -> None:
        self._recent.append(failed)
        while len(self._recent) > self.window:
            self._recent.popleft()
        if len(self._recent) < self.min_questions:
            return
        share = sum(self._recent) / len(self._recent)
        if share < self.threshold:
            return
        now = self.wall()
        key = f"failure_spike:{now:%Y-%m-%dT%H}"
        if await self.store.claim_alert(key):
            await self.alerts.publish(
                Alert(
                    kind="failure_spike",
                    key=key,
                    title=f"{share:.0%} of the last {len(self._recent)} answers failed",
                    text="Members get degraded answers or apologies instead of model answers.",
                    action="Run /twin-health (or `twin health`) to see which models fail and why; "
                    "check GROQ_API_KEY and the budget.",
                    severity="critical",
                    at=now,
                )
            )
