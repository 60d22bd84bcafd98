"""Embeds stay inside Discord's limits however large the reports grow."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import discord

from bot.discord.render import (
    DESCRIPTION_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    MORE,
    TOTAL_LIMIT,
    fit_embeds,
    gaps_embeds,
    health_embeds,
    usage_embeds,
)
from core.insight.reports import (
    BudgetStatus,
    DayUsage,
    GapGroup,
    GapsReport,
    HealthReport,
    ModelHealth,
    ModelUsage,
    PeriodUsage,
    UsageReport,
    UserUsage,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def assert_within_limits(embeds: list[discord.Embed]) -> None:
    assert 1 <= len(embeds) <= 10
    assert sum(len(e) for e in embeds) <= TOTAL_LIMIT
    for embed in embeds:
        data = embed.to_dict()
        assert len(data.get("title", "")) <= 256
        assert len(data.get("description", "")) <= DESCRIPTION_LIMIT
        assert len(data.get("fields", [])) <= FIELD_COUNT_LIMIT
        for field in data.get("fields", []):
            assert 0 < len(field["name"]) <= FIELD_NAME_LIMIT
            assert 0 < len(field["value"]) <= FIELD_VALUE_LIMIT


def huge_usage() -> UsageReport:
    return UsageReport(
        generated_at=NOW,
        today=PeriodUsage("Today", questions=5),
        month=PeriodUsage("This month", questions=500),
        budget=BudgetStatus(90_000, 100_000, 60.0, 50.0),
        models=tuple(
            ModelUsage(f"provider/model-{i}-" + "x" * 40, 10, 1, 100, 200, 0.5, 321.0)
            for i in range(200)
        ),
        top_users=tuple(UserUsage("discord", str(10**17 + i), 3, 900, 0.01) for i in range(200)),
        days=tuple(
            DayUsage(date(2026, 11, 12) + timedelta(days=i), i, i * 10, i / 100) for i in range(14)
        ),
        projected_month_usd=75.0,
        recommendations=tuple("Move traffic to the cheaper model. " * 10 for _ in range(50)),
    )


def test_a_huge_usage_report_fits_one_message_and_says_more_was_left_out() -> None:
    embeds = usage_embeds(huge_usage())
    assert_within_limits(embeds)
    values = [f.value for e in embeds for f in e.fields]
    assert MORE in values
    assert embeds[0].colour == discord.Colour.red()  # the month is over budget


def test_many_gap_groups_with_long_questions_fit() -> None:
    groups = tuple(
        GapGroup(f"question {i} " + "why " * 600, (f"question {i}",), 60 - i, NOW)
        for i in range(60)
    )
    embeds = gaps_embeds(GapsReport(NOW, total=600, groups=groups))
    assert_within_limits(embeds)
    assert str(embeds[0].fields[0].name).startswith("60× · last asked 2026-11-25 12:00 UTC")


def test_gap_questions_are_markdown_escaped() -> None:
    group = GapGroup("What is **bold** and `code`?", ("What is **bold** and `code`?",), 2, NOW)
    (embed,) = gaps_embeds(GapsReport(NOW, total=2, groups=(group,)))
    assert embed.fields[0].value == "What is \\*\\*bold\\*\\* and \\`code\\`?"


def test_many_models_fit_the_health_embed() -> None:
    models = tuple(
        ModelHealth(
            f"model-{i}",
            "groq",
            in_rotation=i % 3 != 0,
            breaker="open" if i % 2 else "closed",
            calls=100,
            success_rate=0.9,
            p50_ms=200.0,
            p95_ms=900.0,
            last_error="rate_limited: " + "slow down " * 200,
            last_error_at=NOW,
        )
        for i in range(40)
    )
    embeds = health_embeds(HealthReport(NOW, "ordered", True, models, ("note " * 500,)))
    assert_within_limits(embeds)
    assert embeds[0].colour == discord.Colour.orange()


def test_fit_embeds_caps_the_total_over_several_embeds() -> None:
    embeds = [discord.Embed(title="t", description="d" * 4000) for _ in range(12)]
    fitted = fit_embeds(embeds)
    assert_within_limits(fitted)
    assert len(fitted) == 2  # 4001 + the rest of the 6000 clipped into the second
