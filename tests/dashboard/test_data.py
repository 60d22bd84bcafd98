"""The data layer's budget step: from the store's totals, or the twin's own step-down."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.web.dashboard.data import budget_step, current_step
from core.insight.reports import BudgetStatus
from tests.dashboard.conftest import MakeDash


def status(day_used: int, month_used: float) -> BudgetStatus:
    return BudgetStatus(day_used, 1000, month_used, 10.0)


def test_the_step_follows_the_worst_cap() -> None:
    assert budget_step(status(100, 1.0), (0.8, 1.0)).name == "normal"
    near = budget_step(status(850, 1.0), (0.8, 1.0))
    assert (near.name, near.level) == ("near", "near") and "85%" in near.text
    assert budget_step(status(100, 10.5), (0.8, 1.0)).level == "over"
    assert budget_step(status(700, 1.0), (0.6, 1.0)).name == "near"  # the first alert sets it


async def test_the_twins_own_step_down_wins_when_it_has_one(
    make_dash: MakeDash, monkeypatch: pytest.MonkeyPatch
) -> None:
    dash = await make_dash()
    twin = dash.twin
    assert current_step(twin, status(0, 0.0)).name == "normal"
    state = SimpleNamespace(name="short_answers", reason="the month's pace is 130% of it")
    monkeypatch.setattr(twin, "budget_step", lambda: state, raising=False)
    step = current_step(twin, status(0, 0.0))
    assert (step.name, step.level) == ("short_answers", "near")
    assert "short answers" in step.text and "130%" in step.text
    await dash.login()
    html = await (await dash.client.get("/")).text()
    assert 'class="step step-near"' in html and "130%" in html
