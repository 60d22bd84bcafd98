"""An OpenAI-compatible chat-completions provider (OpenAI, Ollama, vLLM) over httpx, and the
protocol helpers it shares with the Groq provider: error classification, rate-limit headers,
keeping reasoning out of the answer.

`base_url` is the API root that holds `/chat/completions` and `/models`, as those servers document
it: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), `http://host:8000/v1`
(vLLM). Requests send `max_tokens` (what Ollama and vLLM read) and, when streaming,
`stream_options.include_usage` so usage arrives in a final chunk. A stream that ends with neither
a usage chunk nor `data: [DONE]` is cut: `StreamBroken(text=what arrived)`. A stream that ends
cleanly without usage is metered by estimate (`Completion.estimated`).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from core.models.providers.base import (
    Completion,
    CompletionRequest,
    RateLimitInfo,
    StreamEnd,
    StreamEvent,
    TextDelta,
    UsageCounts,
    estimate_tokens,
    usage_counts,
)
from core.models.providers.errors import (
    AuthError,
    BadResponse,
    CapacityExceeded,
    ContextTooLong,
    ModelUnavailable,
    NetworkError,
    ProviderError,
    ProviderTimeout,
    QuotaExceeded,
    RateLimited,
    ServerError,
    StreamBroken,
    TierUnavailable,
)

QUOTA_WAIT_S = 60.0
"""A 429 asking to wait longer than this is a spent quota (per-day limits), not a short burst."""

_DAILY = re.compile(r"per day|\(tpd\)|\(rpd\)|daily", re.IGNORECASE)
_QUOTA_CODES = {"insufficient_quota", "billing_hard_limit_reached", "quota_exceeded"}
_CONTEXT_HINTS = re.compile(
    r"context length|context window|reduce the length|too many tokens|maximum context",
    re.IGNORECASE,
)
_MODEL_GONE_CODES = {"model_not_found", "model_decommissioned", "model_not_active"}
_WAIT_IN_TEXT = re.compile(r"try again in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)", re.IGNORECASE)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")


class InvalidRequest(ProviderError):
    """Another 4xx: the request itself was refused (a parameter the model does not take).
    Not retried; the router moves on to the next model."""

    kind = "bad_request"


# --- reading what the API says -------------------------------------------------------------


def parse_duration(text: str | None) -> float | None:
    """Groq's reset and wait durations ('2m59.56s', '7.66s', '240ms', '6') as seconds."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return None
    scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    return sum(float(n) * scale[u] for n, u in parts)


def retry_after_from(headers: Mapping[str, str] | None, message: str = "") -> float | None:
    """Seconds to wait: `retry-after-ms`, `retry-after` (seconds or an HTTP date), or the
    'try again in 9m38s' of the error message."""
    if headers is not None:
        millis = headers.get("retry-after-ms")
        if millis:
            try:
                return max(0.0, float(millis) / 1000.0)
            except ValueError:
                pass
        value = headers.get("retry-after")
        if value:
            seconds = parse_duration(value)
            if seconds is not None:
                return seconds
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                return max(0.0, (when - datetime.now(UTC)).total_seconds())
    found = _WAIT_IN_TEXT.search(message)
    return parse_duration(found.group(1)) if found else None


def rate_limits_from(headers: Mapping[str, str] | None) -> RateLimitInfo | None:
    """The `x-ratelimit-*` headers as RateLimitInfo; None when the response carried none."""
    if headers is None:
        return None

    def number(name: str) -> int | None:
        value = headers.get(name)
        if value is None:
            return None
        try:
            return int(float(value))
        except ValueError:
            return None

    info = RateLimitInfo(
        remaining_requests=number("x-ratelimit-remaining-requests"),
        remaining_tokens=number("x-ratelimit-remaining-tokens"),
        reset_requests_s=parse_duration(headers.get("x-ratelimit-reset-requests")),
        reset_tokens_s=parse_duration(headers.get("x-ratelimit-reset-tokens")),
    )
    return None if info == RateLimitInfo() else info


def error_fields(body: object) -> tuple[str, str, str]:
    """(code, type, message) of an `{"error": {...}}` body (or of the inner dict itself)."""
    if isinstance(body, Mapping):
        inner = body.get("error", body)
        if isinstance(inner, Mapping):
            return (
                str(inner.get("code") or ""),
                str(inner.get("type") or ""),
                str(inner.get("message") or ""),
            )
        if isinstance(inner, str):
            return "", "", inner
    return "", "", ""


def error_from_status(
    status: int,
    body: object,
    headers: Mapping[str, str] | None,
    model: str,
    provider: str,
) -> ProviderError:
    """One HTTP error answer as a typed error. The message is ours: short, with no body text
    (Groq's bodies name the organisation) and no key."""
    code, type_, message = error_fields(body)
    where = f"{provider} {model}".strip()
    retry_after = retry_after_from(headers, message)
    args: dict[str, Any] = {"model": model, "status": status, "retry_after": retry_after}
    if status == 498 or code == "capacity_exceeded":  # Groq's flex tier over capacity
        return CapacityExceeded(f"{where}: the flex tier is over capacity (HTTP 498)", **args)
    if status == 400 and "service_tier" in message:
        return TierUnavailable(
            f"{where}: the account cannot use this service_tier (HTTP 400)", **args
        )
    if status == 413 or code == "context_length_exceeded":
        return ContextTooLong(f"{where}: the request is too long for the model", **args)
    if status == 429:
        daily = bool(_DAILY.search(message))
        if (
            daily
            or code in _QUOTA_CODES
            or (retry_after is not None and retry_after > QUOTA_WAIT_S)
        ):
            wait = f", resets in {retry_after:.0f}s" if retry_after is not None else ""
            return QuotaExceeded(f"{where}: quota used up{wait}", **args)
        wait = f", retry after {retry_after:g}s" if retry_after is not None else ""
        return RateLimited(f"{where}: rate limited{wait}", **args)
    if status in (401, 403):
        return AuthError(f"{where}: the API key was refused (HTTP {status})", **args)
    if status == 404 or code in _MODEL_GONE_CODES:
        gone = "decommissioned" if code == "model_decommissioned" else "not found"
        return ModelUnavailable(f"{where}: model {gone}", **args)
    if status in (400, 422) and _CONTEXT_HINTS.search(message):
        return ContextTooLong(f"{where}: the request is too long for the model", **args)
    if status == 408:
        return ProviderTimeout(f"{where}: the server timed out (HTTP 408)", **args)
    if status >= 500:
        return ServerError(f"{where}: server error (HTTP {status})", **args)
    if type_ == "tokens" and status == 400:
        return ContextTooLong(f"{where}: the request is too long for the model", **args)
    return InvalidRequest(f"{where}: request refused (HTTP {status} {code or type_})", **args)


def stream_error(body: object, model: str, provider: str) -> ProviderError:
    """An error event inside a 200 stream: typed by its code (no HTTP status to go by)."""
    code, _, _ = error_fields(body)
    status = 429 if code == "rate_limit_exceeded" else 400 if code else 500
    return error_from_status(status, body, None, model, provider)


# --- keeping reasoning out of the answer ----------------------------------------------------

_THINK = re.compile(r"<think>.*?</think>\s*", re.DOTALL | re.IGNORECASE)


def strip_reasoning(text: str) -> str:
    """The answer without `<think>…</think>` blocks (an unclosed one hides the rest)."""
    text = _THINK.sub("", text)
    opened = text.lower().find("<think>")
    return text[:opened] if opened >= 0 else text


class ThinkFilter:
    """`strip_reasoning` for a stream: feed deltas, get back only the answer's text."""

    OPEN, CLOSE = "<think>", "</think>"

    def __init__(self) -> None:
        self._buffer = ""
        self._inside = False
        self._after_close = False  # whitespace right after </think> is dropped, as in strip

    def feed(self, delta: str) -> str:
        self._buffer += delta
        out: list[str] = []
        while self._buffer:
            if self._after_close and not self._inside:
                self._buffer = self._buffer.lstrip()
                if not self._buffer:
                    break
                self._after_close = False
            tag = self.CLOSE if self._inside else self.OPEN
            at = self._buffer.lower().find(tag)
            if at >= 0:
                if not self._inside:
                    out.append(self._buffer[:at])
                self._buffer = self._buffer[at + len(tag) :]
                self._inside = not self._inside
                self._after_close = not self._inside
                continue
            keep = self._partial_tag(tag)  # a tag may be split over two deltas
            if not self._inside:
                out.append(self._buffer[: len(self._buffer) - keep])
            self._buffer = self._buffer[len(self._buffer) - keep :] if keep else ""
            break
        return "".join(out)

    def flush(self) -> str:
        rest, self._buffer = ("" if self._inside else self._buffer), ""
        return rest

    def _partial_tag(self, tag: str) -> int:
        lowered = self._buffer.lower()
        for size in range(min(len(tag) - 1, len(lowered)), 0, -1):
            if lowered.endswith(tag[:size]):
                return size
        return 0


# --- the provider --------------------------------------------------------------------------


def usage_of(data: Mapping[str, Any]) -> UsageCounts | None:
    """The usage of a chat-completions body: `usage`, or a Groq stream chunk's `x_groq.usage`."""
    usage = data.get("usage")
    if not isinstance(usage, Mapping):
        x_groq = data.get("x_groq")
        usage = x_groq.get("usage") if isinstance(x_groq, Mapping) else None
    if not isinstance(usage, Mapping):
        return None
    return usage_counts(usage)


def transport_error(exc: Exception, model: str, provider: str) -> ProviderError:
    """httpx / decoding failures as typed errors (shared by both providers)."""
    where = f"{provider} {model}".strip()
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return ProviderTimeout(f"{where}: no answer in time", model=model)
    if isinstance(exc, httpx.TransportError):
        return NetworkError(f"{where}: connection failed ({type(exc).__name__})", model=model)
    return BadResponse(f"{where}: unreadable answer ({type(exc).__name__})", model=model)


def completion_of(
    request: CompletionRequest,
    text: str,
    usage: UsageCounts | None,
    finish: str | None,
    headers: Mapping[str, str] | None,
) -> Completion:
    """The Completion of an answer (shared by both providers); without the API's usage, metered
    by estimate."""
    counts = usage or UsageCounts(
        estimate_tokens([m.content for m in request.messages]), estimate_tokens([text])
    )
    return Completion(
        text=text,
        model=request.model,
        prompt_tokens=counts.prompt_tokens,
        completion_tokens=counts.completion_tokens,
        finish_reason=finish,
        rate_limits=rate_limits_from(headers),
        estimated=usage is None,
        cached_tokens=counts.cached_tokens,
        reasoning_tokens=counts.reasoning_tokens,
    )


def stream_broken(
    provider: str, request: CompletionRequest, why: str, text: list[str]
) -> StreamBroken:
    """A stream that stopped after `text` arrived (shared by both providers)."""
    return StreamBroken(
        f"{provider} {request.model}: {why}", text="".join(text), model=request.model
    )


class OpenAICompatProvider:
    """A backup provider speaking OpenAI's chat-completions API, over httpx."""

    def __init__(
        self,
        name: str,
        base_url: str,
        api_key: str | None,
        *,
        timeout_s: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            headers=headers,
            timeout=timeout_s,
            transport=transport,
        )

    def _body(self, request: CompletionRequest, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": request.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "stream": stream,
        }
        if stream:
            body["stream_options"] = {"include_usage": True}
        return body

    def _error(self, exc: Exception, model: str) -> ProviderError:
        return transport_error(exc, model, self.name)

    def _refused(self, response: httpx.Response, model: str) -> ProviderError:
        """An HTTP error answer (its body already read) as a typed error."""
        body = _json_or_none(response.content)
        return error_from_status(response.status_code, body, response.headers, model, self.name)

    async def complete(self, request: CompletionRequest) -> Completion:
        try:
            response = await self._client.post(
                "chat/completions",
                json=self._body(request, stream=False),
                timeout=request.timeout_s,
            )
            if response.status_code >= 400:
                raise self._refused(response, request.model)
            data = response.json()
            message = data["choices"][0]["message"]
            text = strip_reasoning(str(message.get("content") or ""))
            usage = usage_of(data)
        except Exception as exc:
            raise self._error(exc, request.model) from None
        finish = data["choices"][0].get("finish_reason")
        return completion_of(request, text, usage, finish, response.headers)

    async def stream(self, request: CompletionRequest) -> AsyncIterator[StreamEvent]:
        text: list[str] = []
        think = ThinkFilter()
        usage: UsageCounts | None = None
        finish: str | None = None
        done = False
        headers: Mapping[str, str] | None = None
        try:
            async with self._client.stream(
                "POST",
                "chat/completions",
                json=self._body(request, stream=True),
                timeout=request.timeout_s,
            ) as response:
                headers = response.headers
                if response.status_code >= 400:
                    await response.aread()
                    raise self._refused(response, request.model)
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    payload = line[5:].strip()
                    if payload == "[DONE]":
                        done = True
                        break
                    data = json.loads(payload)
                    if isinstance(data, Mapping) and data.get("error"):
                        raise stream_error(data, request.model, self.name)
                    usage = usage_of(data) or usage
                    for choice in data.get("choices") or ():
                        finish = choice.get("finish_reason") or finish
                        piece = think.feed(str((choice.get("delta") or {}).get("content") or ""))
                        if piece:
                            text.append(piece)
                            yield TextDelta(piece)
        except Exception as exc:
            error = self._error(exc, request.model)
            if text and not isinstance(error, AuthError):
                why = f"the stream broke ({error.kind})"
                raise stream_broken(self.name, request, why, text) from None
            raise error from None
        if not done and usage is None:
            raise stream_broken(self.name, request, "the stream ended early", text)
        rest = think.flush()
        if rest:
            text.append(rest)
            yield TextDelta(rest)
        yield StreamEnd(completion_of(request, "".join(text), usage, finish, headers))

    async def list_models(self) -> set[str]:
        try:
            response = await self._client.get("models")
            if response.status_code >= 400:
                raise self._refused(response, "")
            return {str(m["id"]) for m in response.json()["data"]}
        except Exception as exc:
            raise self._error(exc, "") from None

    async def aclose(self) -> None:
        await self._client.aclose()


def _json_or_none(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except ValueError:
        return None
