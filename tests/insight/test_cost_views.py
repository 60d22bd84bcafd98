"""/twin-usage (Slack, Discord), `twin usage` and the metrics show the prompt cache's share and
what it saved, reasoning tokens per model, and the budget's current step and why."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli.render_text import to_json, usage_text
from bot.discord.render import usage_embeds
from bot.slack.render import usage_blocks
from core.config import DEFAULT_PRICES, Price, load_config
from core.insight.metrics import Metrics
from core.insight.reports import BudgetStatus, StepState, UsageReport
from core.insight.usage_report import build_usage_report
from core.models.usage import Attempt, CallContext
from core.store.sqlite import SqliteStore as Store
from tests.slack.test_slack_render import all_texts

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
M20 = "openai/gpt-oss-20b"
STEP = StepState(2, "the month would end at $61.20 of the $50.00 budget", NOW, "short_answers")


def attempt(prompt: int, cached: int, completion: int, reasoning: int) -> Attempt:
    cost = ((prompt - cached) * 0.075 + cached * 0.0375 + completion * 0.30) / 1e6
    return Attempt(
        NOW,
        CallContext("r"),
        M20,
        prompt,
        completion,
        cost,
        100.0,
        "ok",
        cached_input_tokens=cached,
        reasoning_tokens=reasoning,
        cache_saved_usd=cached * 0.0375 / 1e6,  # priced when recorded, as the attempt runner does
    )


async def report(tmp_path: Path) -> UsageReport:
    path = tmp_path / "config.toml"
    path.write_text('[persona]\nprofile = "p.md"\n', encoding="utf-8")
    store = await Store.open(tmp_path / "t.db")
    try:
        await store.record_attempt(attempt(2000, 0, 300, 200))
        await store.record_attempt(attempt(2000, 1536, 300, 100))
        budget = BudgetStatus(4600, 100_000, 0.01, 50.0)
        return await build_usage_report(store, load_config(path), budget, (), NOW, STEP)
    finally:
        await store.close()


async def test_the_report_counts_cached_share_savings_and_reasoning(tmp_path: Path) -> None:
    r = await report(tmp_path)
    assert r.today.cached_input_tokens == 1536 and r.today.reasoning_tokens == 300
    assert r.today.cached_share == pytest.approx(1536 / 4000)
    assert r.today.cache_saved_usd == pytest.approx(1536 * 0.0375 / 1e6)
    (model,) = r.models
    assert model.reasoning_tokens == 300 and model.cached_share == pytest.approx(0.384)
    assert r.step == STEP


async def test_every_renderer_shows_cache_reasoning_and_step(tmp_path: Path) -> None:
    r = await report(tmp_path)
    text = usage_text(r)
    assert "Prompt cache: 38% of 4,000 prompt tokens" in text
    assert "300 reasoning" in text and "38% cached" in text
    assert "Budget step 2 of 3: short answers" in text and "$61.20" in text
    slack = "\n".join(all_texts(usage_blocks(r)))
    assert "Prompt cache: 38%" in slack and "Budget step 2 of 3" in slack
    assert "300 reasoning" in slack
    discord = "\n".join(
        [e.description or "" for e in usage_embeds(r)]
        + [str(f.value) for e in usage_embeds(r) for f in e.fields]
    )
    assert "Prompt cache: 38%" in discord and "Budget step 2 of 3" in discord
    assert "300 reasoning" in discord
    assert '"cached_input_tokens": 1536' in to_json(r) and '"step": 2' in to_json(r)


async def test_metrics_count_cached_and_reasoning_tokens_and_the_saving() -> None:
    metrics = Metrics(price=load_price)
    await metrics.record_attempt(attempt(2000, 1024, 300, 120))
    text = metrics.render((), BudgetStatus(0, 0, 0.0, 0.0), STEP)
    assert f'twin_tokens_total{{model="{M20}",kind="cached_input"}} 1024' in text
    assert f'twin_tokens_total{{model="{M20}",kind="reasoning"}} 120' in text
    saved = 1024 * 0.0375 / 1e6
    assert f'twin_prompt_cache_saved_usd_total{{model="{M20}"}} {saved:.8f}' in text
    assert 'twin_budget_step{name="short_answers"} 2' in text


def load_price(model: str) -> Price:
    return Price(*DEFAULT_PRICES[model])
