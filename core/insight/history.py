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
from core.insight.gaps import gaps_report
from core.insight.reports import BudgetStatus, DayUsage, GapGroup
from core.models.health import percentile
from core.store.base import Store
from core.store.owner_records import ANSWERED, IGNORED, OPEN, PRIVATE
from core.store.records import day_start, month_start
from core.store.sqlite_rows import parse_ts, ts

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
class FailedCall:
    at: datetime
    model: str
    outcome: str  # the error kind, e.g. "rate_limited", "timeout", "model_gone"
    request_id: str


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


@dataclass(frozen=True)
class ThumbsDown:
    """A member's standing thumbs-down on an answer, with what was asked and answered."""

    at: datetime
    platform: str
    voter: str  # the member's user id on `platform`
    question: str  # "" when the question record is gone (retention) or was never kept
    answer: str
    model: str  # "" when no model wrote it (cache, profile-only)
    answer_id: str


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
        """Questions, tokens and spend per UTC day from `since` up to `until` (None: now)."""
        where, params = "at >= ?", [ts(since)]
        if until is not None:
            where += " AND at < ?"
            params.append(ts(until))
        spend = {
            r[0]: (int(r[1]), float(r[2]))
            for r in await self._store.fetch(
                "SELECT substr(at, 1, 10), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)"
                f" FROM usage WHERE {where} GROUP BY 1",
                params,
            )
        }
        asked = dict(
            await self._store.fetch(
                f"SELECT substr(at, 1, 10), COUNT(*) FROM questions WHERE {where} GROUP BY 1",
                params,
            )
        )
        out = {}
        for day in spend.keys() | asked.keys():
            tokens, cost = spend.get(day, (0, 0.0))
            d = date.fromisoformat(day)
            out[d] = DayUsage(d, int(asked.get(day, 0)), tokens, cost)
        return out

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
        sql = "SELECT substr(at, 1, 10), model, outcome = 'ok', latency_ms FROM usage WHERE at >= ?"
        params = [ts(since)]
        if until is not None:
            sql += " AND at < ?"
            params.append(ts(until))
        rows = await self._store.fetch(sql, params)
        calls: dict[tuple[str, str], int] = defaultdict(int)
        fails: dict[tuple[str, str], int] = defaultdict(int)
        latencies: dict[tuple[str, str], list[float]] = defaultdict(list)
        for day, model, ok, ms in rows:
            calls[(day, model)] += 1
            if ok:
                latencies[(day, model)].append(float(ms))
            else:
                fails[(day, model)] += 1
        out: dict[date, dict[str, ModelDay]] = defaultdict(dict)
        for (day, model), n in calls.items():
            d = date.fromisoformat(day)
            lat = latencies.get((day, model), [])
            out[d][model] = ModelDay(
                d, n, fails[(day, model)], percentile(lat, 50), percentile(lat, 95)
            )
        return out

    async def model_windows(self, per_model: int = 200) -> tuple[ModelWindow, ...]:
        """Success rate and latency percentiles over each chain model's latest attempts."""
        out = []
        for model in dict.fromkeys(self._config.llm.models):
            recent = await self._store.fetch(
                "SELECT outcome = 'ok', latency_ms FROM usage WHERE model = ?"
                " ORDER BY id DESC LIMIT ?",
                (model, per_model),
            )
            ok = [float(ms) for good, ms in recent if good]
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
        """Open gap groups, most asked first: the same groups and ids as `twin gaps`."""
        report = await gaps_report(self._store, self._wall(), limit)
        store = self._store
        ungrouped = await store.fetch("SELECT COUNT(*) FROM gaps WHERE group_id IS NULL")
        return OpenGaps(
            groups=report.groups,
            total=report.total,
            ignored=await store.count_gap_groups(IGNORED),
            answered=await store.count_gap_groups(ANSWERED),
            private=await store.count_gap_groups(PRIVATE),
            ungrouped=int(ungrouped[0][0]) if ungrouped else 0,
            open_groups=await store.count_gap_groups(OPEN),
        )

    async def thumbs_down(self, limit: int = 50) -> tuple[ThumbsDown, ...]:
        """Standing thumbs-down votes, newest first, each with its answer's question record."""
        rows = await self._store.fetch(
            "SELECT f.at, f.platform, f.user_id, COALESCE(q.question, ''),"
            " COALESCE(q.answer, ''), COALESCE(q.model, ''), f.answer_id FROM feedback f"
            " LEFT JOIN questions q ON q.id ="
            " (SELECT MAX(id) FROM questions WHERE request_id = f.answer_id)"
            " WHERE NOT f.helpful ORDER BY f.at DESC, f.answer_id, f.user_id LIMIT ?",
            (limit,),
        )
        return tuple(ThumbsDown(parse_ts(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows)
