"""Streams that survive: a streamed message that expires (message_not_in_streaming_state) or is
full (msg_too_long) is continued in a new message with exactly the text not shown yet, never
repeating or losing a word; the sources ride as a task card where Slack takes chunks.

Unit level: `NativeStreamReply` against the fake Web API. End to end: the real app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.convert import Target
from bot.slack.native_stream import (
    NATIVE_LIMIT,
    SOURCES_TASK,
    NativeStreaming,
    NativeStreamReply,
)
from core.clock import FakeClock
from tests.fakes.slack_api import FakeSlack
from tests.slack.builders import AGENT_DM, streamed_text
from tests.slack.conftest import SLACK_CONFIG, dm, mention

TARGET = Target("C1", "100.1")
WORDS = [f"word{i:03d} " for i in range(120)]  # 960 characters
ANSWER = "".join(WORDS).rstrip()


@pytest.fixture
async def api() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(streaming=True, agent=True) as fake:
        yield fake


def reply_for(api: FakeSlack, clock: FakeClock, limit: int = NATIVE_LIMIT) -> NativeStreamReply:
    client = AsyncWebClient(token="xoxb-test", base_url=api.base_url)
    return NativeStreamReply(
        client,
        TARGET,
        recipient_user="U1",
        recipient_team="T1",
        state=NativeStreaming(),
        clock=clock,
        limit=limit,
    )


def shown(api: FakeSlack) -> str:
    """What the thread reads now, message after message."""
    return "".join(m.text for m in api.thread("C1", "100.1"))


async def stream_words(reply: NativeStreamReply, clock: FakeClock, words: list[str]) -> None:
    for word in words:
        await reply.push(word)
        clock.advance(1.0)  # every delta may go out


async def test_a_stream_that_expires_mid_answer_goes_on_in_a_new_message(api: FakeSlack) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    await stream_words(reply, clock, WORDS[:50])
    api.expire_streams()  # five minutes passed
    await stream_words(reply, clock, WORDS[50:])
    await reply.finish(ANSWER, sources=("Education",))
    first, second = api.thread("C1", "100.1")
    assert first.text == "".join(WORDS[:50])  # what it showed when it expired, untouched
    assert (first.text + second.text).rstrip() == ANSWER  # the rest, once: none repeated or lost
    assert not second.streaming and second.chunks[0]["id"] == SOURCES_TASK
    assert reply.posted_ts == [first.ts, second.ts]


async def test_a_stream_that_expires_before_the_stop_sends_the_rest_in_a_new_message(
    api: FakeSlack,
) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    await stream_words(reply, clock, WORDS[:10])
    await reply.push(WORDS[10])  # goes out
    await reply.push("".join(WORDS[11:]))  # held back by the throttle
    api.expire_streams()
    await reply.finish(ANSWER, [{"type": "context_actions", "elements": []}])
    first, second = api.thread("C1", "100.1")
    assert first.text == "".join(WORDS[:11])
    assert second.text == "".join(WORDS[11:]).rstrip()
    assert second.blocks == [{"type": "context_actions", "elements": []}]  # buttons at the end


async def test_a_full_streamed_message_goes_on_in_a_new_message(api: FakeSlack) -> None:
    api.stream_max = 300  # Slack's cap on one streamed message, made small
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    await stream_words(reply, clock, WORDS)
    await reply.finish(ANSWER)
    messages = api.thread("C1", "100.1")
    assert len(messages) >= 4 and all(len(m.text) <= 300 for m in messages)
    assert shown(api).rstrip() == ANSWER
    assert not any(m.streaming for m in messages)


async def test_an_answer_longer_than_one_stream_is_cut_between_words(api: FakeSlack) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock, limit=400)  # our own cap per streamed message
    await reply.start()
    await reply.finish(ANSWER)  # nothing streamed before: all of it at the end
    messages = api.thread("C1", "100.1")
    assert shown(api) == ANSWER and len(messages) == 3
    assert all(m.text.endswith(" ") for m in messages[:-1])  # cut after a word


async def test_when_no_new_stream_opens_the_rest_goes_to_a_message_updated_in_place(
    api: FakeSlack,
) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    await stream_words(reply, clock, WORDS[:20])
    api.expire_streams()
    api.fail_next("chat.startStream", "ratelimited", times=5)
    await stream_words(reply, clock, WORDS[20:])
    await reply.finish(ANSWER, sources=("Education",))
    first, second = api.thread("C1", "100.1")
    assert first.text == "".join(WORDS[:20])
    assert second.text == "".join(WORDS[20:]).rstrip()  # the rest only, by chat.update
    assert second.blocks is not None and "Education" in str(second.blocks)  # the sources line
    assert api.calls_to("chat.update")


async def test_sources_fall_back_to_the_context_line_where_chunks_are_refused(
    api: FakeSlack,
) -> None:
    state = NativeStreaming()
    client = AsyncWebClient(token="xoxb-test", base_url=api.base_url)
    reply = NativeStreamReply(
        client, TARGET, recipient_user="U1", recipient_team="T1", state=state, clock=FakeClock()
    )
    await reply.start()
    api.fail_next("chat.stopStream", "invalid_chunks")
    await reply.finish("I studied at Sheffield.", sources=("Education",))
    [message] = api.thread("C1", "100.1")
    assert message.text == "I studied at Sheffield." and not message.chunks
    assert "Education" in str(message.blocks) and not state.task_cards  # not tried again


async def test_a_long_dm_answer_survives_the_stream_expiring_end_to_end(
    make_twin, start_slack, fake_groq, slack_api, slack_clock
) -> None:
    slack_api.streaming = slack_api.agent = True
    fake_groq.reply = ANSWER

    slack = await start_slack(await make_twin(SLACK_CONFIG))
    slack_api.fail_next("chat.stopStream", "message_not_in_streaming_state")  # 5 minutes on
    await slack.send_event(dm("Count for me", ts="610.1", channel=AGENT_DM), "E1")
    assert (await slack.answered(1))[0].outcome == "answered"
    messages = slack_api.thread(AGENT_DM, "610.1")
    assert len(messages) == 2 and "".join(m.text for m in messages) == ANSWER
    assert streamed_text(slack_api) == ANSWER  # every word sent once
    assert slack_api.sessions[(AGENT_DM, "610.1")].status == "active"


async def test_a_mention_thread_streams_natively_with_the_sources_card(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    slack_api.streaming = True
    fake_groq.reply = "I studied computer science at the University of Sheffield."
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "E1")
    await slack.answered(1)
    [message] = slack_api.thread("C1", "100.1")
    assert message.text == fake_groq.reply
    [card] = message.chunks
    assert card["type"] == "task_update" and card["status"] == "complete"
    assert card["details"]  # the profile sections the answer used
    assert "Sources" not in str(message.blocks)  # not twice
