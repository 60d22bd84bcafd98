"""Discord rendering: embeds for usage, health, gaps and alerts, within Discord's embed limits.

Limits (per Discord's API): title 256, description 4096, at most 25 fields, field name 256,
field value 1024, footer 2048, and 6000 characters over all embeds of one message (at most 10
embeds). Every builder clips to these; `fit_embeds` enforces the per-message total. Text that
came from people (gap questions) is markdown-escaped; mentions inside embeds never ping anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

import discord

from bot import report_lines as shared
from bot.charts import bar, ms, usd
from core.insight.alerts import Alert
from core.insight.recommendations import HEALTH_IN_CHAT, worded
from core.insight.reports import (
    GapGroup,
    GapsReport,
    HealthReport,
    ModelHealth,
    PeriodUsage,
    UsageReport,
    UserUsage,
)

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
MORE = "…more not shown"

GREEN = discord.Colour.green()
ORANGE = discord.Colour.orange()
RED = discord.Colour.red()
BLURPLE = discord.Colour.blurple()


# --- primitives ------------------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending with … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Markdown-escaped text from people or models, shown as written."""
    return discord.utils.escape_markdown(text)


def code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def add_field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    """Add a field clipped to Discord's limits; beyond 25 fields the last one says so."""
    count = len(embed.fields)
    if count >= FIELD_COUNT_LIMIT:
        return
    if count == FIELD_COUNT_LIMIT - 1:
        name, value, inline = "…", MORE, False
    embed.add_field(
        name=clip(name, FIELD_NAME_LIMIT) or "…",
        value=clip(value, FIELD_VALUE_LIMIT) or "–",
        inline=inline,
    )


def add_lines(embed: discord.Embed, name: str, lines: Iterable[str]) -> None:
    """Lines as one field, continued in further fields when longer than a field value allows."""
    chunk: list[str] = []
    size = 0
    title = name
    for line in lines:
        line = clip(line, FIELD_VALUE_LIMIT)
        if chunk and size + len(line) + 1 > FIELD_VALUE_LIMIT:
            add_field(embed, title, "\n".join(chunk))
            title, chunk, size = f"{name} (continued)", [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        add_field(embed, title, "\n".join(chunk))


def new_embed(
    title: str, description: str = "", *, colour: discord.Colour, at: datetime | None = None
) -> discord.Embed:
    embed = discord.Embed(
        title=clip(title, TITLE_LIMIT),
        description=clip(description, DESCRIPTION_LIMIT) or None,
        colour=colour,
        timestamp=at,
    )
    if at is not None:
        embed.set_footer(text=clip(f"Generated {_when(at)}", FOOTER_LIMIT))
    return embed


def fit_embeds(embeds: Sequence[discord.Embed]) -> list[discord.Embed]:
    """At most 10 embeds and 6000 characters in all: trailing fields go first, marked."""
    fitted: list[discord.Embed] = []
    used = 0
    for embed in embeds[:EMBEDS_PER_MESSAGE]:
        dropped = False
        while used + len(embed) + len(MORE) + 1 > TOTAL_LIMIT and embed.fields:
            embed.remove_field(len(embed.fields) - 1)
            dropped = True
        if used + len(embed) > TOTAL_LIMIT:
            room = TOTAL_LIMIT - used - (len(embed) - len(embed.description or ""))
            if room < 40:
                break
            embed.description = clip(embed.description or "", room)
        if dropped and len(embed.fields) < FIELD_COUNT_LIMIT:
            embed.add_field(name="…", value=MORE, inline=False)
        used += len(embed)
        fitted.append(embed)
    return fitted


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")


def _budget_colour(fraction: float) -> discord.Colour:
    if fraction >= 1.0:
        return RED
    if fraction >= 0.8:
        return ORANGE
    return GREEN


# --- usage -----------------------------------------------------------------------------------


def _period(period: PeriodUsage) -> str:
    return "\n".join(
        [
            f"Questions: {period.questions:,}",
            f"Model calls: {period.calls:,} ({period.failed_calls:,} failed)",
            f"Tokens: {period.tokens:,}",
            f"Cost: {usd(period.cost_usd)}",
            f"Cached: {period.cached:,} (saved {usd(period.saved_usd)})",
            f"Degraded: {period.degraded:,} · Failed: {period.failed:,}",
            f"Rate limited: {period.rate_limited:,}",
            f"Declined: private {period.declined_private:,}",
            shared.prompt_cache_line(period),
            *[line for line in [shared.orphaned_line(period)] if line],
        ]
    )


def _who(u: UserUsage) -> str:
    if u.platform == "discord" and re.fullmatch(r"\d{15,22}", u.user_id):
        return f"<@{u.user_id}>"  # shows the name; a mention inside an embed pings nobody
    return code(f"{u.platform}:{u.user_id}")


def usage_embeds(report: UsageReport) -> list[discord.Embed]:
    """Budget bars, today and month, per model, top users, 14-day sparklines, recommendations."""
    budget = report.budget
    lines = ["**Budget**"]
    if budget.daily_tokens_limit:
        lines.append(
            f"Tokens today {code(bar(budget.daily_fraction))} "
            f"{budget.daily_tokens_used:,} of {budget.daily_tokens_limit:,}"
        )
    else:
        lines.append(f"Tokens today: {budget.daily_tokens_used:,} (no daily cap)")
    if budget.monthly_usd_limit:
        lines.append(
            f"Spend this month {code(bar(budget.monthly_fraction))} "
            f"{usd(budget.monthly_usd_used)} of {usd(budget.monthly_usd_limit)}"
        )
    else:
        lines.append(f"Spend this month: {usd(budget.monthly_usd_used)} (no monthly cap)")
    lines.append(f"Projected for the month: {usd(report.projected_month_usd)}")
    step = shared.step_line(report.step)
    if step:
        lines.append(f"⚠️ {escape(step)}")
    colour = _budget_colour(max(budget.daily_fraction, budget.monthly_fraction))
    embed = new_embed("Twin usage", "\n".join(lines), colour=colour, at=report.generated_at)
    add_field(embed, report.today.label or "Today", _period(report.today), inline=True)
    add_field(embed, report.month.label or "This month", _period(report.month), inline=True)
    if report.models:
        add_lines(
            embed, "Per model (this month)", (shared.model_line(m, code) for m in report.models)
        )
    if report.votes_by_model:
        add_lines(embed, "Helpful votes per model", shared.model_vote_lines(report, code))
        add_lines(embed, "Helpful votes per topic", shared.topic_vote_lines(report, escape))
    if report.top_users:
        users = (shared.user_line(i, _who(u), u) for i, u in enumerate(report.top_users, 1))
        add_lines(embed, "Top users (this month)", users)
    if report.days:
        first, last = report.days[0].day, report.days[-1].day
        span = f"Last {len(report.days)} days ({first:%b %d} – {last:%b %d})"
        add_field(embed, span, shared.days_lines(report.days, code))
    if report.recommendations:
        add_lines(
            embed,
            "Recommendations",
            (f"• {escape(r)}" for r in worded(report.recommendations, HEALTH_IN_CHAT)),
        )
    return fit_embeds([embed])


# --- health ----------------------------------------------------------------------------------

_BREAKER = {"closed": "🟢", "half_open": "🟡", "open": "🔴"}


def _model_field(m: ModelHealth) -> tuple[str, str]:
    sign = _BREAKER.get(m.breaker, "🔴") if m.in_rotation else "⚫"
    name = f"{sign} {m.model} ({m.provider})"
    state = f"Breaker: **{m.breaker.replace('_', '-')}**"
    if not m.in_rotation:
        state += " · **out of rotation**"
    rate = "no calls yet" if m.success_rate is None else f"{m.success_rate:.0%} success"
    lines = [
        state,
        f"{rate} over {m.calls:,} calls",
        f"Latency p50 {ms(m.p50_ms)} · p95 {ms(m.p95_ms)}",
        f"{m.tokens:,} tokens · {usd(m.cost_usd)}",
        *shared.health_details(m, escape),
    ]
    return name, "\n".join(lines)


def health_embeds(report: HealthReport) -> list[discord.Embed]:
    """Per model: breaker state, success rate, p50/p95 latency, rate-limit headroom, last error."""
    healthy = sum(1 for m in report.models if m.in_rotation and m.breaker == "closed")
    if not report.llm_available:
        colour = RED
    elif healthy < len(report.models):
        colour = ORANGE
    else:
        colour = GREEN
    available = "yes" if report.llm_available else "**no** (answering from the profile alone)"
    embed = new_embed(
        "Twin health",
        f"Routing: **{report.routing}** · Model available: {available}\n"
        f"{healthy} of {len(report.models)} models healthy",
        colour=colour,
        at=report.generated_at,
    )
    for m in report.models:
        name, value = _model_field(m)
        add_field(embed, name, value)
    if not report.models:
        add_field(embed, "Models", "No models configured.")
    if report.notes:
        add_lines(embed, "Notes", (f"⚠️ {escape(n)}" for n in report.notes))
    return fit_embeds([embed])


# --- gaps ------------------------------------------------------------------------------------


def _gap_field(group: GapGroup) -> tuple[str, str]:
    name = f"{group.count}× · last asked {_when(group.last_asked)}"
    if group.id:
        name = f"#{group.id} · {name}"  # the id `twin gaps answer ID` takes
    value = escape(group.example)
    others = [q for q in group.questions if q != group.example][:3]
    if others:
        value += "\nAlso asked as: " + " · ".join(f"“{escape(q)}”" for q in others)
    return name, value


def gaps_embeds(report: GapsReport) -> list[discord.Embed]:
    """Questions the profile could not answer, grouped by likeness, most asked first."""
    text, colour = "Nothing unanswered so far.", GREEN
    if report.groups:
        text = (
            f"{report.total:,} unanswered question(s) in {len(report.groups):,} group(s). "
            "Add these topics to the profile to answer them next time."
        )
        colour = ORANGE
    embed = new_embed("Questions I couldn't answer", text, colour=colour, at=report.generated_at)
    for group in report.groups:
        name, value = _gap_field(group)
        add_field(embed, name, value)
    return fit_embeds([embed])


# --- alerts ----------------------------------------------------------------------------------

_SEVERITY = {
    "info": ("ℹ️", BLURPLE),
    "warning": ("⚠️", ORANGE),
    "critical": ("🚨", RED),
}


def alert_embed(alert: Alert) -> discord.Embed:
    """One admin alert: what happened and what to do."""
    sign, colour = _SEVERITY.get(alert.severity, ("⚠️", ORANGE))
    embed = new_embed(f"{sign} {alert.title}", alert.text, colour=colour)
    embed.timestamp = alert.at
    add_field(embed, "What to do", alert.action)
    embed.set_footer(text=clip(f"{alert.kind} · {alert.severity}", FOOTER_LIMIT))
    return fit_embeds([embed])[0]
