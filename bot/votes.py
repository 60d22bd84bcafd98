"""Lines of members' helpful votes beside cost, shared by the text, Slack and Discord usage
renderers (each escapes the names its own way)."""

from __future__ import annotations

from collections.abc import Callable

from bot.charts import usd
from core.insight.quality import VoteCount
from core.insight.reports import UsageReport


def _votes(v: VoteCount) -> str:
    return f"👍 {v.helpful:,} · 👎 {v.unhelpful:,} ({v.helpful_share:.0%} helpful)"


def model_vote_lines(report: UsageReport, name: Callable[[str], str]) -> list[str]:
    """Per model: the votes, then what the model cost this month."""
    cost = {m.model: m.cost_usd for m in report.models}
    return [
        f"{name(v.name)}: {_votes(v)} · {usd(cost.get(v.name, 0.0))} this month"
        for v in report.votes_by_model
    ]


def topic_vote_lines(report: UsageReport, name: Callable[[str], str]) -> list[str]:
    """Per topic: the votes, then what its answers cost this month."""
    return [
        f"{name(v.name)}: {_votes(v)} · {usd(v.cost_usd)} this month" for v in report.votes_by_topic
    ]
