"""Read-only history over the shared store: what the dashboard shows beyond the chat reports.

Everything is read from the store, so a dashboard in its own process sees every instance's work.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.clock import WallClock
from core.config import Config
from core.insight.alerts import Alert
from core.insight.gaps import group_gaps
from core.insight.reports import BudgetStatus, DayUsage, GapGroup
from core.insight.usage_report import usage_days
from core.models.health import percentile
from core.store.sqlite import Store, day_start, month_start, normalize_question, parse_ts, ts

HISTORY_DAYS = 30
GAP_IGNORED = "ignored"


@dataclass(frozen=True)
class ModelDay:
    """One model's calls on one UTC day; latencies of its successful calls."""

    day: date
    calls: int
    failures: int
    p50_ms: float | None
    p95_ms: float | None

    @property
    def success_rate(self) -> float | None:
        return (self.calls - self.failures) / self.calls if self.calls else None


@dataclass(frozen=True)
class ModelTrend:
    model: str
    days: tuple[ModelDay, ...]  # oldest first, one per day of the period


@dataclass(frozen=True)
class ModelWindow:
    """A model's recent attempts across every instance (the store's view, not one process's)."""

    model: str
    calls: int
    success_rate: float | None
    p50_ms: float | None
    p95_ms: float | None


@dataclass(frozen=True)
class FailedCall:
    at: datetime
    model: str
    outcome: str  # the error kind, e.g. "rate_limited", "timeout", "model_gone"
    request_id: str


@dataclass(frozen=True)
class OpenGaps:
    """Gap groups the owner has not decided on yet, and how many questions were set aside."""

    groups: tuple[GapGroup, ...]
    total: int
    ignored: int


def gap_key(text: str) -> str:
    """A short stable id for a gap wording (the dashboard's form field, `twin gaps ... ID`)."""
    return hashlib.sha256(normalize_question(text).encode()).hexdigest()[:12]


class History:
    """Queries over usage, questions, gaps and alerts, built per request (no state)."""

    def __init__(self, store: Store, config: Config, wall: WallClock) -> None:
        self._store = store
        self._config = config
        self._wall = wall

    async def budget(self) -> BudgetStatus:
        """Today's tokens and this month's dollars against the caps, from the store."""
        now = self._wall()
        day_tokens, _ = await self._store.usage_since(day_start(now))
        _, month_usd = await self._store.usage_since(month_start(now))
        return BudgetStatus(
            daily_tokens_used=day_tokens,
            daily_tokens_limit=self._config.budget.daily_tokens,
            monthly_usd_used=month_usd,
            monthly_usd_limit=self._config.budget.monthly_usd,
        )

    async def days(self, count: int = HISTORY_DAYS) -> tuple[DayUsage, ...]:
        """Questions, tokens and spend per day, oldest first, today last."""
        return await usage_days(self._store, day_start(self._wall()), count)

    async def outcomes(self, count: int = HISTORY_DAYS) -> dict[str, int]:
        """Questions by outcome (answered, cached, degraded, ...) over the last `count` days."""
        since = day_start(self._wall()) - timedelta(days=count - 1)
        rows = await self._store.fetch(
            "SELECT outcome, COUNT(*) FROM questions WHERE at >= ? GROUP BY outcome"
            " ORDER BY COUNT(*) DESC, outcome",
            (ts(since),),
        )
        return {r[0]: int(r[1]) for r in rows}

    async def model_trends(self, count: int = HISTORY_DAYS) -> tuple[ModelTrend, ...]:
        """Per model and day: calls, failures, p50 and p95 latency of the successful calls."""
        first = day_start(self._wall()) - timedelta(days=count - 1)
        rows = await self._store.fetch(
            "SELECT substr(at, 1, 10), model, outcome = 'ok', latency_ms FROM usage WHERE at >= ?",
            (ts(first),),
        )
        calls: dict[tuple[str, str], int] = defaultdict(int)
        fails: dict[tuple[str, str], int] = defaultdict(int)
        latencies: dict[tuple[str, str], list[float]] = defaultdict(list)
        models: dict[str, None] = dict.fromkeys(self._config.llm.models)
        for day, model, ok, ms in rows:
            models.setdefault(model, None)
            calls[(model, day)] += 1
            if ok:
                latencies[(model, day)].append(float(ms))
            else:
                fails[(model, day)] += 1
        out = []
        for model in models:
            per_day = []
            for i in range(count):
                d = (first + timedelta(days=i)).date()
                key = (model, d.isoformat())
                lat = latencies.get(key, [])
                per_day.append(
                    ModelDay(d, calls[key], fails[key], percentile(lat, 50), percentile(lat, 95))
                )
            out.append(ModelTrend(model, tuple(per_day)))
        return tuple(out)

    async def model_windows(self, per_model: int = 200) -> tuple[ModelWindow, ...]:
        """Success rate and latency percentiles over each model's latest attempts."""
        by_model: dict[str, list[tuple[bool, float]]] = {m: [] for m in self._config.llm.models}
        for attempt in await self._store.recent_attempts(per_model):
            by_model.setdefault(attempt.model, []).append(
                (attempt.outcome == "ok", attempt.latency_ms)
            )
        out = []
        for model, recent in by_model.items():
            ok = [ms for good, ms in recent if good]
            rate = len(ok) / len(recent) if recent else None
            out.append(
                ModelWindow(model, len(recent), rate, percentile(ok, 50), percentile(ok, 95))
            )
        return tuple(out)

    async def failed_calls(self, limit: int = 10) -> tuple[FailedCall, ...]:
        """The latest failed model attempts, newest first."""
        rows = await self._store.fetch(
            "SELECT at, model, outcome, request_id FROM usage WHERE outcome != 'ok'"
            " ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return tuple(FailedCall(parse_ts(r[0]), r[1], r[2], r[3]) for r in rows)

    async def alerts(self, limit: int = 200) -> tuple[Alert, ...]:
        """Alerts raised by any instance, newest first."""
        return tuple(await self._store.alerts_history(limit))

    async def open_gaps(self, limit: int = 50) -> OpenGaps:
        """Gap groups without an owner's decision, biggest first."""
        rows = await self._store.gaps()
        decided = await self._store.gap_statuses()
        open_rows = [r for r in rows if r.normalized not in decided]
        groups = group_gaps(open_rows)
        return OpenGaps(
            groups=tuple(groups[:limit]),
            total=len(open_rows),
            ignored=sum(1 for r in rows if decided.get(r.normalized) == GAP_IGNORED),
        )


async def set_gap_group_status(store: Store, key: str, status: str, now: datetime) -> int:
    """Mark every wording of the open gap group holding wording `key` with `status`.

    Returns how many wordings were marked; 0 when no open group holds the key (already
    decided, or never asked)."""
    rows = await store.gaps()
    decided = await store.gap_statuses()
    for group in group_gaps([r for r in rows if r.normalized not in decided]):
        if any(gap_key(q) == key for q in group.questions):
            wordings = [normalize_question(q) for q in group.questions]
            await store.set_gap_status(wordings, status, now)
            return len(wordings)
    return 0
