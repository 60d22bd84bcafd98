"""Failover and the policy per error type, through the real groq SDK against the fake Groq."""

from __future__ import annotations

import json

import pytest

from core.models.outcomes import AllModelsFailed
from core.models.providers.base import ChatMessage
from tests.fakes.groq_server import ORG, FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter, Sleeps


async def test_healthy_call_uses_the_first_model_and_records_its_real_usage(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.usage = (120, 30)
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=256)
    assert routed.text == "I studied computer science at Leeds."
    assert routed.model == M20 and routed.attempts == (M20,) and not routed.truncated
    assert (routed.prompt_tokens, routed.completion_tokens) == (120, 30)
    assert routed.cost_usd == pytest.approx((120 * 0.075 + 30 * 0.30) / 1e6)
    [attempt] = built.sink.attempts
    assert attempt.outcome == "ok" and attempt.context == CONTEXT and not attempt.estimated
    body = fake.requests[0]
    assert body["max_tokens"] == 256 and body["messages"][-1]["role"] == "user"
    assert body["reasoning_effort"] == "low" and body["include_reasoning"] is False


async def test_failover_on_5xx_after_retries_with_backoff_on_the_injected_sleep(
    make_router: MakeRouter, fake: FakeGroq, sleeps: Sleeps
) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router({"retries": 2})
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and routed.attempts == (M20, M120)
    assert fake.calls_to(M20) == 3 and fake.calls_to(M120) == 1
    assert len(sleeps.waits) == 2  # exponential with jitter: 0.25-0.5 s, then 0.5-1 s
    assert 0.25 <= sleeps.waits[0] <= 0.5 and 0.5 <= sleeps.waits[1] <= 1.0


async def test_failover_on_timeout(make_router: MakeRouter, fake: FakeGroq) -> None:
    fake.fail(M20, Fault.timeout(seconds=4))
    built = await make_router({"timeout_s": 1.0, "retries": 0})
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120
    assert built.sink.outcomes() == ["timeout", "ok"]


async def test_retry_after_is_honoured_through_the_injected_sleep(
    make_router: MakeRouter, fake: FakeGroq, sleeps: Sleeps
) -> None:
    fake.fail(M20, Fault.rate_limit(retry_after=2.5), times=1)
    built = await make_router({"retry_after_max_s": 5.0})
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M20 and fake.calls_to(M20) == 2 and fake.calls_to(M120) == 0
    assert sleeps.waits == [2.5]
    assert built.sink.outcomes() == ["rate_limited", "ok"]


async def test_long_retry_after_moves_on_and_skips_the_model_until_then(
    make_router: MakeRouter, fake: FakeGroq, sleeps: Sleeps
) -> None:
    fake.fail(M20, Fault.rate_limit(retry_after=30), times=1)
    built = await make_router({"retry_after_max_s": 5.0})
    first = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert first.model == M120 and sleeps.waits == []
    second = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert second.model == M120 and fake.calls_to(M20) == 1
    sleeps.clock.advance(31)
    third = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert third.model == M20


async def test_daily_quota_429_moves_on_without_waiting(
    make_router: MakeRouter, fake: FakeGroq, sleeps: Sleeps
) -> None:
    fake.fail(M20, Fault.rate_limit(daily=True))
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and sleeps.waits == [] and fake.calls_to(M20) == 1
    assert built.sink.outcomes(M20) == ["quota_exceeded"]


async def test_decommissioned_model_is_taken_out_of_rotation_with_one_alert(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.model_gone(decommissioned=True))
    built = await make_router()
    for _ in range(3):
        routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
        assert routed.model == M120
    assert fake.calls_to(M20) == 1
    assert built.alert_kinds() == ["model_removed"]
    alert = built.sent[0]
    assert M20 in alert.title and "config.toml" in alert.action
    [gone] = [h for h in built.router.health() if h.model == M20]
    assert gone.in_rotation is False
    assert built.router.health()[0].model == M120


async def test_model_not_found_404_fails_over(make_router: MakeRouter, fake: FakeGroq) -> None:
    fake.fail(M20, Fault.model_gone())
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and built.sink.outcomes(M20) == ["model_unavailable"]


async def test_auth_errors_are_not_retried_and_alert_once(
    make_router: MakeRouter, fake: FakeGroq, sleeps: Sleeps
) -> None:
    fake.fail(M20, Fault.auth())
    fake.fail(M120, Fault.auth())
    built = await make_router({"retries": 3})
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert failed.value.kind == "auth"
    assert fake.calls_to(M20) == 1 and fake.calls_to(M120) == 0  # same key: not tried again
    assert sleeps.waits == []
    assert built.alert_kinds() == ["auth"]
    assert "GROQ_API_KEY" in built.sent[0].action
    assert not built.router.available()  # the provider is skipped for a cooldown


async def test_usage_is_recorded_for_every_attempt_failed_ones_included(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(500), times=2)
    fake.usage = (50, 10)
    built = await make_router({"retries": 1})
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120
    assert [(a.model, a.outcome) for a in built.sink.attempts] == [
        (M20, "server_error"),
        (M20, "server_error"),
        (M120, "ok"),
    ]
    failed = built.sink.attempts[0]
    assert (failed.prompt_tokens, failed.completion_tokens, failed.cost_usd) == (0, 0, 0.0)
    assert all(a.context.request_id == "req-1" for a in built.sink.attempts)
    assert routed.cost_usd == pytest.approx((50 * 0.15 + 10 * 0.60) / 1e6)


async def test_every_model_failing_raises_all_models_failed_with_the_last_kind(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(503))
    fake.fail(M120, Fault.malformed())
    built = await make_router({"retries": 0})
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert failed.value.kind == "bad_response"
    assert [e.kind for e in failed.value.errors] == ["server_error", "bad_response"]


async def test_context_too_long_drops_history_and_retries_once(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.context_too_long(), times=1)
    built = await make_router()
    long_chat = (
        ChatMessage("system", "You are the twin."),
        ChatMessage("user", "First question"),
        ChatMessage("assistant", "First answer"),
        ChatMessage("user", "Second question"),
    )
    routed = await built.router.complete(long_chat, CONTEXT, max_tokens=64)
    assert routed.model == M20 and fake.calls_to(M20) == 2
    retried = fake.requests[1]["messages"]
    assert [m["content"] for m in retried] == ["You are the twin.", "Second question"]


async def test_request_too_large_413_moves_on_when_nothing_can_be_trimmed(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.too_large())
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and fake.calls_to(M20) == 1


async def test_no_model_available_without_a_groq_key(make_router: MakeRouter) -> None:
    built = await make_router(env={"GROQ_API_KEY": ""})
    assert not built.router.available()
    assert any("GROQ_API_KEY" in note for note in built.providers.notes)
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert failed.value.kind == "no_models"


async def test_raw_provider_bodies_never_reach_errors_or_health(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.rate_limit(daily=True))
    fake.fail(M120, Fault.too_large())
    built = await make_router()
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    said = [str(failed.value), *(str(e) for e in failed.value.errors)]
    said += [json.dumps([h.last_error for h in built.router.health()])]
    said += [a.title + a.text + a.action for a in built.sent]
    assert all(ORG not in s and "test-key" not in s for s in said)
