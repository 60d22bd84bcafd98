"""Every Groq failure becomes one typed error with a safe message (real SDK against the fake)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from core.models.providers.base import ChatMessage, CompletionRequest
from core.models.providers.errors import (
    AuthError,
    BadResponse,
    ContextTooLong,
    ModelUnavailable,
    NetworkError,
    ProviderError,
    ProviderTimeout,
    QuotaExceeded,
    RateLimited,
    ServerError,
    StreamBroken,
)
from core.models.providers.groq import GroqProvider
from core.models.providers.openai_compat import (
    OpenAICompatProvider,
    parse_duration,
    rate_limits_from,
    retry_after_from,
)
from tests.fakes.groq_server import ORG, FakeGroq, Fault

MODEL = "openai/gpt-oss-20b"
REQUEST = CompletionRequest(MODEL, (ChatMessage("user", "hi"),), 64, timeout_s=1.0)
CASES = [
    (Fault.rate_limit(retry_after=2), RateLimited, 2.0),
    (Fault.rate_limit(retry_after=120), QuotaExceeded, 120.0),
    (Fault.rate_limit(daily=True), QuotaExceeded, 578.0),
    (Fault.server_error(503), ServerError, None),
    (Fault.server_error(500), ServerError, None),
    (Fault.model_gone(), ModelUnavailable, None),
    (Fault.model_gone(decommissioned=True), ModelUnavailable, None),
    (Fault.context_too_long(), ContextTooLong, None),
    (Fault.too_large(), ContextTooLong, None),
    (Fault.auth(), AuthError, None),
    (Fault.malformed(), BadResponse, None),
    (Fault.cut_stream(), BadResponse, None),
    (Fault.timeout(seconds=4), ProviderTimeout, None),
]
IDS = [
    "429-short",
    "429-long",
    "429-daily",
    "503",
    "500",
    "404",
    "decommissioned",
    "context",
    "413",
    "401",
    "malformed",
    "cut-body",
    "timeout",
]


@pytest.fixture(params=["groq", "openai"])
async def provider(request: pytest.FixtureRequest, fake: FakeGroq) -> AsyncIterator[object]:
    if request.param == "groq":
        made: GroqProvider | OpenAICompatProvider = GroqProvider("secret-key", fake.base_url)
    else:
        made = OpenAICompatProvider("local", f"{fake.base_url}/v1", "secret-key")
    yield made
    await made.aclose()


@pytest.mark.parametrize(("fault", "expected", "retry_after"), CASES, ids=IDS)
async def test_plain_call_failures_map_to_typed_errors(
    provider, fake: FakeGroq, fault: Fault, expected: type, retry_after: float | None
) -> None:
    fake.fail(MODEL, fault)
    with pytest.raises(ProviderError) as raised:
        await provider.complete(REQUEST)
    assert type(raised.value) is expected
    assert raised.value.retry_after == retry_after
    message = str(raised.value)
    assert ORG not in message and "secret-key" not in message and len(message) < 120


@pytest.mark.parametrize(("fault", "expected", "retry_after"), CASES[:-3], ids=IDS[:-3])
async def test_stream_failures_before_any_text_map_to_the_same_types(
    provider, fake: FakeGroq, fault: Fault, expected: type, retry_after: float | None
) -> None:
    fake.fail(MODEL, fault)
    with pytest.raises(ProviderError) as raised:
        async for _ in provider.stream(REQUEST):
            pass
    assert type(raised.value) is expected


async def test_stream_cut_after_text_raises_stream_broken_with_the_text(
    provider, fake: FakeGroq
) -> None:
    fake.reply = "one two three four five six seven eight"
    fake.fail(MODEL, Fault.cut_stream(after_chunks=1))
    seen = []
    with pytest.raises(StreamBroken) as raised:
        async for event in provider.stream(REQUEST):
            seen.append(event)
    assert raised.value.text and fake.reply.startswith(raised.value.text)


def test_groq_durations_and_headers_are_read() -> None:
    assert parse_duration("2m59.56s") == pytest.approx(179.56)
    assert parse_duration("240ms") == pytest.approx(0.24)
    assert parse_duration("1h") == 3600 and parse_duration("6") == 6
    assert parse_duration("soon") is None
    assert retry_after_from({}, "Please try again in 9m38s. Need more tokens?") == 578
    assert retry_after_from({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    info = rate_limits_from(
        {"x-ratelimit-remaining-tokens": "1200", "x-ratelimit-reset-tokens": "7.66s"}
    )
    assert info is not None and info.remaining_tokens == 1200
    assert info.reset_tokens_s == pytest.approx(7.66) and info.remaining_requests is None
    assert rate_limits_from({"content-type": "application/json"}) is None


@pytest.mark.parametrize("kind", ["groq", "openai"])
async def test_a_connection_closed_without_an_answer_is_a_network_error_not_a_timeout(
    kind: str,
) -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)  # the request has started: drop it unanswered
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"
    provider: GroqProvider | OpenAICompatProvider = (
        GroqProvider("secret-key", base_url)
        if kind == "groq"
        else OpenAICompatProvider("local", f"{base_url}/v1", "secret-key")
    )
    try:
        with pytest.raises(NetworkError) as raised:
            await provider.complete(REQUEST)
        assert "connection failed" in str(raised.value)
    finally:
        await provider.aclose()
        server.close()
        await server.wait_closed()
