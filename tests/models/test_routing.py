"""Which model goes first: rate-limit headers, adaptive scores, the backup provider, start-up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.clock import FakeClock
from core.models.providers.registry import Route, build_providers, resolve
from core.models.usage import Attempt
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter, make_config

LOCAL = "local:llama3.2:3b"
BACKUP = {"local": {"base_url": "", "api_key_env": "LOCAL_KEY"}}
# A local model costs nothing, but says so: an unpriced chain model is a config error.
FREE = {m: {"input": 0.0, "output": 0.0} for m in (LOCAL, "local:llama3.2:latest")}


def backup(fake: FakeGroq) -> dict[str, dict[str, str]]:
    return {"local": {**BACKUP["local"], "base_url": f"{fake.base_url}/v1"}}


def seeded(model: str, outcomes: str, latency_ms: float = 400.0) -> list[Attempt]:
    """Attempts of `model`: one per character of `outcomes`, "." ok and "x" a server error."""
    at = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    return [
        Attempt(
            at=at,
            context=CONTEXT,
            model=model,
            prompt_tokens=100 if c == "." else 0,
            completion_tokens=20 if c == "." else 0,
            cost_usd=0.00001 if c == "." else 0.0,
            latency_ms=latency_ms,
            outcome="ok" if c == "." else "server_error",
        )
        for c in outcomes
    ]


async def test_low_remaining_tokens_pass_over_the_model_until_its_reset(
    make_router: MakeRouter, fake: FakeGroq, clock: FakeClock
) -> None:
    fake.model_headers[M20] = {
        "x-ratelimit-remaining-tokens": "1500",
        "x-ratelimit-reset-tokens": "7.66s",
    }
    built = await make_router({"min_remaining_tokens": 2000})
    assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M20
    [m20] = [h for h in built.router.health() if h.model == M20]
    assert m20.remaining_tokens == 1500 and m20.remaining_requests == 14399
    assert built.router.health()[0].model == M120
    assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M120
    assert fake.calls_to(M20) == 1
    clock.advance(8)
    assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M20


async def test_low_remaining_requests_pass_over_the_model(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.model_headers[M20] = {"x-ratelimit-remaining-requests": "2"}
    built = await make_router({"min_remaining_requests": 5})
    await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M120


async def test_a_model_near_its_limit_is_still_used_when_it_is_the_only_one_left(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.model_headers[M20] = {"x-ratelimit-remaining-tokens": "10"}
    built = await make_router({"retries": 0})
    await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    fake.fail(M120, Fault.server_error(503))
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M20 and routed.attempts == (M120, M20)


async def test_adaptive_puts_the_cheaper_model_first_when_both_are_healthy(
    make_router: MakeRouter,
) -> None:
    built = await make_router({"routing": "adaptive", "models": [M120, M20]})
    built.router.seed(seeded(M120, "." * 20) + seeded(M20, "." * 20))
    order = built.router.health()
    assert [h.model for h in order] == [M20, M120]
    assert order[0].score is not None and order[1].score is not None
    assert order[0].score > order[1].score


async def test_adaptive_moves_a_failing_model_behind_a_healthy_one(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    built = await make_router({"routing": "adaptive"})
    built.router.seed(seeded(M20, ".x.x.x.x.x") + seeded(M120, ".........."))
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and fake.calls_to(M20) == 0


async def test_adaptive_prefers_the_faster_of_two_equal_models(make_router: MakeRouter) -> None:
    config = {"routing": "adaptive", "models": [M20, "openai/other-20b"]}
    prices = {"prices": {"openai/other-20b": {"input": 0.075, "output": 0.30}}}
    built = await make_router(config, **prices)
    built.router.seed(seeded(M20, "." * 10, 4000) + seeded("openai/other-20b", "." * 10, 300))
    assert built.router.health()[0].model == "openai/other-20b"


async def test_ordered_routing_keeps_the_chain_as_written(make_router: MakeRouter) -> None:
    built = await make_router({"models": [M120, M20]})
    built.router.seed(seeded(M120, "xxxx......") + seeded(M20, ".........."))
    assert [h.model for h in built.router.health()] == [M120, M20]
    assert built.router.health()[0].score is None


async def test_seed_rebuilds_health_from_usage_rows(make_router: MakeRouter) -> None:
    built = await make_router()
    built.router.seed(seeded(M20, "....x", latency_ms=250))
    [m20] = [h for h in built.router.health() if h.model == M20]
    assert m20.calls == 5 and m20.success_rate == pytest.approx(0.8)
    assert m20.p50_ms == 250 and m20.p95_ms == 250 and m20.tokens == 480
    assert m20.last_error == "server_error" and m20.last_error_at is not None
    assert m20.breaker == "closed"


async def test_backup_openai_compatible_provider_answers_on_the_v1_path(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router(
        {"models": [M20, LOCAL], "retries": 0},
        env={"LOCAL_KEY": "local-secret"},
        providers=backup(fake),
        prices=FREE,
    )
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == LOCAL and routed.text == fake.reply
    assert fake.log[-1].path == "/v1/chat/completions" and fake.log[-1].authorized
    assert fake.requests[-1]["model"] == "llama3.2:3b"
    assert [h.provider for h in built.router.health()] == ["groq", "local"]


async def test_backup_provider_streams_with_usage_from_its_final_chunk(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.usage = (77, 9)
    built = await make_router(
        {"models": [LOCAL]},
        env={"LOCAL_KEY": "k"},
        providers=backup(fake),
        prices=FREE,
    )
    deltas: list[str] = []

    async def show(delta: str) -> None:
        deltas.append(delta)

    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, on_text=show)
    assert "".join(deltas) == routed.text == fake.reply and len(deltas) > 1
    assert (routed.prompt_tokens, routed.completion_tokens) == (77, 9)
    assert fake.requests[-1]["stream_options"] == {"include_usage": True}


async def test_auth_error_moves_on_to_a_model_of_another_provider(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.auth())
    built = await make_router(
        {"models": [M20, M120, LOCAL]}, env={"LOCAL_KEY": "k"}, providers=backup(fake), prices=FREE
    )
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == LOCAL and routed.attempts == (M20, LOCAL)
    assert fake.calls_to(M120) == 0


async def test_backup_without_its_key_is_left_out_with_a_note(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    built = await make_router({"models": [LOCAL]}, providers=backup(fake), prices=FREE)
    assert not built.router.available()
    assert any("LOCAL_KEY" in note for note in built.providers.notes)


async def test_start_takes_out_a_model_the_provider_does_not_list(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.models = [M120]
    built = await make_router({"check_models_at_start": True})
    assert fake.model_list_calls == 1
    assert built.alert_kinds() == ["model_removed"] and M20 in built.sent[0].title
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    assert routed.model == M120 and fake.calls_to(M20) == 0


async def test_start_survives_a_failing_model_listing(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.models_fault = Fault.server_error(503)
    built = await make_router({"check_models_at_start": True})
    assert built.sent == [] and all(h.in_rotation for h in built.router.health())
    assert (await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)).model == M20


async def test_start_checks_the_backup_provider_on_its_own_path(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.models = [M20, "llama3.2"]  # Ollama lists untagged names as NAME:latest; here plain
    built = await make_router(
        {"models": [M20, "local:llama3.2:latest", LOCAL], "check_models_at_start": True},
        env={"LOCAL_KEY": "k"},
        providers=backup(fake),
        prices=FREE,
    )
    removed = [a.title for a in built.sent]
    assert len(removed) == 1 and LOCAL in removed[0]


def test_chain_ids_resolve_to_provider_and_model() -> None:
    names = {"local"}
    assert resolve(LOCAL, names) == Route(LOCAL, "local", "llama3.2:3b")
    assert resolve(M20, names) == Route(M20, "groq", M20)
    assert resolve("other:thing", names) == Route("other:thing", "groq", "other:thing")


def test_registry_reads_keys_from_the_environment_only() -> None:
    section = {"base_url": "http://127.0.0.1:9/v1", "api_key_env": "LOCAL_KEY"}
    config = make_config({"models": [M20, LOCAL]}, providers={"local": section}, prices=FREE)
    providers = build_providers(config, {"LOCAL_KEY": "x"})
    assert set(providers.providers) == {"local"}
    served = [providers.providers.get(providers.route(c).provider) for c in (M20, LOCAL)]
    assert served[0] is None and served[1] is not None
    assert len(providers.notes) == 1 and "GROQ_API_KEY" in providers.notes[0]
