"""Groq through its own SDK, `groq.AsyncGroq(max_retries=0)`: the router owns retry policy.

Every SDK failure becomes a typed error in one function, `map_error`. Reasoning never reaches the
text: gpt-oss models get `reasoning_effort` and `include_reasoning=False`; other reasoning models
(qwen3, deepseek-r1) get `reasoning_format="hidden"`; any `<think>…</think>` left in the content is
cut and a `reasoning` field is never read.

Usage is read with Groq's details, from the body's `usage` or a stream's last-chunk
`x_groq.usage`: `prompt_tokens_details.cached_tokens` (prefix-cache hits, half price) and
`completion_tokens_details.reasoning_tokens`. `[llm] service_tier` goes out as the SDK's
`service_tier` argument when set (never otherwise).

The SDK's client runs on aiohttp (`groq.DefaultAioHttpClient`, the SDK's `aiohttp` extra): its
C HTTP parser and plain asyncio streams cost about 0.3 ms less per call than httpx's default
transport on anyio (`bench.breakdown`). Its error mapping calls a dropped connection a connect
timeout; `map_error` names it a connection failure, as httpx's transport would.

When a reasoning model spends all of `max_tokens` on reasoning, the answer comes back empty: this
provider then returns a Completion with `text == ""` (and its real usage, `finish_reason`
"length"), not an error. The router counts an empty answer as a failed attempt of that model
and moves on to the next one without retrying it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any, Literal, cast

import aiohttp
import groq
import httpx
from groq.types import CompletionUsage
from groq.types.chat import ChatCompletion, ChatCompletionChunk

from core.config import SERVICE_TIERS
from core.models.providers.base import (
    Completion,
    CompletionRequest,
    StreamEnd,
    StreamEvent,
    TextDelta,
    UsageCounts,
)
from core.models.providers.errors import (
    BadResponse,
    NetworkError,
    ProviderError,
    ProviderTimeout,
    ServerError,
)
from core.models.providers.openai_compat import (
    ThinkFilter,
    completion_of,
    error_from_status,
    stream_broken,
    stream_error,
    strip_reasoning,
    transport_error,
    usage_of,
)

_EFFORTS = {"low", "medium", "high"}
_Tier = Literal["auto", "on_demand", "flex"]


def _tier(request: CompletionRequest) -> _Tier | groq.Omit:
    """The SDK's `service_tier` argument: sent only when `[llm] service_tier` is set."""
    tier = request.service_tier
    return cast(_Tier, tier) if tier in SERVICE_TIERS else groq.omit


def map_error(exc: BaseException, model: str, provider: str = "groq") -> ProviderError:
    """Any failure of a Groq SDK call as one typed error, by status, error code and
    `retry-after`. The message is built here: short, with neither the raw body nor the key."""
    where = f"{provider} {model}".strip()
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, groq.APITimeoutError) and not _dropped(exc):
        return ProviderTimeout(f"{where}: no answer in time", model=model)
    if isinstance(exc, groq.APIConnectionError):
        return NetworkError(f"{where}: connection failed", model=model)
    if isinstance(exc, groq.APIStatusError):
        return error_from_status(exc.status_code, exc.body, exc.response.headers, model, provider)
    if isinstance(exc, groq.APIResponseValidationError):
        return BadResponse(f"{where}: the answer did not match the API", model=model)
    if isinstance(exc, groq.APIError):  # an error event inside a 200 stream
        return stream_error(exc.body, model, provider)
    if isinstance(exc, Exception):
        return transport_error(exc, model, provider)  # httpx errors, malformed JSON
    return ProviderError(f"{where}: call interrupted", model=model)


def _dropped(exc: BaseException) -> bool:
    """Whether the connection was closed or reset under the call (aiohttp's own error, under
    the httpx one its transport raises), rather than the answer being late."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def reasoning_options(model: str, effort: str | None) -> dict[str, Any]:
    """The request fields that keep a reasoning model's thinking out of the answer."""
    lowered = model.lower()
    if "gpt-oss" in lowered:
        options: dict[str, Any] = {"include_reasoning": False}
        if effort in _EFFORTS:
            options["reasoning_effort"] = effort
        return options
    if "qwen3" in lowered or "qwq" in lowered or "deepseek-r1" in lowered:
        return {"reasoning_format": "hidden"}
    return {}


def _counts(usage: CompletionUsage) -> UsageCounts:
    """Groq's usage block: `prompt_tokens_details.cached_tokens` (prefix-cache hits, billed at
    half the input price) and `completion_tokens_details.reasoning_tokens` (billed as output)."""
    prompt_details = usage.prompt_tokens_details
    completion_details = usage.completion_tokens_details
    return UsageCounts(
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cached_tokens=prompt_details.cached_tokens if prompt_details is not None else 0,
        reasoning_tokens=completion_details.reasoning_tokens if completion_details else 0,
    )


class GroqProvider:
    """The Groq provider (see the module docstring for reasoning and empty answers)."""

    def __init__(
        self,
        api_key: str,
        base_url: str | None,
        *,
        name: str = "groq",
        timeout_s: float = 30.0,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.name = name
        self._client = groq.AsyncGroq(
            api_key=api_key,
            base_url=base_url,
            max_retries=0,
            timeout=timeout_s,
            http_client=http_client or groq.DefaultAioHttpClient(timeout=timeout_s),
        )

    def _extra(self, request: CompletionRequest) -> dict[str, Any]:
        return reasoning_options(request.model, request.reasoning_effort)

    def body(self, request: CompletionRequest) -> dict[str, Any]:
        """The JSON body of a request (a stream adds `"stream": true`): what
        `chat.completions.create` sends for the same arguments (`tests/models/test_groq_body.py`
        compares them)."""
        body: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "model": request.model,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
        }
        tier = _tier(request)
        if not isinstance(tier, groq.Omit):
            body["service_tier"] = tier
        body.update(self._extra(request))
        return body

    async def complete(self, request: CompletionRequest) -> Completion:
        # Through the SDK's client (its auth, base URL, timeouts and typed errors) but with a
        # plain body and a plain JSON answer: `create()` would run its TypedDict transform over
        # every message and build pydantic models of the reply, about half a millisecond of
        # CPU per answer that changes nothing for a body of plain strings.
        try:
            response = await self._client.post(
                "/openai/v1/chat/completions",
                body=self.body(request),
                cast_to=httpx.Response,
                options={"timeout": request.timeout_s},
            )
            data = response.json()
            choice = data["choices"][0]
            text = strip_reasoning(str(choice["message"].get("content") or ""))
            usage = usage_of(data)
            finish = choice.get("finish_reason")
            headers: Mapping[str, str] = response.headers
        except Exception as exc:
            raise map_error(exc, request.model, self.name) from None
        return completion_of(request, text, usage, finish, headers)

    async def stream(self, request: CompletionRequest) -> AsyncIterator[StreamEvent]:
        """TextDelta pieces, then one StreamEnd with the usage of the last chunk's
        `x_groq.usage`. A stream that ends without it raises StreamBroken(text=what arrived)."""
        try:
            # `create(stream=True)` without its per-message transform (see `complete`)
            stream = await self._client.post(
                "/openai/v1/chat/completions",
                body={**self.body(request), "stream": True},
                cast_to=ChatCompletion,
                options={"timeout": request.timeout_s},
                stream=True,
                stream_cls=groq.AsyncStream[ChatCompletionChunk],
            )
        except Exception as exc:
            raise map_error(exc, request.model, self.name) from None
        text: list[str] = []
        think = ThinkFilter()
        usage: UsageCounts | None = None
        finish: str | None = None
        try:
            async for chunk in stream:
                extra = chunk.x_groq
                if extra is not None and extra.error:
                    raise ServerError(
                        f"{self.name} {request.model}: the stream reported an error",
                        model=request.model,
                    )
                found = extra.usage if extra is not None and extra.usage else chunk.usage
                if found is not None:
                    usage = _counts(found)
                for choice in chunk.choices:
                    finish = choice.finish_reason or finish
                    piece = think.feed(choice.delta.content or "")
                    if piece:
                        text.append(piece)
                        yield TextDelta(piece)
        except Exception as exc:
            error = map_error(exc, request.model, self.name)
            if text:
                why = f"the stream broke ({error.kind})"
                raise stream_broken(self.name, request, why, text) from None
            raise error from None
        finally:
            await stream.close()
        if usage is None:
            why = "the stream ended without its last chunk"
            raise stream_broken(self.name, request, why, text)
        rest = think.flush()
        if rest:
            text.append(rest)
            yield TextDelta(rest)
        yield StreamEnd(
            completion_of(request, "".join(text), usage, finish, stream.response.headers)
        )

    async def list_models(self) -> set[str]:
        """The model ids this key can use (`GET /openai/v1/models`)."""
        try:
            page = await self._client.models.list()
            return {m.id for m in page.data}
        except Exception as exc:
            raise map_error(exc, "", self.name) from None

    async def aclose(self) -> None:
        await self._client.close()
