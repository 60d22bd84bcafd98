"""Budgets that bend before they break: every step reached and left on an injected clock, with a
projected overrun, never spending past the cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cli.render_text import usage_text
from bot.web.dashboard.data import current_step
from core.clock import FakeClock
from core.config import BudgetConfig
from core.insight.alerts import AlertBus
from core.limits.step_down import (
    DOWN_AT,
    LABELS,
    UP_MARGIN,
    BudgetFigures,
    StepDown,
    next_step,
    pressure,
)
from core.twin import Twin
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq

M20, M120 = "openai/gpt-oss-20b", "openai/gpt-oss-120b"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 5.5 days before the month ends


def figures(month_usd: float = 0.0, last_day_usd: float = 0.0, **kw: object) -> BudgetFigures:
    values: dict[str, object] = {
        "now": NOW,
        "month_usd": month_usd,
        "monthly_cap": 10.0,
        "last_day_usd": last_day_usd,
        "day_tokens": 0,
        "daily_cap": 0,
        **kw,
    }
    return BudgetFigures(**values)  # type: ignore[arg-type]


def test_the_month_projection_is_spend_plus_the_last_days_pace_for_the_days_left() -> None:
    ratio, why = pressure(figures(month_usd=4.0, last_day_usd=2.0))
    assert ratio == pytest.approx((4.0 + 2.0 * 5.5) / 10.0)
    assert "$15.00 of the $10.00 budget" in why


def test_the_day_projection_counts_todays_pace_over_at_least_six_hours() -> None:
    at_noon = figures(monthly_cap=0.0, day_tokens=50_000, daily_cap=80_000)
    assert pressure(at_noon)[0] == pytest.approx(100_000 / 80_000)
    just_after_midnight = figures(
        now=NOW.replace(hour=0, minute=1), monthly_cap=0.0, day_tokens=1_000, daily_cap=80_000
    )
    ratio, why = pressure(just_after_midnight)
    assert ratio == pytest.approx((1_000 + 1_000 / (6 * 3600) * (86_400 - 60)) / 80_000)
    assert "tokens" in why


def test_the_projections_follow_the_clock_across_a_day_and_a_month_back_and_forth() -> None:
    """The day's and month's bounds are kept from one call to the next while the day lasts:
    a time on another day (later or earlier) gets its own."""
    jan_31 = datetime(2027, 1, 31, 12, 0, tzinfo=UTC)  # half a day before February
    feb_1 = datetime(2027, 2, 1, 0, 30, tzinfo=UTC)  # 28 days minus 30 minutes before March
    day = {"monthly_cap": 0.0, "day_tokens": 1_000, "daily_cap": 1_000}
    month = {"month_usd": 1.0, "last_day_usd": 2.0, "monthly_cap": 10.0}
    for _ in range(2):
        for now in (jan_31, feb_1, jan_31):
            hours = 12.0 if now == jan_31 else 0.5
            left_s = 86_400 - hours * 3600
            expected_day = (1_000 + 1_000 / max(6 * 3600, hours * 3600) * left_s) / 1_000
            days_left = 0.5 if now == jan_31 else 28 - 0.5 / 24
            assert pressure(figures(now=now, **day))[0] == pytest.approx(expected_day)
            assert pressure(figures(now=now, **month))[0] == pytest.approx((1 + 2 * days_left) / 10)


def test_steps_go_down_at_once_and_up_one_at_a_time_with_a_margin() -> None:
    assert [next_step(r, 0) for r in (0.5, 1.01, 1.3, 1.6)] == [0, 1, 2, 3]
    assert next_step(DOWN_AT[2] * 0.95, 3) == 3  # just under the threshold: stays
    assert next_step(DOWN_AT[2] * UP_MARGIN * 0.99, 3) == 2
    assert next_step(0.0, 3) == 2  # never more than one step up at a time
    assert next_step(DOWN_AT[0] * UP_MARGIN * 0.99, 1) == 0


class Figures:
    """A settable figures reader."""

    def __init__(self) -> None:
        self.month_usd = 0.0
        self.last_day_usd = 0.0

    async def __call__(self, now: datetime) -> BudgetFigures:
        return BudgetFigures(now, self.month_usd, 10.0, self.last_day_usd, 0, 0)


async def test_each_change_is_announced_once_and_labelled() -> None:
    clock = FakeClock(NOW)
    read, alerts, claimed = Figures(), AlertBus(), set[str]()

    async def claim(key: str) -> bool:
        first = key not in claimed
        claimed.add(key)
        return first

    stepper = StepDown(BudgetConfig(short_max_tokens=100), read, alerts, claim, wall=clock.utc)
    seen = []
    for pace in (0.5, 2.0, 2.5, 3.0, 3.0, 0.0, 0.0, 0.0, 0.0):
        read.last_day_usd = pace
        state = await stepper.refresh()
        seen.append(state.step)
        clock.advance(60)
    assert seen == [0, 1, 2, 3, 3, 2, 1, 0, 0]
    kinds = [(a.kind, a.title) for a in alerts.sent]
    assert len(kinds) == 6 and {k for k, _ in kinds} == {"budget_step"}
    assert kinds[2][1] == "Budget: answering from the profile alone"
    assert stepper.state.since == clock.utc() - timedelta(seconds=120)
    read.last_day_usd = 2.5
    await stepper.refresh()
    assert stepper.label == LABELS[2] and "Short answers" in stepper.label
    assert stepper.max_tokens(1024) == 100 and stepper.cheapest_first


async def test_off_means_full_service_whatever_the_projection() -> None:
    read = Figures()
    read.last_day_usd = 100.0

    async def claim(key: str) -> bool:
        return True

    stepper = StepDown(BudgetConfig(step_down=False), read, AlertBus(), claim, wall=FakeClock().utc)
    assert (await stepper.refresh()).step == 0


# --- through the whole twin ------------------------------------------------------------


def ask(i: int) -> Question:
    return Question(
        text=f"What do you work on? ({i})",
        platform="slack",
        user_id=f"U{i}",
        channel_id="C1",
        conversation=f"slack:C1:{i}",
    )


async def month_spend(twin: Twin) -> float:
    rows = await twin._p.store.fetch("SELECT COALESCE(SUM(cost_usd), 0) FROM usage")
    return float(rows[0][0])


async def test_every_step_is_reached_and_left_without_spending_past_the_cap(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock
) -> None:
    cap = 1.0
    twin = await make_twin(
        f"[budget]\nmonthly_usd = {cap}\ndaily_tokens = 0\nshort_max_tokens = 100\n"
        "[limits]\nuser_per_minute = 0\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
        "tokens_per_minute = 0\n[cache]\nenabled = false\n"
        f'[prices."{M120}"]\ninput = 20.0\noutput = 20.0\n'
        f'[prices."{M20}"]\ninput = 10.0\noutput = 10.0\n',
        llm=f'check_models_at_start = false\nmodels = ["{M120}", "{M20}"]\nmax_tokens = 400\n',
    )
    fake_groq.usage = (500, 500)  # $0.02 a call on 120b, $0.01 on 20b
    fake_groq.prefix_cache = None
    steps: list[int] = []
    answers = []
    for i in range(80):
        answer = await twin.answer(ask(i))
        state = twin.budget_step()
        assert state is not None
        steps.append(state.step)
        answers.append((state.step, answer, len(fake_groq.requests)))
        assert await month_spend(twin) <= cap  # never past the cap
        clock.advance(61)  # past the step-down's refresh interval
        if state.step == 3:
            break
    assert steps[0] == 0 and steps[-1] == 3
    assert sorted(set(steps)) == [0, 1, 2, 3] and steps == sorted(steps)  # in order, down only
    by_step = {s: [a for st, a, _ in answers if st == s] for s in range(4)}
    assert all(a.model == M120 and not a.text.startswith("_(") for a in by_step[0])
    assert all(a.model == M20 and a.text.startswith(LABELS[1]) for a in by_step[1])
    assert all(a.model == M20 and a.text.startswith(LABELS[2]) for a in by_step[2])
    short = [r["max_tokens"] for r in fake_groq.requests if r["model"] == M20]
    assert short[-1] == 100 and short[0] == 400
    last = by_step[3][-1]
    assert last.degraded and last.model is None and last.text.startswith(LABELS[3])
    calls = len(fake_groq.requests)
    await twin.answer(ask(1000))
    assert len(fake_groq.requests) == calls  # profile only: no model call
    report = await twin.usage_report()
    assert report.step is not None and report.step.step == 3 and report.step.reason
    assert "Budget step 3 of 3: answers from the profile alone" in usage_text(report)
    assert 'twin_budget_step{name="profile_only"} 3' in twin.metrics_text()
    shown = current_step(twin, twin._p.guard.status())  # what the dashboard shows
    assert (
        shown.name == "profile_only" and shown.level == "over" and report.step.reason in shown.text
    )
    announced = [a for a in twin.alerts.sent if a.kind == "budget_step"]
    assert len(announced) == len({s for s in steps if s}) >= 3

    # Two quiet days later the last 24 h's pace is nothing: back up, one step per refresh.
    clock.advance(2 * 86_400)
    up: list[int] = []
    for i in range(4):
        await twin.answer(ask(2000 + i))
        state = twin.budget_step()
        assert state is not None
        up.append(state.step)
        clock.advance(61)
    assert up[:3] == [2, 1, 0]
    assert await month_spend(twin) <= cap
    assert twin.alerts.sent[-1].title == "Budget: back to full service"
