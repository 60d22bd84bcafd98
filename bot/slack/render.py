"""Slack rendering: safe mrkdwn for answers, Block Kit for usage, health, gaps and alerts.

Everything that reaches Slack from the twin or from stored user text passes through
`escape_mrkdwn` (and `to_mrkdwn` for answers), so it can never form `<!everyone>`, `<!here>`,
`<!channel>`, `<@U…>` or `<#C…>`. Block Kit limits are respected: at most 50 blocks, 3000
characters per section text, 2000 per field, 150 per header.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot import report_lines as shared
from bot.charts import bar, ms, usd
from bot.common import split_message
from core.insight.alerts import Alert
from core.insight.recommendations import HEALTH_IN_CHAT, worded
from core.insight.reports import (
    GapGroup,
    GapsReport,
    HealthReport,
    ModelHealth,
    PeriodUsage,
    UsageReport,
)

Block = dict[str, Any]

MESSAGE_LIMIT = 3500  # Slack answers msg_too_long near 4,000 characters
MAX_BLOCKS = 50
SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
HEADER_LIMIT = 150
WORD_JOINER = "\u2060"  # invisible; keeps "@here" from ever being read as a broadcast

# --- mrkdwn ----------------------------------------------------------------------------------

_CODE = re.compile(r"(```.*?```|`[^`\n]+`)", re.S)
_BROADCAST = re.compile(r"(?<![\w@])@(here|channel|everyone)\b", re.I)
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+-][ \t]+", re.M)
_BOLD_MARK = "\x00"


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control characters, and defuse broadcasts."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@" + WORD_JOINER + m.group(1), escaped)


def _link(match: re.Match[str]) -> str:
    label = match.group(1).replace("|", "/")
    url = match.group(2).replace("|", "%7C")
    return f"<{url}|{label}>"


def _prose_to_mrkdwn(text: str) -> str:
    """Markdown prose (no code) to Slack mrkdwn; escaped first, so links are the only `<…>`."""
    text = escape_mrkdwn(text)
    text = _HEADING.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", text)
    text = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(2)}{_BOLD_MARK}", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _ITALIC.sub(r"_\1_", text)
    text = _STRIKE.sub(r"~\1~", text)
    text = _LINK.sub(_link, text)
    return text.replace(_BOLD_MARK, "*")


def to_mrkdwn(markdown: str) -> str:
    """Render the model's Markdown as safe Slack mrkdwn (code kept verbatim, but escaped)."""
    parts = _CODE.split(markdown.replace(_BOLD_MARK, ""))
    return "".join(
        escape_mrkdwn(part) if index % 2 else _prose_to_mrkdwn(part)
        for index, part in enumerate(parts)
    )


def answer_pieces(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Safe mrkdwn pieces of at most `limit` characters each, code fences kept whole."""
    if not text.strip():
        return ["…"]
    raw_limit = limit
    while True:
        pieces = [to_mrkdwn(piece) for piece in split_message(text, raw_limit)]
        if all(len(piece) <= limit for piece in pieces) or raw_limit <= 40:
            return pieces
        raw_limit = max(40, raw_limit * 3 // 4)  # escaping made a piece longer: cut smaller


def preview(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """What a message shows while the answer still streams: the first piece, marked unfinished."""
    first = answer_pieces(text, limit - 2)[0]
    return first.rstrip() + " …"


# --- Block Kit primitives ------------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": _clip(text, HEADER_LIMIT)}}


def section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(mrkdwn, SECTION_LIMIT)}}


def fields(*mrkdwn: str) -> Block:
    return {
        "type": "section",
        "fields": [{"type": "mrkdwn", "text": _clip(m, FIELD_LIMIT)} for m in mrkdwn[:10]],
    }


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(mrkdwn, 3000)}]}


def divider() -> Block:
    return {"type": "divider"}


def fit_blocks(blocks: list[Block], more: str = "…and more not shown") -> list[Block]:
    """At most 50 blocks: the last one kept says something was left out."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    return [*blocks[: MAX_BLOCKS - 1], context(more)]


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")


def _code(text: str) -> str:
    return "`" + escape_mrkdwn(text).replace("`", "'") + "`"


# --- usage -----------------------------------------------------------------------------------


def _period(period: PeriodUsage) -> str:
    lines = [
        f"*{escape_mrkdwn(period.label)}*",
        f"Questions: {period.questions:,}",
        f"Tokens: {period.tokens:,}",
        f"Cost: {usd(period.cost_usd)}",
        f"Cached: {period.cached:,} (saved {usd(period.saved_usd)})",
        f"Degraded: {period.degraded:,} · Failed: {period.failed:,}",
        f"Rate limited: {period.rate_limited:,} · Declined: private {period.declined_private:,}",
        shared.prompt_cache_line(period),
        *[line for line in [shared.orphaned_line(period)] if line],
    ]
    return "\n".join(lines)


def _user(platform: str, user_id: str) -> str:
    if platform == "slack" and re.fullmatch(r"[UW][A-Z0-9]{1,20}", user_id):
        return f"<@{user_id}>"  # admins see the name; the report is ephemeral, nobody is pinged
    return _code(f"{platform}:{user_id}")


def usage_blocks(report: UsageReport) -> list[Block]:
    """Budget bars, today and month, per model, top users, 14-day sparklines, recommendations."""
    budget = report.budget
    if budget.daily_tokens_limit:
        tokens = (
            f"Tokens today  `{bar(budget.daily_fraction)}`  "
            f"{budget.daily_tokens_used:,} of {budget.daily_tokens_limit:,}"
        )
    else:
        tokens = f"Tokens today: {budget.daily_tokens_used:,} (no daily cap)"
    if budget.monthly_usd_limit:
        spend = (
            f"Spend this month  `{bar(budget.monthly_fraction)}`  "
            f"{usd(budget.monthly_usd_used)} of {usd(budget.monthly_usd_limit)}"
        )
    else:
        spend = f"Spend this month: {usd(budget.monthly_usd_used)} (no monthly cap)"
    projected = f"Projected for the month: {usd(report.projected_month_usd)}"
    step = shared.step_line(report.step)
    if step:
        projected += f"\n:warning: {escape_mrkdwn(step)}"
    blocks: list[Block] = [
        header("Twin usage"),
        section(f"*Budget*\n{tokens}\n{spend}\n{projected}"),
        fields(_period(report.today), _period(report.month)),
    ]
    if report.models:
        lines = [shared.model_line(m, _code) for m in report.models]
        blocks += [divider(), section("*Per model*\n" + "\n".join(lines))]
    if report.votes_by_model:
        models = "\n".join(shared.model_vote_lines(report, _code))
        topics = "\n".join(shared.topic_vote_lines(report, escape_mrkdwn))
        blocks.append(section(f"*Helpful votes per model*\n{models}\n*Per topic*\n{topics}"))
    if report.top_users:
        lines = [
            shared.user_line(i, _user(u.platform, u.user_id), u)
            for i, u in enumerate(report.top_users, 1)
        ]
        blocks.append(section("*Top users*\n" + "\n".join(lines)))
    if report.days:
        first, last = report.days[0].day, report.days[-1].day
        span = f"*Last {len(report.days)} days* ({first:%b %d} – {last:%b %d})"
        blocks.append(section(f"{span}\n{shared.days_lines(report.days, _code)}"))
    if report.recommendations:
        tips = "\n".join(
            f"• {escape_mrkdwn(r)}" for r in worded(report.recommendations, HEALTH_IN_CHAT)
        )
        blocks += [divider(), section("*Recommendations*\n" + tips)]
    blocks.append(context(f"Generated {_when(report.generated_at)}"))
    return fit_blocks(blocks)


def usage_text(report: UsageReport) -> str:
    """Notification fallback for the usage blocks."""
    return (
        f"Twin usage: today {report.today.questions} questions, {usd(report.today.cost_usd)}; "
        f"month {usd(report.month.cost_usd)}"
    )


# --- health ----------------------------------------------------------------------------------

_BREAKER = {"closed": ":large_green_circle:", "half_open": ":large_yellow_circle:"}


def _model_health(m: ModelHealth) -> str:
    emoji = _BREAKER.get(m.breaker, ":red_circle:") if m.in_rotation else ":black_circle:"
    state = f"breaker {escape_mrkdwn(m.breaker.replace('_', '-'))}"
    if not m.in_rotation:
        state += " · *out of rotation*"
    rate = "no calls yet" if m.success_rate is None else f"{m.success_rate:.0%} success"
    lines = [
        f"{emoji} {_code(m.model)} ({escape_mrkdwn(m.provider)}) — {state}",
        f"{rate} over {m.calls:,} calls · p50 {ms(m.p50_ms)} · p95 {ms(m.p95_ms)}",
        f"{m.tokens:,} tokens · {usd(m.cost_usd)}",
        *shared.health_details(m, escape_mrkdwn),
    ]
    return "\n".join(lines)


def health_blocks(report: HealthReport) -> list[Block]:
    """Per-model success rate, p50/p95 latency, breaker state and rate-limit headroom."""
    available = "yes" if report.llm_available else "*no* (answering from the profile alone)"
    blocks: list[Block] = [
        header("Twin health"),
        section(f"Routing: *{escape_mrkdwn(report.routing)}* · Model available: {available}"),
    ]
    blocks += [section(_model_health(m)) for m in report.models]
    if not report.models:
        blocks.append(section("No models configured."))
    for note in report.notes:
        blocks.append(context(":warning: " + escape_mrkdwn(note)))
    blocks.append(context(f"Generated {_when(report.generated_at)}"))
    return fit_blocks(blocks, "…more models not shown")


def health_text(report: HealthReport) -> str:
    ok = sum(1 for m in report.models if m.in_rotation and m.breaker == "closed")
    return f"Twin health: {ok} of {len(report.models)} models healthy"


# --- gaps ------------------------------------------------------------------------------------


def _gap(group: GapGroup) -> str:
    text = (
        f"*#{group.id}* · " if group.id else ""
    ) + f"*{group.count}×*  {escape_mrkdwn(group.example)}\n_Last asked {_when(group.last_asked)}_"
    others = [q for q in group.questions if q != group.example][:3]
    if others:
        text += "\nAlso asked as: " + " · ".join(f"“{escape_mrkdwn(q)}”" for q in others)
    return text


def gaps_blocks(report: GapsReport) -> list[Block]:
    """Questions the profile could not answer, grouped by likeness, most asked first."""
    blocks: list[Block] = [header("Questions I couldn't answer")]
    if not report.groups:
        blocks.append(section("Nothing unanswered so far."))
    else:
        blocks.append(
            section(
                f"{report.total:,} unanswered question(s) in {len(report.groups):,} group(s). "
                "Add these topics to the profile to answer them next time."
            )
        )
        blocks += [section(_gap(g)) for g in report.groups]
    blocks.append(context(f"Generated {_when(report.generated_at)}"))
    return fit_blocks(blocks, "…more groups not shown (`twin gaps` lists them all)")


def gaps_text(report: GapsReport) -> str:
    return f"Twin gaps: {report.total} unanswered question(s) in {len(report.groups)} group(s)"


# --- alerts ----------------------------------------------------------------------------------

_SEVERITY = {"info": ":information_source:", "warning": ":warning:", "critical": ":rotating_light:"}


def alert_blocks(alert: Alert) -> list[Block]:
    """One admin alert: what happened and what to do."""
    emoji = _SEVERITY.get(alert.severity, ":warning:")
    return [
        section(f"{emoji} *{escape_mrkdwn(alert.title)}*\n{escape_mrkdwn(alert.text)}"),
        section(f"*What to do:* {escape_mrkdwn(alert.action)}"),
        context(f"{escape_mrkdwn(alert.kind)} · {alert.severity} · {_when(alert.at)}"),
    ]


def alert_text(alert: Alert) -> str:
    return escape_mrkdwn(f"{alert.title}: {alert.text}")
