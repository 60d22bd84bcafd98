"""Issue 32 through the real AsyncApp: an acked event is in the store's inbox, with its claim,
until its answer (or apology) is posted; a retry on another instance finds it claimed."""

from __future__ import annotations

import asyncio
import json

from tests.slack.conftest import SLACK_CONFIG, mention


async def test_an_answered_event_leaves_the_inbox(make_twin, start_slack, fake_groq) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    gate = fake_groq.hold = asyncio.Event()  # the model answers when the test lets it
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    await slack.send_event(mention("Where did you study?", ts="100.1"), "EvIn")
    await asyncio.wait_for(asked.wait(), 10)  # the question is at the model: answer in flight
    [waiting] = await twin._p.store.inbox()
    body = json.loads(waiting.payload)["body"]
    assert (waiting.key, waiting.owner, waiting.platform) == (
        "event:slack:EvIn",
        twin._p.guard.owner,
        "slack",
    )
    assert body["event"]["ts"] == "100.1" and body["event_id"] == "EvIn"
    gate.set()
    assert (await slack.answered(1))[0].outcome == "answered"
    assert await twin._p.store.inbox() == []


async def test_an_apology_closes_the_entry_too(make_twin, start_slack, fake_groq) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    slack.api.fail_next("chat.update", "internal_error")
    await slack.send_event(mention("Where did you study?", ts="100.1"), "EvSorry")
    assert (await slack.answered(1))[0].outcome.startswith("failed ")
    assert await twin._p.store.inbox() == []


async def test_the_message_showing_an_answer_is_noted_in_its_entry(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    slack.api.streaming = True  # a native stream in the thread
    gate = fake_groq.hold = asyncio.Event()
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    await slack.send_event(mention("Where did you study?", ts="100.1"), "EvShown")
    await asyncio.wait_for(asked.wait(), 10)  # the stream is open, the model answering
    [stream] = slack.api.open_streams()
    [waiting] = await twin._p.store.inbox()  # noted with the answer's first write, before this
    assert json.loads(waiting.payload)["shown"] == {
        "channel": "C1",
        "ts": stream.ts,
        "native": True,
    }
    gate.set()
    assert (await slack.answered(1))[0].outcome == "answered"
    assert slack.api.open_streams() == [] and await twin._p.store.inbox() == []
