"""Build the usage summary (`/twin-usage`, `twin usage`) from the store's rows."""

from __future__ import annotations

import calendar
import dataclasses
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
)
from core.store.base import Store
from core.store.records import day_start, month_start

DAYS_SHOWN = 14
TREND_DAYS = 7


def project_month(month_cost: float, days: Sequence[DayUsage], now: datetime) -> float:
    """Month-end cost: spend so far plus the recent daily average for the days left."""
    recent = [d.cost_usd for d in days[-TREND_DAYS:]]
    month_days = calendar.monthrange(now.year, now.month)[1]
    elapsed = now.day - 1 + (now - day_start(now)).total_seconds() / 86_400
    per_day = sum(recent) / max(1.0, min(float(len(recent)), elapsed)) if recent else 0.0
    return month_cost + per_day * max(0.0, month_days - elapsed)


async def _models(store: Store, config: Config, since: datetime) -> tuple[ModelUsage, ...]:
    """Per model since `since`, with what Groq's prompt cache saved: priced when each call was
    recorded; calls recorded before prices were kept (schema 8) at today's price."""
    return tuple(
        dataclasses.replace(
            m,
            cache_saved_usd=m.cache_saved_usd
            + config.price(m.model).saved(m.unpriced_cached_tokens),
            unpriced_cached_tokens=0,
        )
        for m in await store.model_usage(since)
    )


async def _period(store: Store, config: Config, label: str, since: datetime) -> PeriodUsage:
    period = await store.period_usage(label, since)
    saved = sum(m.cache_saved_usd for m in await _models(store, config, since))
    return dataclasses.replace(period, cache_saved_usd=saved)


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
    days = tuple(await store.day_usage(today_start - timedelta(days=DAYS_SHOWN - 1), DAYS_SHOWN))
    models = await _models(store, config, this_month)
    projected = project_month(month.cost_usd, days, now)
    report = UsageReport(
        generated_at=now,
        today=today,
        month=month,
        budget=budget,
        models=models,
        top_users=tuple(await store.top_users(this_month)),
        days=days,
        projected_month_usd=projected,
        step=step,
    )
    by_model, by_topic = await votes_since(store, this_month)
    advice = recommend(report, health, config)
    return dataclasses.replace(
        report, recommendations=advice, votes_by_model=by_model, votes_by_topic=by_topic
    )
