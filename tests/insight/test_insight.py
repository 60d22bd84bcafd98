"""Owner and admin insight: gap grouping, recommendations from seeded usage, metrics text."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from core.config import load_config
from core.insight.metrics import Metrics
from core.insight.recommendations import recommend
from core.insight.reports import BudgetStatus, ModelHealth, ModelUsage, PeriodUsage, UsageReport
from core.models.usage import Attempt, CallContext
from core.owner.gaps import question_terms, similar_terms

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


def test_gap_terms_group_rewordings_and_keep_other_questions_apart() -> None:
    sports = [
        question_terms(q)
        for q in (
            "Do you play any sports?",
            "do you play sports",
            "Do you play sports at weekends?",
        )
    ]
    food = question_terms("What's your favourite food?")
    assert all(similar_terms(sports[0], other) for other in sports[1:])
    assert not similar_terms(sports[0], food)


def _config(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('[persona]\nprofile = "p.md"\n[budget]\nmonthly_usd = 5\n')
    return load_config(path)


def _report(models: tuple[ModelUsage, ...], projected: float) -> UsageReport:
    return UsageReport(
        generated_at=NOW,
        today=PeriodUsage("Today"),
        month=PeriodUsage("Month"),
        budget=BudgetStatus(0, 100_000, 2.0, 5.0),
        models=models,
        projected_month_usd=projected,
    )


def _health(model: str, calls: int, rate: float, p95: float) -> ModelHealth:
    return ModelHealth(model, "groq", True, "closed", calls=calls, success_rate=rate, p95_ms=p95)


def test_recommends_moving_traffic_to_a_reliable_cheaper_model(tmp_path: Path) -> None:
    config = _config(tmp_path)
    big = ModelUsage("openai/gpt-oss-120b", 400, 0, 4_000_000, 2_000_000, 1.8, 900.0)
    report = _report((big,), projected=3.0)
    health = [
        _health("openai/gpt-oss-20b", 100, 0.99, 800.0),
        _health("openai/gpt-oss-120b", 400, 0.99, 900.0),
    ]
    advice = recommend(report, health, config)
    assert len(advice) == 1
    # 4M in + 2M out at 20b prices = 0.9; saving 0.9 so far, scaled to the month (30/14.5 days)
    assert "openai/gpt-oss-20b" in advice[0] and "$1.86" in advice[0]


def test_no_shift_advice_when_the_cheap_model_is_unreliable(tmp_path: Path) -> None:
    config = _config(tmp_path)
    big = ModelUsage("openai/gpt-oss-120b", 400, 0, 4_000_000, 2_000_000, 1.8, 900.0)
    health = [
        _health("openai/gpt-oss-20b", 100, 0.80, 800.0),
        _health("openai/gpt-oss-120b", 400, 0.99, 900.0),
    ]
    assert recommend(_report((big,), 3.0), health, config) == ()


def test_warns_of_a_projected_overrun_and_a_slow_model(tmp_path: Path) -> None:
    config = _config(tmp_path)
    health = [
        _health("openai/gpt-oss-20b", 100, 0.99, 5000.0),
        _health("openai/gpt-oss-120b", 100, 0.99, 900.0),
        _health("local:x", 100, 0.99, 1000.0),
    ]
    advice = recommend(_report((), projected=7.5), health, config)
    assert any("ends at $7.50, over the $5.00 budget" in a for a in advice)
    assert any(a.startswith("openai/gpt-oss-20b is slow") for a in advice)
    assert not any(a.startswith("openai/gpt-oss-120b is slow") for a in advice)


async def test_metrics_text_counts_attempts_and_breakers() -> None:
    metrics = Metrics()
    ctx = CallContext(request_id="r")
    await metrics.record_attempt(Attempt(NOW, ctx, "m1", 100, 50, 0.001, 300.0, "ok"))
    await metrics.record_attempt(Attempt(NOW, ctx, "m1", 0, 0, 0.0, 30_000.0, "timeout"))
    metrics.observe_question("answered")
    health = [ModelHealth("m1", "groq", True, "open")]
    text = metrics.render(health, BudgetStatus(50_000, 100_000, 1.0, 4.0))
    assert 'twin_model_calls_total{model="m1",outcome="ok"} 1' in text
    assert 'twin_model_calls_total{model="m1",outcome="timeout"} 1' in text
    assert 'twin_tokens_total{model="m1",kind="prompt"} 100' in text
    assert 'twin_model_latency_seconds_bucket{model="m1",le="0.5"} 1' in text
    assert 'twin_model_latency_seconds_bucket{model="m1",le="+Inf"} 2' in text
    assert 'twin_breaker_state{model="m1"} 2' in text
    assert 'twin_budget_used_ratio{period="month",unit="usd"} 0.250000' in text
    assert 'twin_questions_total{outcome="answered"} 1' in text


def test_report_dataclasses_are_plain_values() -> None:
    p = replace(PeriodUsage("x"), questions=4, degraded=1)
    assert p.degraded_share == 0.25
    assert p.failed_share == 0.0
