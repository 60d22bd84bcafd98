"""Invented claims per 100 answers per model, as `twin health` and /twin-health on Slack and
Discord show them (the dashboard: tests/dashboard/test_grounding_page.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.cli.render_text import health_text
from bot.discord.render import health_embeds
from bot.slack.render import health_blocks
from core.insight.reports import HealthReport, ModelHealth

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
SAID = "12.5 invented claims per 100 answers (of 40 checked)"
REPORT = HealthReport(
    NOW,
    "ordered",
    True,
    (
        ModelHealth("m-a", "groq", True, "closed", answers_checked=40, invented_per_100=12.5),
        ModelHealth("m-b", "groq", True, "closed"),  # nothing checked yet: no line
    ),
)


def test_twin_health_shows_the_rate_of_checked_models_only() -> None:
    text = health_text(REPORT)
    assert SAID in text and text.count("invented claims") == 1


def test_slack_and_discord_show_the_rate() -> None:
    assert SAID in json.dumps([b for b in health_blocks(REPORT)])
    embeds = health_embeds(REPORT)
    fields = [f.value for e in embeds for f in e.fields]
    assert any(SAID in str(v) for v in fields)
