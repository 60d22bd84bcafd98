"""Reports and answers as plain text (the terminal) or JSON (scripts)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from bot.charts import bar, sparkline, usd
from bot.report_lines import (
    model_cache_detail,
    model_vote_lines,
    orphaned_line,
    prompt_cache_line,
    rate_limit_left,
    step_line,
    topic_vote_lines,
)
from core.insight.recommendations import HEALTH_IN_TERMINAL, worded
from core.insight.reports import (
    GapsReport,
    HealthReport,
    PeriodUsage,
    UsageReport,
)
from core.types import Answer


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(report: Any) -> str:
    """Any report dataclass as pretty JSON (recommendations worded for the terminal)."""
    if isinstance(report, UsageReport):
        tips = worded(report.recommendations, HEALTH_IN_TERMINAL)
        report = dataclasses.replace(report, recommendations=tips)
    return json.dumps(_plain(dataclasses.asdict(report)), indent=2, ensure_ascii=False)


def answer_record(question: str, answer: Answer) -> dict[str, Any]:
    """The JSON object `twin ask --json` prints for one question."""
    return {
        "question": question,
        "answer": answer.text,
        "model": answer.model,
        "prompt_tokens": answer.prompt_tokens,
        "completion_tokens": answer.completion_tokens,
        "cached_input_tokens": answer.cached_input_tokens,
        "reasoning_tokens": answer.reasoning_tokens,
        "cost_usd": round(answer.cost_usd, 8),
        "latency_ms": round(answer.latency_ms, 1),
        "degraded": answer.degraded,
        "cached": answer.cached,
        "gap": answer.gap,
        "refused": answer.refusal.kind.value if answer.refusal else None,
        "retry_after": answer.refusal.retry_after if answer.refusal else None,
        "error": answer.error,
        "request_id": answer.request_id,
        "sources": list(answer.sources),
        "held_claims": list(answer.held_claims),  # grounding held these back
    }


def answer_footer(answer: Answer) -> str:
    """One line under an answer: where it came from and what it cost."""
    if answer.cached:
        return f"(cached answer from {answer.model} · no model call)"
    if answer.refusal is not None and not answer.degraded:
        return f"(not answered: {answer.refusal.kind.value})"
    if answer.degraded:
        why = f", {answer.error}" if answer.error else ""
        return f"(degraded: answered from the profile alone{why})"
    return (
        f"({answer.model} · {answer.prompt_tokens}+{answer.completion_tokens} tokens · "
        f"{usd(answer.cost_usd)} · {answer.latency_ms:.0f} ms)"
    )


def _period(p: PeriodUsage) -> list[str]:
    return [
        f"{p.label}: {p.questions} questions, {p.calls} model calls ({p.failed_calls} failed), "
        f"{p.tokens:,} tokens, {usd(p.cost_usd)}",
        f"  degraded {p.degraded_share:.0%} · failed {p.failed_share:.0%} · cached {p.cached} "
        f"(saved {usd(p.saved_usd)}) · rate limited {p.rate_limited} · "
        f"declined: private {p.declined_private}",
        f"  {prompt_cache_line(p)}",
        *(f"  {line}" for line in [orphaned_line(p)] if line),
    ]


def usage_text(r: UsageReport) -> str:
    b = r.budget
    lines = ["Usage", ""]
    if b.daily_tokens_limit:
        lines.append(
            f"Tokens today  {bar(b.daily_fraction)}  {b.daily_tokens_used:,} / "
            f"{b.daily_tokens_limit:,}"
        )
    if b.monthly_usd_limit:
        lines.append(
            f"Spend (month) {bar(b.monthly_fraction)}  {usd(b.monthly_usd_used)} / "
            f"{usd(b.monthly_usd_limit)}"
        )
    step = step_line(r.step)
    if step:
        lines.append(step)
    lines += ["", *_period(r.today), *_period(r.month)]
    lines.append(f"Projected month end: {usd(r.projected_month_usd)}")
    if r.days:
        lines.append(
            f"Last {len(r.days)} days (cost): {sparkline([d.cost_usd for d in r.days])}  "
            f"{r.days[0].day:%d %b} → {r.days[-1].day:%d %b}"
        )
    if r.models:
        lines += ["", "Per model (this month):"]
        for m in r.models:
            lines.append(
                f"  {m.model}: {m.calls} calls, {m.failures} failed, "
                f"{m.prompt_tokens + m.completion_tokens:,} tokens, {usd(m.cost_usd)}, "
                f"avg {m.avg_latency_ms:.0f} ms; {model_cache_detail(m)}"
            )
    if r.votes_by_model:
        lines += ["", "Helpful votes per model (this month):"]
        lines += [f"  {line}" for line in model_vote_lines(r, str)]
        lines += ["Helpful votes per topic:"]
        lines += [f"  {line}" for line in topic_vote_lines(r, str)]
    if r.top_users:
        lines += ["", "Top users (this month):"]
        for u in r.top_users:
            lines.append(
                f"  {u.platform}:{u.user_id}: {u.questions} questions, {u.tokens:,} tokens, "
                f"{usd(u.cost_usd)}"
            )
    if r.recommendations:
        tips = worded(r.recommendations, HEALTH_IN_TERMINAL)
        lines += ["", "Recommendations:", *(f"  - {x}" for x in tips)]
    return "\n".join(lines)


def health_text(r: HealthReport) -> str:
    state = "available" if r.llm_available else "NOT available (answers are degraded)"
    lines = [f"Models ({r.routing} routing): {state}", ""]
    for m in r.models:
        rate = "-" if m.success_rate is None else f"{m.success_rate:.0%}"
        p50 = "-" if m.p50_ms is None else f"{m.p50_ms:.0f}"
        p95 = "-" if m.p95_ms is None else f"{m.p95_ms:.0f}"
        rotation = "" if m.in_rotation else "  OUT OF ROTATION"
        lines.append(f"{m.model} [{m.provider}]  breaker {m.breaker}{rotation}")
        lines.append(
            f"  {m.calls} calls, success {rate}, p50 {p50} ms, p95 {p95} ms, "
            f"{m.tokens:,} tokens, {usd(m.cost_usd)}"
        )
        left = rate_limit_left(m)
        if left:
            lines.append(f"  {left}")
        if m.invented_text:
            lines.append(f"  {m.invented_text}")
        if m.last_error:
            when = f" at {m.last_error_at:%Y-%m-%d %H:%M} UTC" if m.last_error_at else ""
            lines.append(f"  last error{when}: {m.last_error}")
    if r.notes:
        lines += ["", *(f"Note: {n}" for n in r.notes)]
    return "\n".join(lines)


def gaps_text(r: GapsReport) -> str:
    if not r.groups:
        return "No unanswered questions recorded yet."
    lines = [f"Questions the profile could not answer ({r.total} in all):", ""]
    for g in r.groups:
        kind = "  [thumbs-down]" if g.kind == "thumbs_down" else ""
        lines.append(
            f"#{g.id:<4} {g.count:>3}×  {g.example}   (last {g.last_asked:%Y-%m-%d %H:%M} UTC)"
            + kind
        )
        for other in g.questions[1:4]:
            lines.append(f"            also: {other}")
        if g.kind == "held_claim":  # a possible gap: add the fact to the profile if it is true
            lines.append(f"            {g.detail}")
    lines += ["", 'Answer one: twin gaps answer ID "text"  (or: twin gaps private ID / ignore ID)']
    return "\n".join(lines)
