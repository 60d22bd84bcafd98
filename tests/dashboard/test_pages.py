"""Every dashboard page after login, over a store with real history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.web.dashboard.visibility import HIDDEN, Viewer, member_text
from core.config import load_config
from core.store.sqlite import SqliteStore as Store
from tests.conftest import write_config
from tests.dashboard.conftest import GAP_QUESTIONS, MakeDash, ask


def charts(html: str) -> set[str]:
    return set(re.findall(r'<figure class="chart" data-chart="([\w-]+)">', html))


async def test_overview_shows_budget_spend_outcomes_and_projection(make_dash: MakeDash) -> None:
    dash = await make_dash()
    assert await dash.login() == 303
    resp = await dash.client.get("/")
    html = await resp.text()
    assert resp.status == 200
    assert resp.content_type == "text/html"
    assert charts(html) >= {"budget-day", "budget-month", "answers", "spend", "tokens", "outcomes"}
    usage = await dash.twin.usage_report()
    assert usage.month.cost_usd > 0
    assert f"{usage.month.questions:,}</span>" in html
    assert "month-end projection" in html
    assert "Budget step:</strong> Normal" in html
    assert "answered by a model" in html and "from the cache" in html  # outcomes in words
    assert 'data-panel="recommendations"' in html
    assert 'aria-current="page">Overview' in html
    assert "<svg" in html and "<script>" not in html and "style=" not in html


async def test_partial_refresh_returns_only_the_live_part(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    html = await (await dash.client.get("/?partial=1")).text()
    assert "<html" not in html and "<header" not in html
    assert 'data-chart="spend"' in html


async def test_a_refresh_shows_new_work(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    before = await (await dash.client.get("/?partial=1")).text()
    assert '7</span><span class="label">questions this month' in before
    await dash.twin.answer(ask("What languages do you speak?", user="U9"))
    after = await (await dash.client.get("/?partial=1")).text()
    assert '8</span><span class="label">questions this month' in after


async def test_models_page_shows_health_latency_and_failed_calls(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    html = await (await dash.client.get("/models")).text()
    assert charts(html) >= {"p50", "p95", "success"}
    assert "openai/gpt-oss-20b" in html and "openai/gpt-oss-120b" in html
    assert "closed" in html  # breakers
    failed = re.search(r'data-panel="failed">(.*?)</section>', html, re.S)
    assert failed is not None and "quota_exceeded" in failed.group(1)
    assert "requests left today" in html
    per_model = re.search(r'data-panel="per-model">(.*?)</section>', html, re.S)
    assert per_model is not None
    usage = await dash.twin.usage_report()
    for m in usage.models:
        assert f"<td>{m.model}</td><td>{m.calls:,}</td><td>{m.failures:,}</td>" in per_model.group(
            1
        )


async def test_questions_page_lists_gap_groups_with_action_forms(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    csrf = await dash.csrf()
    html = await (await dash.client.get("/questions")).text()
    assert GAP_QUESTIONS[2] in html  # the owner is logged in: member texts are shown
    assert html.count('action="/questions/action"') == 6  # sports and food, 3 actions each
    assert f'name="csrf" value="{csrf}"' in html
    assert "No thumbs-down answers yet." in html


async def test_alerts_page_shows_the_recorded_history(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    html = await (await dash.client.get("/alerts")).text()
    assert "80% of today&#x27;s tokens used" in html
    assert "Raise [budget] daily_tokens" in html


async def test_pages_render_on_an_empty_store(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    await dash.login()
    for path in ("/", "/models", "/questions", "/alerts"):
        resp = await dash.client.get(path)
        assert resp.status == 200, path
    assert "No data yet" in await (await dash.client.get("/")).text()
    assert "No alerts yet." in await (await dash.client.get("/alerts")).text()


async def test_a_panel_that_cannot_be_read_leaves_the_others(
    make_dash: MakeDash, monkeypatch: pytest.MonkeyPatch
) -> None:
    dash = await make_dash()
    await dash.login()

    async def broken(self: Store, limit: int = 200) -> list[object]:
        raise RuntimeError("no such table: alerts")

    monkeypatch.setattr(Store, "alerts_history", broken)
    resp = await dash.client.get("/alerts")
    assert resp.status == 200
    assert "could not be read just now" in await resp.text()
    assert "no such table" not in await resp.text()


def test_member_texts_follow_the_one_visibility_rule(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    text = "Can I mail you at sam@example.com about sports?"
    owner = member_text(config, Viewer("owner"), text)
    assert "sports" in owner and "sam@example.com" not in owner
    assert member_text(config, Viewer("anonymous"), text) == HIDDEN


async def test_other_wordings_of_a_gap_are_folded_under_the_newest(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    html = await (await dash.client.get("/questions")).text()
    newest, older = GAP_QUESTIONS[1], GAP_QUESTIONS[0]
    assert f"{newest}<details><summary>1 more wording(s)</summary><ul><li>{older}</li>" in html
