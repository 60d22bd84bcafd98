"""History over the shared store: what the dashboard reads, seen from another instance."""

from __future__ import annotations

from core.clock import FakeClock
from core.insight.alerts import Alert
from core.insight.history import HISTORY_DAYS, History
from tests.conftest import MakeTwin
from tests.dashboard.conftest import GAP_QUESTIONS, ask, seed
from tests.fakes.groq_server import FakeGroq


async def test_a_second_instance_sees_the_first_ones_work(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock
) -> None:
    worker = await make_twin()
    viewer = await make_twin()  # the same database: a dashboard in its own process
    await seed(worker, fake_groq, clock)
    history = viewer.history
    budget = await history.budget()
    assert budget.daily_tokens_used > 0 and budget.monthly_usd_used > 0
    days = await history.days()
    assert len(days) == HISTORY_DAYS and days[-1].day == clock.utc().date()
    assert sum(d.questions for d in days) == 7
    assert days[-14:] == (await viewer.usage_report()).days  # the same figures as /twin-usage
    outcomes = await history.outcomes()
    assert outcomes["cached"] == 1 and outcomes["answered"] == 6
    windows = {w.model: w for w in await history.model_windows()}
    assert windows["openai/gpt-oss-20b"].success_rate is not None
    assert windows["openai/gpt-oss-20b"].success_rate < 1.0
    trends = {t.model: t for t in await history.model_trends()}
    today = trends["openai/gpt-oss-120b"].days[-1]
    assert today.calls >= 1 and today.p50_ms is not None
    failed = await history.failed_calls()
    assert [f.model for f in failed] == ["openai/gpt-oss-20b"]
    alerts = await history.alerts()
    assert [a.key for a in alerts] == ["budget:test"]


async def test_published_alerts_are_recorded_newest_first(
    make_twin: MakeTwin, clock: FakeClock
) -> None:
    twin = await make_twin()
    for n in range(3):
        clock.advance(60)
        await twin.alerts.publish(
            Alert(f"k{n}", f"key{n}", f"title {n}", "text", "action", "info", clock.utc())
        )
    got = await twin.history.alerts()
    assert [a.title for a in got] == ["title 2", "title 1", "title 0"]
    assert got[0].at == clock.utc()


async def test_open_gaps_are_the_owner_loops_groups_and_new_asks_start_new_ones(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock
) -> None:
    twin = await make_twin()
    await seed(twin, fake_groq, clock)
    before = await twin.history.open_gaps()
    assert [g.id for g in before.groups] == [g.id for g in (await twin.gaps_report()).groups]
    top = await twin.history.open_gaps(limit=1)
    assert (top.groups, top.open_groups, top.total) == (before.groups[:1], 2, 3)
    sports = next(g for g in before.groups if g.count == 2)
    assert (await twin.owner.ignore(sports.id, "owner (dashboard)")).ok
    assert not (await twin.owner.ignore(sports.id, "owner (dashboard)")).ok
    fake_groq.reply = twin.config.persona.no_answer
    await twin.answer(ask("Which sports team do you support?"))
    gaps = await twin.history.open_gaps()
    assert {g.example for g in gaps.groups} == {
        GAP_QUESTIONS[2],
        "Which sports team do you support?",
    }
    assert (gaps.total, gaps.ignored, gaps.answered, gaps.private, gaps.ungrouped) == (
        2,
        1,
        0,
        0,
        0,
    )


async def test_kept_past_days_match_a_fresh_read_after_midnight(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock
) -> None:
    twin = await make_twin()
    await seed(twin, fake_groq, clock)
    kept = twin.history
    await kept.days()
    await kept.model_trends()
    await twin.answer(ask("What did you build last year?", user="U7"))  # today, after the read
    clock.advance(86_400)  # today is now a past day
    await twin.answer(ask("Which languages do you code in?", user="U8"))
    fresh = History(twin._p.store, twin.config, clock.utc)
    assert await kept.days() == await fresh.days()
    assert await kept.model_trends() == await fresh.model_trends()
    days = await kept.days()
    assert days[-1].questions == 1 and days[-2].questions >= 2
