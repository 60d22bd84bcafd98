"""Read-only history over the shared store: what the dashboard shows beyond the chat reports.

Everything is read from the store, so a dashboard in its own process sees every instance's work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.clock import WallClock
from core.config import Config
from core.insight.alerts import Alert
from core.insight.reports import BudgetStatus, DayUsage, GapGroup
from core.models.health import percentile
from core.owner.gaps import gaps_report
from core.store.base import Store
from core.store.owner_records import ANSWERED, IGNORED, OPEN, PRIVATE
from core.store.records import day_start, month_start
from core.store.reports import FailedCall as FailedCall
from core.store.reports import ThumbsDown as ThumbsDown

HISTORY_DAYS = 30


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
class OpenGaps:
    """The owner loop's open gap groups (the ids `twin gaps` shows), and what became of the rest."""

    groups: tuple[GapGroup, ...]
    total: int  # questions in the open groups
    ignored: int  # groups the owner ignored
    answered: int = 0  # groups the owner answered
    private: int = 0  # groups the owner keeps private
    ungrouped: int = 0  # gaps recorded before the owner loop grouped them (not listed)
    open_groups: int = 0  # all open groups (`groups` holds the most asked of them)


class History:
    """Queries over usage, questions, gaps and alerts.

    Per-day figures of days that have ended no longer change: they are read once and kept, so a
    page refresh reads only today's rows."""

    def __init__(self, store: Store, config: Config, wall: WallClock) -> None:
        self._store = store
        self._config = config
        self._wall = wall
        self._closed_days: dict[date, DayUsage] = {}
        self._closed_models: dict[date, dict[str, ModelDay]] = {}

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
        today = day_start(self._wall())
        past = [(today - timedelta(days=n)).date() for n in range(count - 1, 0, -1)]
        missing = [d for d in past if d not in self._closed_days]
        if missing:
            first = datetime.combine(missing[0], time(), UTC)
            found = await self._day_usage(first, today)
            for d in missing:
                self._closed_days[d] = found.get(d) or DayUsage(d, 0, 0, 0.0)
        self._closed_days = {d: self._closed_days[d] for d in past}
        now_row = (await self._day_usage(today, None)).get(today.date())
        return (*(self._closed_days[d] for d in past), now_row or DayUsage(today.date(), 0, 0, 0.0))

    async def _day_usage(self, since: datetime, until: datetime | None) -> dict[date, DayUsage]:
        """Questions, tokens and spend per UTC day from `since` up to `until` (None: today)."""
        days = 1 if until is None else (until - since).days
        return {d.day: d for d in await self._store.day_usage(since, days)}

    async def outcomes(self, count: int = HISTORY_DAYS) -> dict[str, int]:
        """Questions by outcome (answered, cached, degraded, ...) over the last `count` days."""
        since = day_start(self._wall()) - timedelta(days=count - 1)
        return await self._store.outcomes_since(since)

    async def model_trends(self, count: int = HISTORY_DAYS) -> tuple[ModelTrend, ...]:
        """Per model and day: calls, failures, p50 and p95 latency of the successful calls."""
        today = day_start(self._wall())
        past = [(today - timedelta(days=n)).date() for n in range(count - 1, 0, -1)]
        missing = [d for d in past if d not in self._closed_models]
        if missing:
            first = datetime.combine(missing[0], time(), UTC)
            found = await self._model_days(first, today)
            for d in missing:
                self._closed_models[d] = found.get(d, {})
        self._closed_models = {d: self._closed_models[d] for d in past}
        now_days = await self._model_days(today, None)
        by_day = {**self._closed_models, today.date(): now_days.get(today.date(), {})}
        seen = sorted({m for models in by_day.values() for m in models})
        out = []
        for model in dict.fromkeys([*self._config.llm.models, *seen]):
            per_day = [
                by_day[d].get(model) or ModelDay(d, 0, 0, None, None) for d in (*past, today.date())
            ]
            out.append(ModelTrend(model, tuple(per_day)))
        return tuple(out)

    async def _model_days(
        self, since: datetime, until: datetime | None
    ) -> dict[date, dict[str, ModelDay]]:
        calls: dict[tuple[date, str], int] = defaultdict(int)
        fails: dict[tuple[date, str], int] = defaultdict(int)
        latencies: dict[tuple[date, str], list[float]] = defaultdict(list)
        for point in await self._store.attempt_points(since, until):
            key = (point.day, point.model)
            calls[key] += 1
            if point.ok:
                latencies[key].append(point.latency_ms)
            else:
                fails[key] += 1
        out: dict[date, dict[str, ModelDay]] = defaultdict(dict)
        for (d, model), n in calls.items():
            lat = latencies.get((d, model), [])
            out[d][model] = ModelDay(
                d, n, fails[(d, model)], percentile(lat, 50), percentile(lat, 95)
            )
        return out

    async def model_windows(self, per_model: int = 200) -> tuple[ModelWindow, ...]:
        """Success rate and latency percentiles over each chain model's latest attempts."""
        out = []
        for model in dict.fromkeys(self._config.llm.models):
            recent = await self._store.latest_attempts(model, per_model)
            ok = [float(ms) for good, ms in recent if good]
            rate = len(ok) / len(recent) if recent else None
            out.append(
                ModelWindow(model, len(recent), rate, percentile(ok, 50), percentile(ok, 95))
            )
        return tuple(out)

    async def failed_calls(self, limit: int = 10) -> tuple[FailedCall, ...]:
        """The latest failed model attempts, newest first."""
        return tuple(await self._store.failed_calls(limit))

    async def alerts(self, limit: int = 200) -> tuple[Alert, ...]:
        """Alerts raised by any instance, newest first."""
        return tuple(await self._store.alerts_history(limit))

    async def open_gaps(self, limit: int = 50) -> OpenGaps:
        """Open gap groups, most asked first: the same groups and ids as `twin gaps`."""
        report = await gaps_report(self._store, self._wall(), limit)
        store = self._store
        return OpenGaps(
            groups=report.groups,
            total=report.total,
            ignored=await store.count_gap_groups(IGNORED),
            answered=await store.count_gap_groups(ANSWERED),
            private=await store.count_gap_groups(PRIVATE),
            ungrouped=await store.ungrouped_gaps(),
            open_groups=await store.count_gap_groups(OPEN),
        )

    async def thumbs_down(self, limit: int = 50) -> tuple[ThumbsDown, ...]:
        """Standing thumbs-down votes, newest first, each with its answer's question record."""
        return tuple(await self._store.thumbs_down(limit))
