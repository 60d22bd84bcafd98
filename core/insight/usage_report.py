"""Build the usage summary (`/twin-usage`, `twin usage`) from the store's rows."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import datetime, timedelta

from core.config import Config
from core.insight.quality import votes_since
from core.insight.recommendations import recommend
from core.insight.reports import (
    BudgetStatus,
    DayUsage,
    ModelHealth,
    ModelUsage,
    PeriodUsage,
    StepState,
    UsageReport,
    UserUsage,
)
from core.store.sqlite import Store, day_start, month_start, ts

DAYS_SHOWN = 14
TREND_DAYS = 7


async def _period(store: Store, config: Config, label: str, since: datetime) -> PeriodUsage:
    start = ts(since)
    calls = await store.fetch(
        "SELECT COUNT(*), COALESCE(SUM(outcome != 'ok'), 0), COALESCE(SUM(prompt_tokens), 0),"
        " COALESCE(SUM(completion_tokens), 0), COALESCE(SUM(cost_usd), 0),"
        " COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(reasoning_tokens), 0)"
        " FROM usage WHERE at >= ?",
        (start,),
    )
    cached_by_model = await store.fetch(
        "SELECT model, SUM(cached_input_tokens) FROM usage WHERE at >= ? GROUP BY model",
        (start,),
    )
    asked = await store.fetch(
        "SELECT COUNT(*), COALESCE(SUM(outcome = 'degraded'), 0),"
        " COALESCE(SUM(outcome = 'failed'), 0), COALESCE(SUM(outcome = 'cached'), 0),"
        " COALESCE(SUM(outcome IN ('rate_limited')), 0), COALESCE(SUM(saved_usd), 0),"
        " COALESCE(SUM(outcome = 'declined_private'), 0)"
        " FROM questions WHERE at >= ?",
        (start,),
    )
    c, q = calls[0], asked[0]
    return PeriodUsage(
        label=label,
        questions=q[0],
        calls=c[0],
        failed_calls=c[1],
        prompt_tokens=c[2],
        completion_tokens=c[3],
        cost_usd=c[4],
        degraded=q[1],
        failed=q[2],
        cached=q[3],
        rate_limited=q[4],
        saved_usd=q[5],
        declined_private=q[6],
        cached_input_tokens=c[5],
        reasoning_tokens=c[6],
        cache_saved_usd=sum(config.price(m).saved(n or 0) for m, n in cached_by_model),
    )


async def _models(store: Store, config: Config, since: datetime) -> tuple[ModelUsage, ...]:
    rows = await store.fetch(
        "SELECT model, COUNT(*), SUM(outcome != 'ok'), SUM(prompt_tokens),"
        " SUM(completion_tokens), SUM(cost_usd), AVG(latency_ms), SUM(cached_input_tokens),"
        " SUM(reasoning_tokens)"
        " FROM usage WHERE at >= ? GROUP BY model ORDER BY SUM(cost_usd) DESC, model",
        (ts(since),),
    )
    return tuple(
        ModelUsage(
            model=r[0],
            calls=r[1],
            failures=r[2],
            prompt_tokens=r[3],
            completion_tokens=r[4],
            cost_usd=r[5],
            avg_latency_ms=r[6],
            cached_input_tokens=r[7],
            reasoning_tokens=r[8],
            cache_saved_usd=config.price(r[0]).saved(r[7]),
        )
        for r in rows
    )


async def _top_users(store: Store, since: datetime, limit: int = 5) -> tuple[UserUsage, ...]:
    rows = await store.fetch(
        "SELECT q.platform, q.user_id, COUNT(*), COALESCE(SUM(q.tokens), 0),"
        " COALESCE(SUM(q.cost_usd), 0) FROM questions q WHERE q.at >= ?"
        " GROUP BY q.platform, q.user_id ORDER BY SUM(q.cost_usd) DESC, COUNT(*) DESC LIMIT ?",
        (ts(since), limit),
    )
    return tuple(UserUsage(r[0], r[1], r[2], r[3], r[4]) for r in rows)


async def _days(store: Store, today: datetime) -> tuple[DayUsage, ...]:
    first = today - timedelta(days=DAYS_SHOWN - 1)
    spend = {
        r[0]: (r[1], r[2])
        for r in await store.fetch(
            "SELECT substr(at, 1, 10), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)"
            " FROM usage WHERE at >= ? GROUP BY 1",
            (ts(first),),
        )
    }
    asked = {
        r[0]: r[1]
        for r in await store.fetch(
            "SELECT substr(at, 1, 10), COUNT(*) FROM questions WHERE at >= ? GROUP BY 1",
            (ts(first),),
        )
    }
    out = []
    for i in range(DAYS_SHOWN):
        day = (first + timedelta(days=i)).date()
        key = day.isoformat()
        tokens, cost = spend.get(key, (0, 0.0))
        out.append(DayUsage(day=day, questions=asked.get(key, 0), tokens=tokens, cost_usd=cost))
    return tuple(out)


def project_month(month_cost: float, days: Sequence[DayUsage], now: datetime) -> float:
    """Month-end cost: spend so far plus the recent daily average for the days left."""
    recent = [d.cost_usd for d in days[-TREND_DAYS:]]
    month_days = calendar.monthrange(now.year, now.month)[1]
    elapsed = now.day - 1 + (now - day_start(now)).total_seconds() / 86_400
    per_day = sum(recent) / max(1.0, min(float(len(recent)), elapsed)) if recent else 0.0
    return month_cost + per_day * max(0.0, month_days - elapsed)


async def build_usage_report(
    store: Store,
    config: Config,
    budget: BudgetStatus,
    health: Sequence[ModelHealth],
    now: datetime,
    step: StepState | None = None,
) -> UsageReport:
    today_start, this_month = day_start(now), month_start(now)
    today = await _period(store, config, "Today", today_start)
    month = await _period(store, config, now.strftime("%B %Y"), this_month)
    days = await _days(store, today_start)
    models = await _models(store, config, this_month)
    projected = project_month(month.cost_usd, days, now)
    report = UsageReport(
        generated_at=now,
        today=today,
        month=month,
        budget=budget,
        models=models,
        top_users=await _top_users(store, this_month),
        days=days,
        projected_month_usd=projected,
        step=step,
    )
    by_model, by_topic = await votes_since(store, this_month)
    return UsageReport(
        **{
            **report.__dict__,
            "recommendations": recommend(report, health, config),
            "votes_by_model": by_model,
            "votes_by_topic": by_topic,
        }
    )
