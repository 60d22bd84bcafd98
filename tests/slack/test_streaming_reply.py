"""StreamingReply against the fake Slack Web API: thinking sign, throttled updates, splitting,
msg_too_long and ratelimited handling. Time is a FakeClock; nothing sleeps."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.convert import Target
from bot.slack.reply import THINKING, StreamingReply
from core.clock import FakeClock
from tests.fakes.slack_api import FakeSlack

TARGET = Target("C1", "100.1")


@pytest.fixture
async def api() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


def client_for(api: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=api.base_url)


class Sleeps:
    def __init__(self) -> None:
        self.waited: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waited.append(seconds)


async def test_thinking_sign_is_posted_in_the_thread(api: FakeSlack) -> None:
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock())
    await reply.start()
    [post] = api.calls_to("chat.postMessage")
    assert post.args == {"channel": "C1", "thread_ts": "100.1", "text": THINKING}


async def test_streamed_updates_come_at_most_once_per_second(api: FakeSlack) -> None:
    clock = FakeClock()
    reply = StreamingReply(client_for(api), TARGET, clock=clock)
    await reply.start()
    for i in range(10):  # a delta every 0.3 s: 3 s of streaming
        clock.advance(0.3)
        await reply.push(f"part{i} ")
    assert len(api.calls_to("chat.update")) == reply.updates == 2  # at 1.2 s and 2.4 s
    first, second = api.calls_to("chat.update")
    assert first.text == "part0 part1 part2 part3 …"
    assert second.text.endswith("part7 …")
    await reply.finish("the whole answer")
    assert api.calls_to("chat.update")[-1].text == "the whole answer"
    assert len(api.calls_to("chat.postMessage")) == 1  # only the thinking sign


async def test_without_time_passing_only_the_final_update_is_sent(api: FakeSlack) -> None:
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock())
    await reply.start()
    for i in range(50):
        await reply.push(f"x{i} ")
    await reply.finish("done")
    assert [c.text for c in api.calls_to("chat.update")] == ["done"]


async def test_long_answer_fills_the_message_then_continues_in_the_thread(api: FakeSlack) -> None:
    words = [f"w{i}" for i in range(3000)]  # about 15,000 characters
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock())
    await reply.start()
    await reply.finish(" ".join(words))
    thread = api.thread("C1", "100.1")
    assert len(thread) >= 5
    assert all(len(m.text) <= 3500 for m in thread)
    assert " ".join(m.text for m in thread).split() == words
    assert thread[0].edits == 1  # the thinking message became the first piece


async def test_msg_too_long_falls_back_to_smaller_pieces(api: FakeSlack) -> None:
    api.max_text = 1000  # a stricter Slack than the 3,500 the renderer aims for
    words = [f"w{i}" for i in range(1500)]
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock())
    await reply.start()
    await reply.finish(" ".join(words))
    errors = [c.response.get("error") for c in api.calls]
    assert "msg_too_long" in errors
    thread = api.thread("C1", "100.1")
    assert all(len(m.text) <= 1000 for m in thread)
    assert " ".join(m.text for m in thread).split() == words


async def test_final_update_waits_out_a_rate_limit(api: FakeSlack) -> None:
    sleeps = Sleeps()
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock(), sleep=sleeps)
    await reply.start()
    api.fail_next("chat.update", "ratelimited", times=2, retry_after=7)
    await reply.finish("answer")
    assert sleeps.waited == [7.0, 7.0]
    assert api.thread("C1", "100.1")[0].text == "answer"


async def test_final_update_gives_up_after_a_few_rate_limits(api: FakeSlack) -> None:
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock(), sleep=Sleeps())
    await reply.start()
    api.fail_next("chat.update", "ratelimited", times=10)
    with pytest.raises(SlackApiError):
        await reply.finish("answer")


async def test_a_rate_limited_preview_is_skipped_and_backs_off(api: FakeSlack) -> None:
    clock = FakeClock()
    reply = StreamingReply(client_for(api), TARGET, clock=clock, sleep=Sleeps())
    await reply.start()
    api.fail_next("chat.update", "ratelimited", retry_after=5)
    clock.advance(1.0)
    await reply.push("a ")  # rate limited: skipped, next preview not before 5 s from now
    clock.advance(4.0)
    await reply.push("b ")
    assert reply.updates == 0
    clock.advance(1.0)
    await reply.push("c")
    assert reply.updates == 1
    assert api.calls_to("chat.update")[-1].text == "a b c …"


async def test_apology_replaces_the_thinking_sign(api: FakeSlack) -> None:
    reply = StreamingReply(client_for(api), TARGET, clock=FakeClock())
    await reply.start()
    await reply.fail("sorry `abc123`")
    assert [m.text for m in api.thread("C1", "100.1")] == ["sorry `abc123`"]


async def test_dm_replies_are_not_threaded(api: FakeSlack) -> None:
    reply = StreamingReply(client_for(api), Target("D1", None), clock=FakeClock())
    await reply.start()
    await reply.finish("hello")
    [post] = api.calls_to("chat.postMessage")
    assert "thread_ts" not in post.args and post.args["channel"] == "D1"
    assert [m.text for m in api.in_channel("D1")] == ["hello"]
