"""Live health per model: success rate and latency over a recent window, totals of tokens and
cost, the last error, and the provider's last rate-limit headers.

Built from two sources: persisted usage rows at start-up (`HealthBook.record` of each stored
Attempt, oldest first) and every attempt the router makes afterwards.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from core.models.providers.base import RateLimitInfo
from core.models.usage import Attempt

WINDOW = 50  # recent attempts that success rate and latency percentiles are computed over


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class ModelStats:
    """What is known about one chain model."""

    recent: deque[tuple[bool, float]] = field(default_factory=lambda: deque(maxlen=WINDOW))
    calls: int = 0
    failures: int = 0
    tokens: int = 0
    cost_usd: float = 0.0
    last_error: str | None = None  # "kind: a short safe sentence"
    last_error_at: datetime | None = None
    rate_limits: RateLimitInfo | None = None
    rate_limits_at: float | None = None  # clock time the headers were read
    # invented claims held back from recent answers (core.grounding): counted like failures
    invented: deque[int] = field(default_factory=lambda: deque(maxlen=WINDOW))

    @property
    def success_rate(self) -> float | None:
        if not self.recent:
            return None
        return sum(1 for ok, _ in self.recent if ok) / len(self.recent)

    def latencies(self) -> list[float]:
        """Latencies of the recent successful attempts (failures end early or time out)."""
        return [ms for ok, ms in self.recent if ok]

    @property
    def p50_ms(self) -> float | None:
        return percentile(self.latencies(), 50)

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.latencies(), 95)


class HealthBook:
    """ModelStats for every model seen, by chain id."""

    def __init__(self, window: int = WINDOW) -> None:
        self._window = window
        self._stats: dict[str, ModelStats] = {}

    def get(self, model: str) -> ModelStats:
        stats = self._stats.get(model)
        if stats is None:
            stats = ModelStats(recent=deque(maxlen=self._window))
            self._stats[model] = stats
        return stats

    def record(self, attempt: Attempt, error: str | None = None) -> None:
        """Count one attempt. `error` is the safe sentence of a failure (else its kind is used)."""
        stats = self.get(attempt.model)
        ok = attempt.outcome == "ok"
        stats.calls += 1
        stats.tokens += attempt.prompt_tokens + attempt.completion_tokens
        stats.cost_usd += attempt.cost_usd
        stats.recent.append((ok, attempt.latency_ms))
        if not ok:
            stats.failures += 1
            stats.last_error = f"{attempt.outcome}: {error}" if error else attempt.outcome
            stats.last_error_at = attempt.at

    def note_rate_limits(self, model: str, info: RateLimitInfo | None, now: float) -> None:
        if info is not None:
            stats = self.get(model)
            stats.rate_limits = info
            stats.rate_limits_at = now


def adaptive_score(stats: ModelStats, price_per_m: float, max_price_per_m: float) -> float:
    """score = success - 0.2 * min(p50_s / 5, 1) - 0.2 * price / max_price (core.models.router);
    each invented claim held back from a recent answer counts as one more failed attempt."""
    calls = len(stats.recent) + sum(stats.invented)
    successes = sum(1 for ok, _ in stats.recent if ok)
    success = (successes + 1) / (calls + 1)
    p50 = stats.p50_ms
    latency = 0.0 if p50 is None else min(p50 / 5000.0, 1.0)
    cost = price_per_m / max_price_per_m if max_price_per_m > 0 else 0.0
    return success - 0.2 * latency - 0.2 * cost
