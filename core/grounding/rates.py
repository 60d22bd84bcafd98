"""Invented claims per 100 answers, per model, and the one admin alert a model gets when its
rate crosses `[grounding] alert_per_100` (after at least `alert_min_answers` checked answers).

Counted in this process since start (like the router's live health): what adaptive routing
counts against a model like failures (`/twin-health`, `twin health` and the dashboard read the
store's records of every instance). The alert is claimed in the store under the model and the
UTC day (`Store.claim_alert`), so several instances raise it once, not once each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from core.clock import WallClock
from core.insight.alerts import Alert, AlertBus, Claim, first_claim
from core.insight.reports import ModelHealth


def with_rates(
    models: Sequence[ModelHealth], counts: Mapping[str, tuple[int, int]]
) -> tuple[ModelHealth, ...]:
    """Each model's health with its checked answers and the claims held back per 100 of them
    (`counts`: model -> answers checked, claims held back)."""
    out = []
    for health in models:
        answers, held = counts.get(health.model, (0, 0))
        if answers:
            per_100 = 100.0 * held / answers
            health = replace(health, answers_checked=answers, invented_per_100=per_100)
        out.append(health)
    return tuple(out)


@dataclass
class ModelGrounding:
    """One model's checked answers and the claims held back from them."""

    answers: int = 0
    invented: int = 0  # claims held back

    @property
    def per_100(self) -> float:
        return 100.0 * self.invented / self.answers if self.answers else 0.0


class GroundingRates:
    """Per-model tallies and the threshold alert (once per model)."""

    def __init__(
        self,
        alerts: AlertBus,
        wall: WallClock,
        per_100: float,
        min_answers: int,
        claim: Claim | None = None,
    ) -> None:
        self._alerts = alerts
        self._claim = claim
        self._wall = wall
        self._threshold = per_100
        self._min_answers = min_answers
        self._models: dict[str, ModelGrounding] = {}
        self._alerted: set[str] = set()

    def get(self, model: str) -> ModelGrounding:
        return self._models.setdefault(model, ModelGrounding())

    def onto(self, models: Sequence[ModelHealth]) -> tuple[ModelHealth, ...]:
        """Each model's health with its invented claims per 100 answers (this process's)."""
        return with_rates(models, {m: (s.answers, s.invented) for m, s in self._models.items()})

    async def record(self, model: str, invented: int) -> None:
        """One checked answer of `model` with `invented` claims held back."""
        stats = self.get(model)
        stats.answers += 1
        stats.invented += invented
        if (
            self._threshold > 0
            and model not in self._alerted
            and stats.answers >= self._min_answers
            and stats.per_100 >= self._threshold
        ):
            self._alerted.add(model)
            if not await first_claim(self._claim, f"grounding:{model}:{self._wall():%Y-%m-%d}"):
                return  # another instance raised it today
            await self._alerts.publish(
                Alert(
                    kind="grounding",
                    key=f"grounding:{model}",
                    title=f"{model} keeps inventing facts",
                    text=(
                        f"{stats.invented} claims in {stats.answers} answers of {model} were not "
                        f"in the profile ({stats.per_100:.0f} per 100 answers). They were held "
                        "back, so members never saw them, but answers came out shorter."
                    ),
                    action=(
                        "Move a stronger model first in [llm] models of config.toml (or use "
                        'routing = "adaptive"), and look at the held claims in `twin gaps`: '
                        "add the ones that are true to your profile."
                    ),
                    severity="warning",
                    at=self._wall(),
                )
            )
