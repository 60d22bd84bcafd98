"""Advice for admins in `/twin-usage`, `twin usage` and the dashboard, computed from real usage,
model health and prices."""

from __future__ import annotations

import calendar
import statistics
from collections.abc import Sequence

from core.config import Config
from core.insight.reports import ModelHealth, ModelUsage, UsageReport

MIN_SUCCESS_TO_SHIFT = 0.95  # the cheaper model must be this reliable before we suggest it
MIN_CALLS = 20  # below this, rates and latencies say too little
LATENCY_FACTOR = 2.0  # a p95 this many times the others' median is out of line
MIN_SAVING_USD = 0.01

# Where a recommendation sends the reader to see model health: each surface names its own
# (`worded`): /twin-health in a chat, `twin health` in a terminal, the dashboard's Models page.
HEALTH = "{health}"
HEALTH_IN_CHAT = "/twin-health"
HEALTH_IN_TERMINAL = "`twin health`"


def worded(recommendations: Sequence[str], health: str) -> tuple[str, ...]:
    """The recommendations as one surface shows them, pointing to `health` for model health."""
    return tuple(r.replace(HEALTH, health) for r in recommendations)


def _month_scale(report: UsageReport) -> float:
    """How much of the month's usage is still to come, as a multiplier of usage so far."""
    now = report.generated_at
    days = calendar.monthrange(now.year, now.month)[1]
    elapsed = max(1.0, now.day - 1 + now.hour / 24)
    return days / elapsed


def _shift_saving(expensive: ModelUsage, cheap_id: str, config: Config, scale: float) -> float:
    at_cheap = config.price(cheap_id).cost(  # the same tokens, the same cache hits
        expensive.prompt_tokens, expensive.completion_tokens, expensive.cached_input_tokens
    )
    return (expensive.cost_usd - at_cheap) * scale


def _cheaper_model(report: UsageReport, health: Sequence[ModelHealth], config: Config) -> list[str]:
    by_id = {h.model: h for h in health}
    out: list[str] = []
    chain = [m for m in config.llm.models if by_id.get(m) is None or by_id[m].in_rotation]
    if len(chain) < 2:
        return out
    cheapest = min(chain, key=lambda m: config.price(m).input + config.price(m).output)
    cheap_health = by_id.get(cheapest)
    if cheap_health is None or cheap_health.calls < MIN_CALLS:
        return out
    rate = cheap_health.success_rate or 0.0
    if rate < MIN_SUCCESS_TO_SHIFT:
        return out
    scale = _month_scale(report)
    for usage in report.models:
        if usage.model == cheapest or usage.calls == 0:
            continue
        saving = _shift_saving(usage, cheapest, config, scale)
        if saving >= MIN_SAVING_USD:
            out.append(
                f"{usage.model} carried {usage.calls} calls this month. {cheapest} answers "
                f"{rate:.0%} of its calls; sending that traffic to it would save about "
                f"${saving:,.2f} a month. Put {cheapest} first in [llm] models, or use "
                f'routing = "adaptive".'
            )
    return out


def _overrun(report: UsageReport) -> list[str]:
    limit = report.budget.monthly_usd_limit
    if not limit or report.projected_month_usd <= limit:
        return []
    return [
        f"At the current pace this month ends at ${report.projected_month_usd:,.2f}, over the "
        f"${limit:,.2f} budget. Lower [llm] max_tokens, tighten [limits], or raise "
        f"[budget] monthly_usd."
    ]


def _slow_models(health: Sequence[ModelHealth]) -> list[str]:
    measured = [h for h in health if h.p95_ms is not None and h.calls >= MIN_CALLS]
    if len(measured) < 2:
        return []
    out = []
    for h in measured:
        others = [o.p95_ms for o in measured if o is not h and o.p95_ms is not None]
        typical = statistics.median(others)
        assert h.p95_ms is not None
        if typical > 0 and h.p95_ms > LATENCY_FACTOR * typical:
            out.append(
                f"{h.model} is slow: p95 {h.p95_ms:,.0f} ms against {typical:,.0f} ms for the "
                f'others. Move it later in [llm] models, or use routing = "adaptive".'
            )
    return out


def _degraded(report: UsageReport) -> list[str]:
    today = report.today
    if today.questions >= 10 and today.degraded_share >= 0.2:
        return [
            f"{today.degraded_share:.0%} of today's answers were given without a model. "
            f"Check {HEALTH} for models that are down, and the budget above."
        ]
    return []


def recommend(
    report: UsageReport, health: Sequence[ModelHealth], config: Config
) -> tuple[str, ...]:
    """Short, actionable sentences; empty when there is nothing worth saying."""
    return tuple(
        [
            *_overrun(report),
            *_cheaper_model(report, health, config),
            *_slow_models(health),
            *_degraded(report),
        ]
    )
