"""Streaming through the router, and reasoning kept out of every answer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.models.attempt import STOPPED
from core.models.outcomes import CUT_NOTE, AllModelsFailed
from core.models.providers.openai_compat import ThinkFilter, strip_reasoning
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter


class Shown:
    """An on_text sink: what a member would have seen."""

    def __init__(self) -> None:
        self.deltas: list[str] = []

    async def __call__(self, delta: str) -> None:
        self.deltas.append(delta)

    @property
    def text(self) -> str:
        return "".join(self.deltas)


async def test_stream_arrives_in_several_deltas_with_usage_from_the_last_chunk(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.usage = (90, 12)
    built = await make_router()
    shown = Shown()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert len(shown.deltas) > 1 and shown.text == routed.text == fake.reply
    assert (routed.prompt_tokens, routed.completion_tokens) == (90, 12)
    assert fake.requests[0]["stream"] is True
    [attempt] = built.sink.attempts
    assert attempt.outcome == "ok" and not attempt.estimated


@pytest.mark.parametrize(
    "fault",
    [Fault.server_error(503), Fault.rate_limit(daily=True), Fault.malformed()],
    ids=["5xx", "quota", "malformed"],
)
async def test_stream_failing_before_the_first_token_falls_over_silently(
    make_router: MakeRouter, fake: FakeGroq, fault: Fault
) -> None:
    fake.fail(M20, fault)
    built = await make_router({"retries": 0})
    shown = Shown()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert routed.model == M120 and not routed.truncated
    assert shown.text == routed.text == fake.reply  # nothing of the failed model was shown


async def test_stream_cut_before_any_text_falls_over(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.cut_stream(after_chunks=0))
    built = await make_router()
    shown = Shown()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert routed.model == M120 and shown.text == fake.reply


@pytest.mark.parametrize("abort", [False, True], ids=["clean-end", "connection-dropped"])
async def test_stream_cut_after_tokens_ends_with_a_note_and_is_metered_by_estimate(
    make_router: MakeRouter, fake: FakeGroq, abort: bool
) -> None:
    fake.reply = "I studied computer science at Leeds and then worked in Manchester."
    fake.fail(M20, Fault.cut_stream(after_chunks=2, abort=abort))
    built = await make_router()
    shown = Shown()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert routed.truncated and routed.model == M20
    assert routed.text.endswith(CUT_NOTE) and shown.text == routed.text
    assert routed.text.startswith("I studied") and "Manchester" not in routed.text
    assert fake.calls_to(M120) == 0  # no second answer after text was shown
    [attempt] = built.sink.attempts
    assert attempt.estimated and attempt.outcome == "stream_broken"
    assert attempt.prompt_tokens > 0 and attempt.completion_tokens > 0 and attempt.cost_usd > 0


async def test_a_stream_stopped_by_the_member_is_metered_like_a_cut_stream(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    """Slack's stop button cancels the answer: the text shown so far is estimated and priced,
    the model's health and breaker do not count it, and no other model is asked."""
    fake.reply = "I studied computer science at Leeds and then worked in Manchester."
    fake.fail(M20, Fault.timeout(seconds=30, after_chunks=2))  # two deltas, then it stalls
    built = await make_router()
    first = asyncio.Event()

    async def shown(delta: str) -> None:
        first.set()

    call = asyncio.create_task(
        built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    )
    await asyncio.wait_for(first.wait(), 5)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    [attempt] = built.sink.attempts
    assert attempt.outcome == STOPPED and attempt.estimated
    assert attempt.prompt_tokens > 0 and attempt.completion_tokens > 0 and attempt.cost_usd > 0
    assert fake.calls_to(M120) == 0
    assert built.router.breakers()[M20] == "closed"


async def test_a_call_stopped_before_any_text_still_books_its_prompt(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    """Cancelled once the request reached the model (a stop, or a stopping process), before any
    text came back: the model read the prompt, so the attempt is booked by estimate; the budget
    never counts less than was spent."""
    fake.fail(M20, Fault.timeout(seconds=30, after_chunks=0))  # it stalls before a delta
    built = await make_router()
    reached = asyncio.Event()
    fake.on_request = lambda _body: reached.set()
    call = asyncio.create_task(
        built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=Shown())
    )
    await asyncio.wait_for(reached.wait(), 5)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    [attempt] = built.sink.attempts
    assert attempt.outcome == STOPPED and attempt.estimated
    assert attempt.prompt_tokens > 0 and attempt.completion_tokens == 0 and attempt.cost_usd > 0
    assert built.router.breakers()[M20] == "closed"


async def test_stream_stalling_after_tokens_is_cut_by_the_timeout(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.timeout(seconds=4, after_chunks=1))
    built = await make_router({"timeout_s": 1.0})
    shown = Shown()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert routed.truncated and fake.calls_to(M20) == 1 and fake.calls_to(M120) == 0


async def test_reasoning_field_never_reaches_the_text(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reasoning = "SECRET-CHAIN-OF-THOUGHT about the user"
    built = await make_router()
    plain = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    shown = Shown()
    streamed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    for text in (plain.text, streamed.text, shown.text):
        assert "SECRET" not in text and text == fake.reply


async def test_think_tags_are_cut_from_plain_and_streamed_answers(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reply = "<think>SECRET plan: sound confident</think>\nI studied at Leeds."
    built = await make_router()
    plain = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    shown = Shown()
    streamed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=shown)
    assert plain.text == streamed.text == shown.text == "I studied at Leeds."


async def test_answer_empty_after_reasoning_moves_on_to_the_next_model(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    def reply(body: dict[str, Any]) -> str:
        return "<think>all the tokens went here" if body["model"] == M20 else "Leeds."

    fake.reply = reply
    fake.usage = (100, 64)
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and routed.text == "Leeds." and fake.calls_to(M20) == 1
    empty = built.sink.attempts[0]
    assert empty.outcome == "empty_answer" and empty.completion_tokens == 64  # billed, so metered
    assert routed.completion_tokens == 128  # the call's total


async def test_only_empty_answers_fail_the_call(make_router: MakeRouter, fake: FakeGroq) -> None:
    fake.reply = "   "
    built = await make_router()
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert failed.value.kind == "empty_answer"


def test_think_filter_handles_tags_split_across_deltas() -> None:
    think = ThinkFilter()
    pieces = ["Hi <th", "ink>secret", " stuff</thi", "nk> there", " <", "3"]
    out = "".join(think.feed(p) for p in pieces) + think.flush()
    assert out == "Hi there <3"
    assert strip_reasoning("<think>a</think>b<think>never closed") == "b"
