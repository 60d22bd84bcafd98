"""Issue 32, a graceful stop through the real AsyncApp and the fakes: an answer that cannot
finish within the grace is handed over. Its stream is closed with a short line, its inbox entry
released so another instance takes it at once (not a lease later), and what its model call
spent is recorded."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.slack.handover import HANDED_OVER
from core.store.inbox import RELEASED
from tests.fakes.groq_server import Fault
from tests.slack.conftest import SLACK_CONFIG, dm, mention


async def test_an_answer_that_cannot_finish_is_handed_over(
    make_twin, start_slack, fake_groq
) -> None:
    # grounding off: it releases whole sentences, and this answer stops mid-sentence
    twin = await make_twin(SLACK_CONFIG + "[grounding]\nenabled = false\n")
    stopping = await start_slack(twin)
    stopping.api.streaming = True
    # the model streams its first words, then stalls past the stop
    fake_groq.fail(twin.config.llm.models[0], Fault.timeout(30, after_chunks=2), times=1)
    await stopping.send_event(mention("Where did you study?", ts="100.1"), "EvStop")
    await stopping.api.wait_for("chat.appendStream")  # the member sees the answer begin
    await stopping.server.stop()
    await stopping.bot.close(grace=0)  # SIGTERM with no time left to finish
    assert [h.outcome for h in stopping.journal.items] == ["interrupted: the process stopped"]
    assert stopping.api.open_streams() == []
    [cut] = stopping.api.thread("C1", "100.1")
    assert cut.text.startswith("I studied") and cut.text.endswith(f"\n\n{HANDED_OVER}")
    [entry] = await twin._p.store.inbox()
    assert entry.owner == RELEASED
    period = await twin._p.store.period_usage("all", datetime(2000, 1, 1, tzinfo=UTC))
    assert period.questions == 1  # the stopped question is recorded
    store = twin._p.store
    assert await store.fetch("SELECT COUNT(*) FROM reservations") == [(0,)]  # nothing held
    assert await store.fetch("SELECT outcome, prompt_tokens > 0 FROM usage") == [("stopped", 1)]

    survivor = await start_slack(twin)  # the same store, a live owner: taken at once
    assert await survivor.bot.take_over() == 1
    assert (await survivor.answered(1))[0].outcome == "answered"
    texts = [m.text for m in survivor.api.thread("C1", "100.1")]
    assert texts == [cut.text, "I studied computer science."]
    assert await twin._p.store.inbox() == [] and survivor.api.open_streams() == []


async def test_a_thinking_message_is_closed_with_the_line_too(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    stopping = await start_slack(twin)  # no native streaming: the thinking message
    fake_groq.hold = asyncio.Event()  # the model never answers before the stop
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    await stopping.send_event(mention("Where did you study?", ts="100.1"), "EvThink")
    await asyncio.wait_for(asked.wait(), 10)
    await stopping.server.stop()
    await stopping.bot.close(grace=0)
    [cut] = stopping.api.thread("C1", "100.1")
    assert cut.text == HANDED_OVER  # the thinking sign is gone
    assert [e.owner for e in await twin._p.store.inbox()] == [RELEASED]
    fake_groq.hold.set()


async def test_a_dm_handed_over_leaves_its_session_active(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    stopping = await start_slack(twin)
    stopping.api.streaming = stopping.api.agent = True
    fake_groq.hold = asyncio.Event()
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    await stopping.send_event(dm("Where did you study?", ts="300.1"), "EvDmStop")
    await asyncio.wait_for(asked.wait(), 10)
    assert stopping.api.session("D1", "300.1").status == "processing"
    await stopping.server.stop()
    await stopping.bot.close(grace=0)
    assert stopping.api.working() == []  # no stream open, the session no longer "processing"
    assert stopping.api.session("D1", "300.1").status == "active"
    [cut] = stopping.api.thread("D1", "300.1")
    assert cut.text == HANDED_OVER
    fake_groq.hold.set()
