"""Issue 32 through the real AsyncApp and the fakes: a surviving instance answers, in their
threads, the Slack questions a killed instance accepted and left in the store's inbox (a stale
heartbeat row stands for the killed process); one too old gets a short apology; nothing twice.
What the killed instance left showing (its native stream, its thinking message, the DM's
"processing" status) is closed, so the member sees one complete answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.slack.app import TOO_LATE, inbox_payload
from bot.slack.handover import CUT_OFF, Shown
from core.store.inbox import InboxEntry
from tests.slack.conftest import BOT_USER, SLACK_CONFIG, TEAM, dm, event_body, mention

LEASE = timedelta(seconds=30)  # [instances] lease_s's default


async def left_by_a_dead_twin(
    twin,
    event_id: str,
    ts: str,
    age: timedelta,
    shown: Shown | None = None,
    event: dict[str, Any] | None = None,
) -> None:
    store, now = twin._p.store, twin._p.wall()
    await store.heartbeat("999@killed", now - age, LEASE)  # its last beat
    body = event_body(event or mention("Where did you study?", ts=ts), event_id)
    entry = InboxEntry(
        f"event:slack:{event_id}",
        now - age,
        "999@killed",
        "slack",
        "U1",
        inbox_payload(body, TEAM, BOT_USER, shown),
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


async def test_the_dead_twins_stream_is_closed_and_one_answer_follows(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    slack.api.streaming = True
    client = slack.bot.client  # the killed twin's stream: opened, half written, never stopped
    started = await client.chat_startStream(
        channel="C1", thread_ts="300.1", recipient_user_id="U1", recipient_team_id=TEAM
    )
    await client.chat_appendStream(channel="C1", ts=started["ts"], markdown_text="I studied")
    left = Shown("C1", str(started["ts"]), native=True)
    await left_by_a_dead_twin(twin, "EvCut", "300.1", timedelta(seconds=45), left)
    assert await slack.bot.take_over() == 1
    assert (await slack.answered(1))[0].outcome == "answered"
    assert slack.api.open_streams() == [] and slack.api.working() == []
    cut, answer = slack.api.thread("C1", "300.1")
    assert (cut.ts, cut.text) == (left.ts, f"I studied\n\n{CUT_OFF}")
    assert answer.text == "I studied computer science."  # the one complete answer, once


async def test_the_dead_twins_thinking_message_says_the_answer_follows(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    thinking = await slack.bot.client.chat_postMessage(
        channel="C1", thread_ts="300.1", text=":hourglass_flowing_sand: _thinking…_"
    )
    left = Shown("C1", str(thinking["ts"]), native=False)
    await left_by_a_dead_twin(twin, "EvWait", "300.1", timedelta(seconds=45), left)
    assert await slack.bot.take_over() == 1
    assert (await slack.answered(1))[0].outcome == "answered"
    texts = [m.text for m in slack.api.thread("C1", "300.1")]
    assert texts == [CUT_OFF, "I studied computer science."]


async def test_a_late_dm_question_gets_the_apology_and_its_session_is_active_again(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    slack.api.streaming = slack.api.agent = True
    client = slack.bot.client  # the killed twin set the session "processing", then streamed
    await client.agents_sessions_setStatus(channel_id="D1", thread_ts="500.1", status="processing")
    started = await client.chat_startStream(channel="D1", thread_ts="500.1")
    left = Shown("D1", str(started["ts"]), native=True)
    question = dm("Where did you study?", ts="500.1")
    await left_by_a_dead_twin(twin, "EvDm", "500.1", timedelta(minutes=10), left, question)
    assert await slack.bot.take_over() == 1
    assert (await slack.answered(1))[0].outcome == "too late: apologised"
    assert slack.api.working() == []  # no stream open, the session no longer "processing"
    assert [m.text for m in slack.api.thread("D1", "500.1")][-1] == TOO_LATE
    assert len(fake_groq.requests) == 0


async def test_a_dm_taken_over_ends_with_one_answer_and_its_session_active(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    slack.api.streaming = slack.api.agent = True
    client = slack.bot.client  # the killed twin's session "processing", its stream open
    await client.agents_sessions_setStatus(channel_id="D1", thread_ts="600.1", status="processing")
    started = await client.chat_startStream(channel="D1", thread_ts="600.1")
    left = Shown("D1", str(started["ts"]), native=True)
    question = dm("Where did you study?", ts="600.1")
    await left_by_a_dead_twin(twin, "EvDmLive", "600.1", timedelta(seconds=45), left, question)
    assert await slack.bot.take_over() == 1
    assert (await slack.answered(1))[0].outcome == "answered"
    assert slack.api.working() == [] and slack.api.session("D1", "600.1").status == "active"
    texts = [m.text for m in slack.api.thread("D1", "600.1")]
    assert texts == [f"\n\n{CUT_OFF}", "I studied computer science."]
