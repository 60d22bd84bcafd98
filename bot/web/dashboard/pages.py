"""The Overview, Models and Alerts pages' `<main>` content, rendered from the data layer's
values (the Questions page is in `questions`)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.charts import usd
from bot.web.dashboard.charts import bar_chart, line_chart, meter, stacked_bar
from bot.web.dashboard.data import Alerts, Models, Overview
from bot.web.dashboard.layout import card, figures, note, stamp, table, when
from core.config import Config
from core.insight.quality import VoteCount
from core.insight.recommendations import worded
from core.insight.reports import ModelHealth

OUTCOME_ORDER = (
    "answered",
    "cached",
    "degraded",
    "declined_private",
    "rate_limited",
    "stopped",
    "failed",
    "empty",
)
OUTCOME_LABELS = {  # the questions table's outcomes, in words
    "answered": "answered by a model",
    "cached": "from the cache",
    "degraded": "from the profile alone",
    "declined_private": "declined (private)",
    "rate_limited": "rate limited",
    "stopped": "stopped by the member",
    "failed": "failed",
    "empty": "empty message",
}
HEALTH_HERE = "the Models page"  # where the dashboard's recommendations send the reader


def outcome_label(outcome: str) -> str:
    """A readable label for an outcome, also for one a newer twin records."""
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " "))


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}\u00a0ms"  # no break before the unit


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _count_axis(value: float) -> str:
    return f"{value:,.0f}"


def _tokens(value: float) -> str:
    return f"{value / 1000:,.1f}k" if value >= 1000 else f"{value:,.0f}"


def _charts(*figures: str) -> str:
    return f'<div class="charts">{"".join(figures)}</div>'


def overview_page(data: Overview, config: Config, now: datetime) -> str:
    parts = []
    if data.unavailable:
        parts.append(
            card(
                "Models unavailable",
                f'<p class="step step-over">{escape(data.unavailable)} '
                '<a href="/models">Models page</a></p>',
                name="unavailable",
            )
        )
    budget = data.budget.value
    if budget is None:
        parts.append(card("Budget", note(data.budget.note), name="budget"))
    else:
        bars = []
        if budget.daily_tokens_limit:
            bars.append(
                meter(
                    "budget-day",
                    "Tokens today",
                    budget.daily_fraction,
                    f"{budget.daily_tokens_used:,} of {budget.daily_tokens_limit:,} tokens today",
                )
            )
        if budget.monthly_usd_limit:
            bars.append(
                meter(
                    "budget-month",
                    "Spend this month",
                    budget.monthly_fraction,
                    f"{usd(budget.monthly_usd_used)} of {usd(budget.monthly_usd_limit)} this month",
                )
            )
        if not bars:
            bars.append(note("No budget caps are set ([budget] daily_tokens and monthly_usd)."))
        if data.step is not None:
            bars.append(
                f'<p class="step step-{escape(data.step.level)}">'
                f"<strong>Budget step:</strong> {escape(data.step.text)}</p>"
            )
        parts.append(card("Budget", "".join(bars), name="budget"))

    usage = data.usage.value
    if usage is not None:
        month = usage.month
        asked = month.questions
        parts.append(
            card(
                "This month",
                figures(
                    [
                        ("spent today", usd(usage.today.cost_usd)),
                        ("spent this month", usd(month.cost_usd)),
                        ("month-end projection", usd(usage.projected_month_usd)),
                        ("questions this month", f"{asked:,}"),
                        ("average per question", usd(month.cost_usd / asked) if asked else "—"),
                        (
                            f"answered from the cache, {usd(month.saved_usd)} saved",
                            _pct(month.cached / asked if asked else None),
                        ),
                    ]
                ),
                name="figures",
            )
        )
    else:
        parts.append(card("This month", note(data.usage.note), name="figures"))

    days = data.days.value
    if days is not None:
        labels = [d.day.strftime("%d %b") for d in days]
        parts.append(
            card(
                "Last 30 days",
                _charts(
                    bar_chart(
                        "answers",
                        "Questions per day",
                        labels,
                        [float(d.questions) for d in days],
                        _count_axis,
                    ),
                    bar_chart("spend", "Spend per day", labels, [d.cost_usd for d in days], usd),
                    bar_chart(
                        "tokens", "Tokens per day", labels, [float(d.tokens) for d in days], _tokens
                    ),
                ),
                name="days",
            )
        )
    else:
        parts.append(card("Last 30 days", note(data.days.note), name="days"))

    outcomes = data.outcomes.value
    if outcomes is not None:
        ordered = [o for o in OUTCOME_ORDER if o in outcomes] + sorted(
            o for o in outcomes if o not in OUTCOME_ORDER
        )
        chart = stacked_bar(
            "outcomes",
            "Answers by outcome, last 30 days",
            [(outcome_label(o), outcomes[o]) for o in ordered],
        )
        parts.append(card("Answers by outcome", chart, name="outcomes"))
    else:
        parts.append(card("Answers by outcome", note(data.outcomes.note), name="outcomes"))

    if usage is not None:
        recs = worded(usage.recommendations, HEALTH_HERE)
        body = (
            "<ul>" + "".join(f"<li>{escape(r)}</li>" for r in recs) + "</ul>"
            if recs
            else note("Nothing to change right now.")
        )
        parts.append(card("Recommendations", body, name="recommendations"))
    return "".join(parts) + stamp(now)


def _invented(h: ModelHealth) -> str:
    """Claims grounding held back per 100 answers (this process), e.g. "2.5 (of 40)"."""
    if h.invented_per_100 is None:
        return "—"
    return f"{h.invented_per_100:.1f} (of {h.answers_checked:,})"


def models_page(data: Models, now: datetime) -> str:
    parts = []
    health = data.health.value
    windows = {w.model: w for w in data.windows.value or ()}
    if health is None:
        parts.append(card("Models", note(data.health.note), name="models"))
    else:
        rows = []
        for h in health.models:
            w = windows.get(h.model)
            rows.append(
                [
                    h.model,
                    h.provider,
                    "yes" if h.in_rotation else "no (gone)",
                    h.breaker.replace("_", "-"),
                    _pct(w.success_rate if w else h.success_rate),
                    _ms(w.p50_ms if w else h.p50_ms),
                    _ms(w.p95_ms if w else h.p95_ms),
                    _count(h.remaining_requests),
                    _count(h.remaining_tokens),
                    _invented(h),
                    f"{h.last_error} ({when(h.last_error_at)})" if h.last_error else "—",
                ]
            )
        head = [
            "model",
            "provider",
            "in rotation",
            "breaker",
            "success",
            "p50",
            "p95",
            "requests left today",
            "tokens left this minute",
            "invented claims per 100 answers",
            "last error",
        ]
        body = table(head, rows) + "".join(note(n) for n in health.notes)
        body += note(
            "Success and latency cover each model's latest 200 calls by every instance; "
            "breaker and Groq limits are this process's view."
        )
        parts.append(card("Models", body, name="models"))

    trends = data.trends.value
    if trends is not None and trends:
        labels = [d.day.strftime("%d %b") for d in trends[0].days]
        p50 = [(t.model, [d.p50_ms for d in t.days]) for t in trends]
        p95 = [(t.model, [d.p95_ms for d in t.days]) for t in trends]
        rate = [
            (t.model, [None if d.success_rate is None else d.success_rate * 100 for d in t.days])
            for t in trends
        ]
        parts.append(
            card(
                "Over 30 days",
                _charts(
                    line_chart("p50", "p50 latency per day", labels, p50, _ms),
                    line_chart("p95", "p95 latency per day", labels, p95, _ms),
                    line_chart("success", "Success rate per day", labels, rate, _percent_value),
                ),
                name="trends",
            )
        )
    elif data.trends.note:
        parts.append(card("Over 30 days", note(data.trends.note), name="trends"))

    usage = data.usage.value
    if usage is not None:
        votes = {v.name: v for v in usage.votes_by_model}
        rows = [
            [
                m.model,
                f"{m.calls:,}",
                f"{m.failures:,}",
                _tokens(float(m.prompt_tokens + m.completion_tokens)),
                usd(m.cost_usd),
                usd(m.cost_usd / (m.calls - m.failures)) if m.calls > m.failures else "—",
                _ms(m.avg_latency_ms),
                _helpful(votes.get(m.model)),
            ]
            for m in usage.models
        ]
        head = [
            "model",
            "calls",
            "failed",
            "tokens",
            "cost",
            "per answer",
            "average latency",
            "helpful votes",
        ]
        body = table(head, rows) or note("No model calls this month.")
        if rows:
            body += note("Helpful votes: members' feedback buttons on this month's answers.")
        parts.append(card(f"Per model, {usage.month.label}", body, name="per-model"))
    else:
        parts.append(card("Per model", note(data.usage.note), name="per-model"))

    failed = data.failed.value
    if failed is not None:
        rows = [[when(f.at), f.model, f.outcome, f.request_id] for f in failed]
        body = table(["when", "model", "error", "request id"], rows) or note("No failed calls.")
        parts.append(card("Latest failed calls", body, name="failed"))
    else:
        parts.append(card("Latest failed calls", note(data.failed.note), name="failed"))
    return "".join(parts) + stamp(now)


def _helpful(votes: VoteCount | None) -> str:
    if votes is None or not votes.votes:
        return "—"
    return f"{votes.helpful:,} of {votes.votes:,} ({votes.helpful_share:.0%})"


def _percent_value(value: float) -> str:
    return f"{value:.0f}%"


def _severity(severity: str) -> str:
    return f'<span class="sev sev-{escape(severity)}">{escape(severity)}</span>'


def alerts_page(data: Alerts, now: datetime) -> str:
    alerts = data.alerts.value
    if alerts is None:
        return card("Alerts", note(data.alerts.note), name="alerts") + stamp(now)
    rows = [[when(a.at), _severity(a.severity), a.title, a.text, a.action] for a in alerts]
    head = ["when", "severity", "alert", "what happened", "what to do"]
    body = table(head, rows, raw=(1,)) or note("No alerts yet.")
    return card("Alerts", body, name="alerts") + stamp(now)
