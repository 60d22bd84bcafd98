"""Issue 32 through the real AsyncApp and the fakes: a surviving instance answers, in their
threads, the Slack questions a killed instance accepted and left in the store's inbox (a stale
heartbeat row stands for the killed process); one too old gets a short apology; nothing twice."""

from __future__ import annotations

from datetime import timedelta

from bot.slack.app import TOO_LATE, inbox_payload
from core.store.inbox import InboxEntry
from tests.slack.conftest import BOT_USER, SLACK_CONFIG, TEAM, event_body, mention

LEASE = timedelta(seconds=30)  # [instances] lease_s's default


async def left_by_a_dead_twin(twin, event_id: str, ts: str, age: timedelta) -> None:
    store, now = twin._p.store, twin._p.wall()
    await store.heartbeat("999@killed", now - age, LEASE)  # its last beat
    body = event_body(mention("Where did you study?", ts=ts), event_id)
    entry = InboxEntry(
        f"event:slack:{event_id}",
        now - age,
        "999@killed",
        "slack",
        "U1",
        inbox_payload(body, TEAM, BOT_USER),
    )
    assert await store.accept(entry)


async def test_a_survivor_answers_what_a_dead_twin_accepted(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await left_by_a_dead_twin(twin, "EvLost", "300.1", timedelta(seconds=45))
    await left_by_a_dead_twin(twin, "EvOld", "400.1", timedelta(minutes=10))
    assert await slack.bot.take_over() == 2
    outcomes = sorted(h.outcome for h in await slack.answered(2))
    assert outcomes == ["answered", "too late: apologised"]
    [answer] = slack.api.thread("C1", "300.1")
    assert answer.text == "I studied computer science."
    [sorry] = slack.api.thread("C1", "400.1")
    assert sorry.text == TOO_LATE
    assert len(fake_groq.requests) == 1  # the late one never reached the model
    assert await twin._p.store.inbox() == []
    assert await slack.bot.take_over() == 0  # nothing is answered twice


async def test_a_live_twins_questions_are_not_taken(make_twin, start_slack, fake_groq) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await left_by_a_dead_twin(twin, "EvBusy", "300.1", timedelta(seconds=45))
    await twin._p.store.heartbeat("999@killed", twin._p.wall(), LEASE)  # it is alive after all
    assert await slack.bot.take_over() == 0
    assert len(await twin._p.store.inbox()) == 1
