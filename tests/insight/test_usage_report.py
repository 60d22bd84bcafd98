"""The usage summary from seeded rows: periods, days, per model, top users, projection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.config import load_config
from core.insight.reports import BudgetStatus
from core.insight.usage_report import build_usage_report
from core.models.usage import Attempt, CallContext
from core.store.records import QuestionRecord
from core.store.sqlite import SqliteStore as Store

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 24.5 days into a 30-day month


async def seed(store: Store) -> None:
    for days_ago in range(0, 20):
        at = NOW - timedelta(days=days_ago)
        user = "U_small" if days_ago % 3 == 0 else "U_big"
        ctx = CallContext(request_id=f"r{days_ago}", platform="slack", user_id=user, channel_id="C")
        await store.record_attempt(
            Attempt(at, ctx, "openai/gpt-oss-20b", 1000, 500, 0.10, 300.0, "ok")
        )
        await store.record_attempt(
            Attempt(at, ctx, "openai/gpt-oss-120b", 0, 0, 0.0, 50.0, "server_error")
        )
        await store.record_question(
            QuestionRecord(
                at, f"r{days_ago}", "slack", user, "C", "answered", cost_usd=0.10, tokens=1500
            )
        )
    await store.record_question(QuestionRecord(NOW, "x1", "slack", "U_small", "C", "degraded"))
    await store.record_question(QuestionRecord(NOW, "x2", "slack", "U_small", "C", "rate_limited"))
    await store.record_question(
        QuestionRecord(NOW, "x3", "slack", "U_new", "C", "cached", saved_usd=0.10)
    )
    # last month: counts for nothing this month
    old = NOW - timedelta(days=40)
    ctx = CallContext(request_id="old", platform="slack", user_id="U_old", channel_id="C")
    await store.record_attempt(Attempt(old, ctx, "openai/gpt-oss-20b", 10**6, 0, 9.0, 1.0, "ok"))


async def test_usage_report_from_seeded_rows(tmp_path: Path) -> None:
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text('[persona]\nprofile = "p.md"\n')
    config = load_config(cfg_path)
    store = await Store.open(tmp_path / "t.db")
    await seed(store)
    budget = BudgetStatus(1500, 100_000, 2.4, 50.0)
    report = await build_usage_report(store, config, budget, (), NOW)
    await store.close()

    assert report.today.questions == 4 and report.today.calls == 2
    assert report.today.failed_calls == 1
    assert (
        report.today.degraded == 1 and report.today.rate_limited == 1 and report.today.cached == 1
    )
    assert report.today.degraded_share == pytest.approx(0.25)
    assert report.today.saved_usd == pytest.approx(0.10)
    # November: days 6..25 are in the month (20 days), the 40-days-old call is not
    assert report.month.cost_usd == pytest.approx(2.0)
    assert report.month.calls == 40
    assert [d.day for d in report.days][-1] == NOW.date() and len(report.days) == 14
    assert all(d.cost_usd == pytest.approx(0.10) for d in report.days)
    assert report.models[0].model == "openai/gpt-oss-20b" and report.models[0].calls == 20
    assert report.models[1].failures == 20
    assert report.top_users[0].user_id == "U_big"  # most spend first
    # 2.0 so far + 0.10 a day for the 5.5 days left
    assert report.projected_month_usd == pytest.approx(2.55)
