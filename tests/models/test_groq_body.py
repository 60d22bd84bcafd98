"""The Groq provider's plain request is byte for byte the request the SDK's
`chat.completions.create` sends for the same arguments, and its answer reads the same."""

from __future__ import annotations

from typing import Any

import groq
import pytest

from core.models.providers.base import ChatMessage, CompletionRequest, StreamEnd, TextDelta
from core.models.providers.groq import GroqProvider, _tier
from tests.fakes.groq_server import FakeGroq

MESSAGES = (
    ChatMessage("system", "You are Ada. Answer as me."),
    ChatMessage("user", 'Say "hi" – ünïcode, emoji 🙂, a\nnewline and a \\ backslash.'),
)
CASES = [
    CompletionRequest("openai/gpt-oss-20b", MESSAGES, 300, timeout_s=5.0),
    CompletionRequest("openai/gpt-oss-120b", MESSAGES, 64, 0.2, "high", 5.0, "flex"),
    CompletionRequest("qwen/qwen3-32b", MESSAGES, 128, timeout_s=5.0, service_tier="on_demand"),
    CompletionRequest("llama-3.1-8b-instant", MESSAGES, 512, 1.0, "low", 5.0),
]


def sdk_arguments(provider: GroqProvider, request: CompletionRequest) -> dict[str, Any]:
    """What `chat.completions.create` is given for `request`, the SDK's documented way."""
    return {
        "model": request.model,
        "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        "max_tokens": request.max_tokens,
        "temperature": request.temperature,
        "service_tier": _tier(request),
        "extra_body": provider._extra(request),
        "timeout": request.timeout_s,
    }


@pytest.mark.parametrize("request_", CASES, ids=lambda r: r.model)
async def test_the_plain_request_is_what_the_sdk_would_send(request_: CompletionRequest) -> None:
    async with FakeGroq(reply="Hello <think>hidden</think>there.") as fake:
        provider = GroqProvider("secret-key", fake.base_url)
        sdk = groq.AsyncGroq(api_key="secret-key", base_url=fake.base_url, max_retries=0)
        try:
            ours = await provider.complete(request_)
            theirs = await sdk.chat.completions.create(**sdk_arguments(provider, request_))
        finally:
            await provider.aclose()
            await sdk.close()
        assert len(fake.requests) == 2
        assert fake.requests[0] == fake.requests[1]
        assert [r.path for r in fake.log] == ["/openai/v1/chat/completions"] * 2
        assert ours.text == "Hello there." and ours.finish_reason == theirs.choices[0].finish_reason
        assert theirs.usage is not None
        assert (ours.prompt_tokens, ours.completion_tokens) == (
            theirs.usage.prompt_tokens,
            theirs.usage.completion_tokens,
        )
        assert not ours.estimated and ours.rate_limits is not None


@pytest.mark.parametrize("request_", CASES[:2], ids=lambda r: r.model)
async def test_the_streamed_request_is_what_the_sdk_would_send(request_: CompletionRequest) -> None:
    async with FakeGroq(reply="Hello <think>hidden</think>there.") as fake:
        provider = GroqProvider("secret-key", fake.base_url)
        sdk = groq.AsyncGroq(api_key="secret-key", base_url=fake.base_url, max_retries=0)
        try:
            events = [event async for event in provider.stream(request_)]
            theirs = await sdk.chat.completions.create(
                **sdk_arguments(provider, request_), stream=True
            )
            chunks = [chunk async for chunk in theirs]
        finally:
            await provider.aclose()
            await sdk.close()
        assert len(fake.requests) == 2 and fake.requests[0] == fake.requests[1]
        assert fake.requests[0]["stream"] is True
        shown = "".join(e.text for e in events if isinstance(e, TextDelta))
        (end,) = [e for e in events if isinstance(e, StreamEnd)]
        assert shown == end.completion.text == "Hello there." and chunks
        assert end.completion.prompt_tokens > 0 and end.completion.rate_limits is not None
