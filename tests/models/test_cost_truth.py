"""Every token priced as Groq bills it: cached prompt tokens at the cached-input price, reasoning
tokens metered, plain and streamed; service tiers sent, flex's 498 and a refused tier."""

from __future__ import annotations

import pytest

from core.models.outcomes import AllModelsFailed
from core.models.providers.base import ChatMessage
from core.models.providers.errors import CapacityExceeded, TierUnavailable
from core.models.providers.openai_compat import error_from_status
from tests.fakes.groq_cache import PrefixCache, render_prompt
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MakeRouter

RULES = "You are the twin. " + "Rule: answer only from the facts below. " * 80  # ~3,200 chars
FIRST = (ChatMessage("system", RULES), ChatMessage("user", "Where did you study?"))
SECOND = (ChatMessage("system", RULES), ChatMessage("user", "What do you do for work?"))


async def _show(_: str) -> None:
    return None


@pytest.mark.parametrize("streamed", [False, True])
async def test_cached_and_reasoning_tokens_are_metered_and_priced(
    make_router: MakeRouter, fake: FakeGroq, streamed: bool
) -> None:
    fake.reasoning = "The user asks about work; the facts say software engineer. " * 4
    built = await make_router({"retries": 0})
    on_text = _show if streamed else None
    await built.router.complete(FIRST, CONTEXT, max_tokens=64, on_text=on_text)
    routed = await built.router.complete(SECOND, CONTEXT, max_tokens=64, on_text=on_text)
    first, second = built.sink.attempts
    assert first.cached_input_tokens == 0
    # The shared system prompt is served from the cache in whole blocks of 128 tokens.
    assert second.cached_input_tokens > 0 and second.cached_input_tokens % 128 == 0
    assert second.cached_input_tokens < second.prompt_tokens
    assert second.reasoning_tokens == len(fake.reasoning) // 4 > 0
    assert second.reasoning_tokens < second.completion_tokens
    uncached = second.prompt_tokens - second.cached_input_tokens
    price_in, price_cached, price_out = 0.075, 0.0375, 0.30  # gpt-oss-20b, cached = half
    expected = (
        uncached * price_in
        + second.cached_input_tokens * price_cached
        + second.completion_tokens * price_out
    ) / 1e6
    assert second.cost_usd == pytest.approx(expected)
    assert routed.cost_usd == pytest.approx(expected)
    full = (second.prompt_tokens * price_in + second.completion_tokens * price_out) / 1e6
    assert second.cost_usd < full


async def test_a_cached_input_price_in_the_config_is_used(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.usage = (1000, 100)
    prices = {M20: {"input": 0.10, "output": 0.40, "cached_input": 0.01}}
    built = await make_router({"retries": 0}, prices=prices)
    await built.router.complete(FIRST, CONTEXT, max_tokens=64)
    await built.router.complete(SECOND, CONTEXT, max_tokens=64)
    second = built.sink.attempts[-1]
    cached = second.cached_input_tokens
    assert cached > 0
    assert second.cost_usd == pytest.approx(((1000 - cached) * 0.10 + cached * 0.01 + 40) / 1e6)


async def test_a_stream_cut_short_is_metered_by_estimate_with_nothing_cached(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    built = await make_router({"retries": 0})
    await built.router.complete(FIRST, CONTEXT, max_tokens=64)
    fake.fail(M20, Fault.cut_stream(after_chunks=2), times=1)
    routed = await built.router.complete(SECOND, CONTEXT, max_tokens=64, on_text=_show)
    cut = built.sink.attempts[-1]
    assert routed.truncated and cut.estimated and cut.outcome == "stream_broken"
    assert cut.prompt_tokens > 0 and cut.cached_input_tokens == 0  # an estimate errs high
    assert cut.cost_usd == pytest.approx(
        (cut.prompt_tokens * 0.075 + cut.completion_tokens * 0.30) / 1e6
    )


def test_the_fake_caches_whole_blocks_of_the_longest_shared_prefix_per_model() -> None:
    now = [0.0]
    cache = PrefixCache(block_tokens=4, ttl_s=10.0, clock=lambda: now[0])
    a = render_prompt([{"role": "system", "content": "x" * 100}, {"role": "user", "content": "a"}])
    b = render_prompt([{"role": "system", "content": "x" * 100}, {"role": "user", "content": "b"}])
    assert cache.cached_tokens(M20, a) == 0
    cache.remember(M20, a)
    shared = len("system\n" + "x" * 100 + "\nuser\n")
    assert cache.cached_tokens(M20, b) == (shared // 16) * 16 // 4
    assert cache.cached_tokens(M120, b) == 0  # no sharing across models
    assert cache.cached_tokens(M20, a) * 4 < len(a)  # some of the prompt is always computed
    now[0] = 11.0
    assert cache.cached_tokens(M20, b) == 0  # expired


# --- service tiers ----------------------------------------------------------------------


async def test_service_tier_is_sent_only_when_set(make_router: MakeRouter, fake: FakeGroq) -> None:
    plain = await make_router({"retries": 0})
    await plain.router.complete(FIRST, CONTEXT, max_tokens=64)
    assert "service_tier" not in fake.requests[-1]
    flex = await make_router({"retries": 0, "service_tier": "flex"})
    await flex.router.complete(FIRST, CONTEXT, max_tokens=64, on_text=_show)
    assert fake.requests[-1]["service_tier"] == "flex"


async def test_flex_over_capacity_moves_on_at_once_without_retry(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.capacity_exceeded())
    built = await make_router({"retries": 2, "service_tier": "flex"})
    routed = await built.router.complete(FIRST, CONTEXT, max_tokens=64)
    assert routed.model == M120 and fake.calls_to(M20) == 1
    assert built.sink.outcomes(M20) == ["capacity_exceeded"]


async def test_a_tier_the_account_cannot_use_is_one_alert_and_no_retry_loop(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.allowed_tiers = {"on_demand"}  # a free plan
    built = await make_router({"retries": 2, "service_tier": "auto"})
    first = await built.router.complete(FIRST, CONTEXT, max_tokens=64)
    second = await built.router.complete(SECOND, CONTEXT, max_tokens=64)
    assert first.model == second.model == M20
    tiers = [r.get("service_tier") for r in fake.requests]
    assert tiers == ["auto", None, None]  # refused once, then sent without the tier
    assert built.alert_kinds() == ["service_tier"]
    assert "on_demand" in built.sent[0].action and "auto" in built.sent[0].title


async def test_a_tier_refused_again_fails_over_instead_of_looping(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.tier_unavailable("flex"))
    fake.fail(M120, Fault.tier_unavailable("flex"))
    built = await make_router({"retries": 2, "service_tier": "flex"})
    with pytest.raises(AllModelsFailed):
        await built.router.complete(FIRST, CONTEXT, max_tokens=64)
    assert fake.calls_to(M20) + fake.calls_to(M120) == 3  # one retry without the tier, no loop
    assert built.alert_kinds() == ["service_tier"]


def test_the_one_mapper_types_capacity_and_tier_errors() -> None:
    capacity = error_from_status(498, Fault.capacity_exceeded().body, None, M20, "groq")
    assert isinstance(capacity, CapacityExceeded) and not capacity.retryable
    tier = error_from_status(400, Fault.tier_unavailable("auto").body, None, M20, "groq")
    assert isinstance(tier, TierUnavailable) and "org" not in str(tier)


# --- the budget's step-down: the cheapest healthy model first ------------------------------


async def test_cheapest_first_tries_the_cheapest_healthy_model(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    built = await make_router({"models": [M120, M20], "retries": 0, "breaker_failures": 1})
    routed = await built.router.complete(FIRST, CONTEXT, max_tokens=64, cheapest_first=True)
    assert routed.model == M20  # cheapest first, though second in the chain
    fake.fail(M20, Fault.server_error(), times=1)
    await built.router.complete(FIRST, CONTEXT, max_tokens=64, cheapest_first=True)
    routed = await built.router.complete(FIRST, CONTEXT, max_tokens=64, cheapest_first=True)
    assert routed.model == M120  # the cheapest one's breaker is open: the healthy one answers
