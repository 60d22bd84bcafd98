"""Slack rendering: mrkdwn that can never ping anyone, answers split to fit, Block Kit limits."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.slack.render import (
    MAX_BLOCKS,
    alert_blocks,
    alert_text,
    answer_pieces,
    escape_mrkdwn,
    gaps_blocks,
    health_blocks,
    to_mrkdwn,
    usage_blocks,
)
from core.insight.alerts import Alert
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
PING = re.compile(r"<[!@#]")  # what Slack turns into @channel / @here / @everyone / a mention


def all_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text string inside some blocks."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return found


def assert_within_block_kit_limits(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
        for field in block.get("fields", []):
            assert len(field["text"]) <= 2000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    json.dumps(blocks)  # plain JSON, nothing else


def test_escape_turns_every_broadcast_and_mention_into_plain_text() -> None:
    text = escape_mrkdwn("<!everyone> <!here> <!channel> <@U123> <#C99> @here @channel & more")
    assert not PING.search(text)
    assert "&lt;!everyone&gt;" in text and "&amp; more" in text
    assert "@here" not in text and "@channel" not in text  # a word joiner sits after the @
    assert "@\u2060here" in text


def test_markdown_becomes_mrkdwn_without_pings() -> None:
    out = to_mrkdwn(
        "# Projects\n**Bold** and *soft* and ~~gone~~\n- one\n* two\n"
        "See [my site](https://example.com/?a=1&b=2) <!here>\n"
        "```python\nif a < b and c > d: print('<@U1>')\n```\nand `x<y`"
    )
    assert out.startswith("*Projects*\n*Bold* and _soft_ and ~gone~\n• one\n• two\n")
    assert "<https://example.com/?a=1&amp;b=2|my site>" in out
    assert "if a &lt; b and c &gt; d: print('&lt;@U1&gt;')" in out
    assert "`x&lt;y`" in out
    links_removed = out.replace("<https://example.com/?a=1&amp;b=2|my site>", "")
    assert "<" not in links_removed and ">" not in links_removed


def test_a_link_cannot_smuggle_a_broadcast() -> None:
    out = to_mrkdwn("[<!everyone>](https://x.example/<!channel>) [x](javascript:alert(1))")
    assert not PING.search(out)
    assert "javascript" in out and "<javascript" not in out  # only http(s) links become links


def test_long_answer_is_split_under_the_limit_keeping_every_word() -> None:
    words = [f"word{i}" for i in range(2000)]
    pieces = answer_pieces(" ".join(words), 3500)
    assert len(pieces) >= 4
    assert all(len(p) <= 3500 for p in pieces)
    assert " ".join(pieces).split() == words


def test_escaping_that_grows_the_text_still_fits_the_limit() -> None:
    pieces = answer_pieces("<>&" * 2000, 3500)  # 6,000 characters that escape to 26,000
    assert all(len(p) <= 3500 for p in pieces)
    assert "".join(pieces) == escape_mrkdwn("<>&" * 2000)


def test_empty_answer_still_renders_something() -> None:
    assert answer_pieces("   ") == ["…"]


def usage_report(models: int = 2, users: int = 3) -> UsageReport:
    return UsageReport(
        generated_at=NOW,
        today=PeriodUsage("Today", questions=12, calls=13, prompt_tokens=9000, cost_usd=0.0123),
        month=PeriodUsage("This month", questions=300, cached=40, saved_usd=0.5, cost_usd=3.2),
        budget=BudgetStatus(35_000, 100_000, 3.2, 50.0),
        models=tuple(
            ModelUsage(f"openai/model-{i}", 10, 1, 5000, 2000, 0.01, 812.0) for i in range(models)
        ),
        top_users=(
            *(UserUsage("slack", f"U{i:03d}", 9 - i, 1000, 0.002) for i in range(users)),
            UserUsage("discord", "<!everyone>", 1, 10, 0.0),
        ),
        days=tuple(
            DayUsage(date(2026, 11, 12) + timedelta(days=i), i, i * 100, i * 0.01)
            for i in range(14)
        ),
        projected_month_usd=5.1,
        recommendations=("Move more traffic to openai/gpt-oss-20b: saves about $2.10/month.",),
    )


def test_usage_blocks_show_budget_bars_periods_models_users_sparkline_and_tips() -> None:
    blocks = usage_blocks(usage_report())
    text = "\n".join(all_texts(blocks))
    assert blocks[0]["type"] == "header"
    assert "35,000 of 100,000" in text and "35%" in text and "█" in text
    assert "$3.20 of $50.00" in text and "Projected for the month: $5.10" in text
    assert "*Today*" in text and "*This month*" in text and "saved $0.50" in text
    assert "`openai/model-1`" in text and "avg 812 ms" in text
    assert "<@U000>" in text  # a Slack user id renders as a name for the admin
    assert "<!everyone>" not in text and "discord:&lt;!everyone&gt;" in text
    assert "▁" in text and "█" in text and "Last 14 days" in text
    assert "saves about $2.10/month" in text
    assert_within_block_kit_limits(blocks)


def test_usage_blocks_with_no_caps_say_so() -> None:
    report = usage_report()
    uncapped = UsageReport(
        generated_at=NOW,
        today=report.today,
        month=report.month,
        budget=BudgetStatus(10, 0, 1.0, 0.0),
    )
    text = "\n".join(all_texts(usage_blocks(uncapped)))
    assert "no daily cap" in text and "no monthly cap" in text


def test_huge_reports_stay_within_block_kit_limits() -> None:
    assert_within_block_kit_limits(usage_blocks(usage_report(models=400, users=400)))
    models = tuple(ModelHealth(f"m{i}", "groq", True, "closed") for i in range(80))
    health = health_blocks(HealthReport(NOW, "ordered", True, models))
    assert_within_block_kit_limits(health)
    assert "more models not shown" in all_texts(health)[-1]
    groups = tuple(GapGroup("x" * 5000, ("x" * 5000,) * 5, 3, NOW) for _ in range(80))
    assert_within_block_kit_limits(gaps_blocks(GapsReport(NOW, 240, groups)))


def test_health_blocks_show_success_latency_breaker_and_limits_left() -> None:
    report = HealthReport(
        generated_at=NOW,
        routing="adaptive",
        llm_available=True,
        models=(
            ModelHealth(
                "openai/gpt-oss-20b",
                "groq",
                True,
                "closed",
                calls=40,
                success_rate=0.975,
                p50_ms=420.0,
                p95_ms=1310.0,
                remaining_requests=990,
                remaining_tokens=18_000,
            ),
            ModelHealth(
                "openai/gpt-oss-120b",
                "groq",
                True,
                "open",
                calls=5,
                success_rate=0.2,
                last_error="timeout: <!here> no answer in 30 s",
                last_error_at=NOW,
            ),
            ModelHealth("llama-3.1-8b-instant", "groq", False, "closed"),
        ),
        notes=("GROQ_API_KEY is set",),
    )
    text = "\n".join(all_texts(health_blocks(report)))
    assert "98% success over 40 calls" in text and "p50 420 ms" in text and "p95 1,310 ms" in text
    assert "990 requests" in text and "18,000 tokens/min" in text
    assert ":large_green_circle:" in text and ":red_circle:" in text and "breaker open" in text
    assert "*out of rotation*" in text and "no calls yet" in text
    assert "&lt;!here&gt;" in text and not PING.search(text)


def test_gaps_blocks_list_example_count_and_last_asked_escaped() -> None:
    report = GapsReport(
        NOW,
        total=5,
        groups=(
            GapGroup(
                "Do you <!channel> speak Japanese?",
                ("Do you <!channel> speak Japanese?", "japanese?"),
                4,
                NOW,
            ),
            GapGroup("What's your salary?", ("What's your salary?",), 1, NOW - timedelta(days=1)),
        ),
    )
    text = "\n".join(all_texts(gaps_blocks(report)))
    assert "5 unanswered question(s) in 2 group(s)" in text
    assert "*4×*  Do you &lt;!channel&gt; speak Japanese?" in text
    assert "Last asked 2026-11-25 12:00 UTC" in text and "Last asked 2026-11-24" in text
    assert "“japanese?”" in text
    assert not PING.search(text)
    empty = "\n".join(all_texts(gaps_blocks(GapsReport(NOW, 0))))
    assert "Nothing unanswered" in empty


def test_alert_blocks_carry_title_text_and_action_escaped() -> None:
    alert = Alert(
        kind="budget",
        key="budget:2026-11:0.8",
        title="80% of the monthly budget spent",
        text="$40.00 of $50.00 <!channel>",
        action="Raise [budget] monthly_usd or move traffic to the cheaper model.",
        severity="warning",
        at=NOW,
    )
    text = "\n".join(all_texts(alert_blocks(alert)))
    assert ":warning: *80% of the monthly budget spent*" in text
    assert "*What to do:* Raise [budget] monthly_usd" in text
    assert not PING.search(text) and not PING.search(alert_text(alert))
