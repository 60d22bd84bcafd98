"""Lines of the usage and health reports and of the owner's weekly digest that the text, Slack
and Discord renderers share; each renderer passes its own way of quoting a name (`name`) or
escaping text (`escape`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.charts import sparkline, usd
from core.insight.quality import VoteCount
from core.insight.reports import (
    DayUsage,
    ModelHealth,
    ModelUsage,
    PeriodUsage,
    StepState,
    UsageReport,
    UserUsage,
)
from core.owner.digest import WeeklyDigest

Name = Callable[[str], str]


def prompt_cache_line(p: PeriodUsage) -> str:
    """ "Prompt cache: 62% of 12,000 prompt tokens · saved $0.0004 · 1,500 reasoning tokens"."""
    return (
        f"Prompt cache: {p.cached_share:.0%} of {p.prompt_tokens:,} prompt tokens · saved "
        f"{usd(p.cache_saved_usd)} · {p.reasoning_tokens:,} reasoning tokens"
    )


def orphaned_line(p: PeriodUsage) -> str | None:
    """Spend booked whole for calls a stopped instance left unsettled, or None when there is
    none: "Estimated: 2 calls cut off by a stopped instance, 2,800 tokens, $0.0012"."""
    if not p.orphaned:
        return None
    return (
        f"Estimated: {p.orphaned:,} call(s) cut off by a stopped instance, booked whole: "
        f"{p.orphaned_tokens:,} tokens, {usd(p.orphaned_usd)}"
    )


def model_cache_detail(m: ModelUsage) -> str:
    """ "45% cached (saved $0.0002), 1,234 reasoning" for one model's row."""
    return (
        f"{m.cached_share:.0%} cached (saved {usd(m.cache_saved_usd)}), "
        f"{m.reasoning_tokens:,} reasoning"
    )


def model_line(m: ModelUsage, name: Name) -> str:
    """One model's month in chat: calls, tokens, cost, latency and the prompt cache."""
    return (
        f"{name(m.model)} {m.calls:,} calls ({m.failures:,} failed) · "
        f"{m.prompt_tokens + m.completion_tokens:,} tokens · {usd(m.cost_usd)} · "
        f"avg {m.avg_latency_ms:,.0f} ms · {model_cache_detail(m)}"
    )


def user_line(rank: int, who: str, u: UserUsage) -> str:
    """One of the top users in chat: "1. <who> 12 questions · 3,400 tokens · $0.01"."""
    return f"{rank}. {who} {u.questions:,} questions · {u.tokens:,} tokens · {usd(u.cost_usd)}"


def days_lines(days: Sequence[DayUsage], name: Name) -> str:
    """Sparklines of questions and cost per day, each with its total."""
    questions, cost = [d.questions for d in days], [d.cost_usd for d in days]
    return (
        f"{name(sparkline(questions))} questions ({sum(questions):,})\n"
        f"{name(sparkline(cost))} cost ({usd(sum(cost))})"
    )


_STEP_NAMES = {
    "cheapest_model": "the cheapest healthy model first",
    "short_answers": "short answers (and the cheapest model)",
    "profile_only": "answers from the profile alone",
}


def step_line(step: StepState | None) -> str | None:
    """The budget's step-down in one line, or None at full service (or when it is off)."""
    if step is None or step.step == 0:
        return None
    since = f" since {step.since:%d %b %H:%M} UTC" if step.since else ""
    what = _STEP_NAMES.get(step.name, step.name)
    return f"Budget step {step.step} of 3: {what}{since}. Why: {step.reason}"


def rate_limit_left(m: ModelHealth) -> str | None:
    """ "Rate limit left: 14,000 requests · 5,000 tokens/min" from Groq's headers, if known."""
    left = []
    if m.remaining_requests is not None:
        left.append(f"{m.remaining_requests:,} requests")
    if m.remaining_tokens is not None:
        left.append(f"{m.remaining_tokens:,} tokens/min")
    return "Rate limit left: " + " · ".join(left) if left else None


def health_details(m: ModelHealth, escape: Name) -> list[str]:
    """The chat lines under a model's health: rate-limit headroom, claims held back, last error."""
    lines = [line for line in (rate_limit_left(m), m.invented_text) if line]
    if m.last_error:
        when = f" ({m.last_error_at:%Y-%m-%d %H:%M UTC})" if m.last_error_at else ""
        lines.append(f"Last error: {escape(m.last_error)}{when}")
    return lines


def _votes(v: VoteCount) -> str:
    return f"👍 {v.helpful:,} · 👎 {v.unhelpful:,} ({v.helpful_share:.0%} helpful)"


def model_vote_lines(report: UsageReport, name: Name) -> list[str]:
    """Per model: members' helpful votes, then what the model cost this month."""
    cost = {m.model: m.cost_usd for m in report.models}
    return [
        f"{name(v.name)}: {_votes(v)} · {usd(cost.get(v.name, 0.0))} this month"
        for v in report.votes_by_model
    ]


def topic_vote_lines(report: UsageReport, name: Name) -> list[str]:
    """Per topic: members' helpful votes, then what its answers cost this month."""
    return [
        f"{name(v.name)}: {_votes(v)} · {usd(v.cost_usd)} this month" for v in report.votes_by_topic
    ]


def digest_sections(digest: WeeklyDigest, escape: Name, quoted: int) -> list[tuple[str, str]]:
    """The weekly digest's sections as (title, text): unanswered topics, answers voted down
    (question and answer cut to `quoted` characters) and facts no question used."""
    sections = []
    if digest.unanswered:
        lines = [
            f"• {escape(g.question)} — {g.asks}× (gap {g.group_id})" for g in digest.unanswered
        ]
        sections.append(("Unanswered topics", "\n".join(lines)))
    if digest.thumbs_down:
        lines = [
            f"• “{escape(d.question[:quoted])}” → {escape(d.answer[:quoted])} (👎 {d.votes})"
            for d in digest.thumbs_down
        ]
        sections.append(("Answers voted down", "\n".join(lines)))
    if digest.unused_facts:
        more = digest.unused_total - len(digest.unused_facts)
        names = ", ".join(escape(t) for t in digest.unused_facts)
        tail = f" and {more} more" if more > 0 else ""
        sections.append(("Facts no question used in 60 days", names + tail))
    return sections
