"""NativeStreamReply against the fake Slack Web API: appends at most once per interval, a
rate-limited append keeps its text, markdown is escaped, the footer comes with the stop."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.convert import Target
from bot.slack.native_stream import NativeStreaming, NativeStreamReply
from core.clock import FakeClock
from tests.fakes.slack_api import FakeSlack

TARGET = Target("C1", "100.1")
FOOTER = [{"type": "context_actions", "elements": []}]


@pytest.fixture
async def api() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(streaming=True) as fake:
        yield fake


def reply_for(
    api: FakeSlack, clock: FakeClock, state: NativeStreaming | None = None
) -> NativeStreamReply:
    client = AsyncWebClient(token="xoxb-test", base_url=api.base_url)
    return NativeStreamReply(
        client,
        TARGET,
        recipient_user="U1",
        recipient_team="T1",
        state=state or NativeStreaming(),
        clock=clock,
    )


async def test_appends_come_at_most_once_per_second_and_add_up_to_the_answer(
    api: FakeSlack,
) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    words = [f"w{i} " for i in range(10)]
    for word in words:  # a delta every 0.3 s
        await reply.push(word)
        clock.advance(0.3)
    assert reply.appends == len(api.calls_to("chat.appendStream")) == 3  # at 0, 1.2, 2.4 s
    await reply.finish("".join(words).rstrip(), FOOTER)
    [message] = api.thread("C1", "100.1")
    assert message.text == "".join(words).rstrip() and not message.streaming
    assert message.blocks == FOOTER


async def test_a_rate_limited_append_keeps_its_text_and_markdown_is_escaped(api: FakeSlack) -> None:
    clock = FakeClock()
    reply = reply_for(api, clock)
    await reply.start()
    api.fail_next("chat.appendStream", "ratelimited", retry_after=1)
    await reply.push("<!here> first ")
    clock.advance(3)
    await reply.push("second")
    await reply.finish("<!here> first second")
    [message] = api.thread("C1", "100.1")
    assert message.text == "&lt;!here&gt; first second"  # never a broadcast


async def test_missing_scope_turns_native_streaming_off_for_later_answers(api: FakeSlack) -> None:
    state = NativeStreaming()
    api.fail_next("chat.startStream", "missing_scope")
    reply = reply_for(api, FakeClock(), state)
    await reply.start()
    assert not reply.native and not state.available
    await reply.finish("the answer")
    texts = [m.text for m in api.thread("C1", "100.1")]
    assert texts == ["the answer"]  # the thinking sign, updated in place
