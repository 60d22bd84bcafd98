"""A local fake of Groq's API (aiohttp on 127.0.0.1, port 0) with scripted faults per model.

The real client works against it unchanged:

    async with FakeGroq(reply="Hi, I'm the twin.") as fake:
        client = groq.AsyncGroq(base_url=fake.base_url, api_key="test", max_retries=0)
        fake.fail("openai/gpt-oss-20b", Fault.server_error(503), times=1)
        await client.chat.completions.create(model="openai/gpt-oss-20b", messages=[...])
        assert fake.calls_to("openai/gpt-oss-20b") == 1

Groq paths: `POST /openai/v1/chat/completions` (plain, or SSE with `stream: true`: the reply is
split over several `chat.completion.chunk` deltas, the last chunk carries `finish_reason` and
`x_groq.usage`, then `data: [DONE]`) and `GET /openai/v1/models`.
The same server speaks plain OpenAI-compatible paths for a backup provider:
`POST /v1/chat/completions` (streamed usage arrives in a final chunk with empty `choices` when
the request asks `stream_options.include_usage`, the OpenAI way) and `GET /v1/models`.

Usage blocks carry Groq's details: `prompt_tokens_details.cached_tokens` and
`completion_tokens_details.reasoning_tokens` (in a stream, in the last chunk's `x_groq.usage`).
Cached tokens come from an emulation of Groq's prompt caching (`prefix_cache`, see
tests/fakes/groq_cache.py; set it to None for none); reasoning tokens count the `reasoning` text.
`service_tier` is honoured like Groq: a tier outside `allowed_tiers` gets Groq's 400
("`service_tier` `flex` is not available for this org"); `Fault.capacity_exceeded()` is flex's 498.

Every chat request body is kept in `requests` (faulted ones too), with its path in `log`.
Whether an `Authorization` header came is kept in `authorized`; its value is never stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.groq_cache import CHARS_PER_TOKEN, PrefixCache, render_prompt

DEFAULT_RATELIMIT_HEADERS: dict[str, str] = {
    "x-ratelimit-limit-requests": "14400",
    "x-ratelimit-remaining-requests": "14399",
    "x-ratelimit-reset-requests": "6s",
    "x-ratelimit-limit-tokens": "250000",
    "x-ratelimit-remaining-tokens": "249000",
    "x-ratelimit-reset-tokens": "240ms",
}
ORG = "org_01fakeorganisation0000000"  # what Groq's real 429 bodies name: never show it to a user


def _duration(seconds: float) -> str:
    """Groq's way of writing a wait: '9m38s', '1.5s'."""
    if seconds >= 60:
        minutes, rest = divmod(int(seconds), 60)
        return f"{minutes}m{rest}s"
    return f"{seconds:g}s"


@dataclass(frozen=True)
class Fault:
    """What the fake does instead of answering normally. Build one with the constructors."""

    kind: str  # "http" | "timeout" | "malformed" | "cut_stream"
    status: int = 200
    body: dict[str, Any] | None = None  # the JSON error body, with {model} placeholders
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0  # timeout: how long the answer is held back
    after_chunks: int | None = None  # cut_stream / timeout: content chunks sent first
    abort: bool = False  # cut_stream: drop the connection instead of ending the body cleanly

    @staticmethod
    def _error(
        status: int,
        message: str,
        type_: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        param: str | None = None,
    ) -> Fault:
        error: dict[str, Any] = {"message": message, "type": type_}
        if param is not None:
            error["param"] = param
        if code is not None:
            error["code"] = code
        return Fault(
            "http", status=status, body={"error": error}, headers=tuple((headers or {}).items())
        )

    @classmethod
    def rate_limit(cls, retry_after: float | None = None, daily: bool = False) -> Fault:
        """429 with `retry-after` (default 1 s, or 578 s for a daily limit) and Groq's body."""
        wait = retry_after if retry_after is not None else (578.0 if daily else 1.0)
        per = "tokens per day (TPD): Limit 500000, Used 499651, Requested 1210"
        if not daily:
            per = "tokens per minute (TPM): Limit 8000, Used 7744, Requested 1210"
        message = (
            f"Rate limit reached for model `{{model}}` in organization `{ORG}` service tier "
            f"`on_demand` on {per}. Please try again in {_duration(wait)}. Need more tokens? "
            "Upgrade to Dev Tier today at https://console.groq.com/settings/billing"
        )
        headers = {
            "retry-after": f"{wait:g}",
            "x-ratelimit-remaining-tokens": "0",
            "x-ratelimit-reset-tokens": _duration(wait),
        }
        return cls._error(429, message, "tokens", "rate_limit_exceeded", headers)

    @classmethod
    def server_error(cls, status: int = 503) -> Fault:
        message = "Service Unavailable" if status == 503 else "Internal Server Error"
        return cls._error(status, message, "internal_server_error")

    @classmethod
    def timeout(cls, seconds: float = 5.0, after_chunks: int | None = None) -> Fault:
        """Hold the answer back `seconds` (after `after_chunks` chunks of a stream, if given)."""
        return Fault("timeout", seconds=seconds, after_chunks=after_chunks)

    @classmethod
    def model_gone(cls, decommissioned: bool = False) -> Fault:
        if decommissioned:
            return cls._error(
                400,
                "The model `{model}` has been decommissioned and is no longer supported. "
                "Please refer to https://console.groq.com/docs/deprecations for a "
                "recommendation on which model to use instead.",
                "invalid_request_error",
                "model_decommissioned",
            )
        return cls._error(
            404,
            "The model `{model}` does not exist or you do not have access to it.",
            "invalid_request_error",
            "model_not_found",
        )

    @classmethod
    def context_too_long(cls) -> Fault:
        return cls._error(
            400,
            "Please reduce the length of the messages or completion.",
            "invalid_request_error",
            "context_length_exceeded",
            param="messages",
        )

    @classmethod
    def too_large(cls) -> Fault:
        """413: one request larger than the per-minute token limit."""
        return cls._error(
            413,
            f"Request too large for model `{{model}}` in organization `{ORG}` service tier "
            "`on_demand` on tokens per minute (TPM): Limit 8000, Requested 12044, please "
            "reduce your message size and try again.",
            "tokens",
            "rate_limit_exceeded",
        )

    @classmethod
    def capacity_exceeded(cls) -> Fault:
        """498: the flex tier is over capacity (Groq fails flex requests fast this way)."""
        return cls._error(
            498,
            "Flex tier capacity exceeded. Please try again later.",
            "capacity_exceeded",
            "capacity_exceeded",
        )

    @classmethod
    def tier_unavailable(cls, tier: str = "flex") -> Fault:
        """Groq's 400 for a service_tier the organisation's plan does not include."""
        return cls._error(
            400,
            f"`service_tier` `{tier}` is not available for this org. You can check your plan at "
            "https://console.groq.com/settings/billing/plans, and upgrade to access the "
            "required service tier.",
            "invalid_request_error",
        )

    @classmethod
    def auth(cls) -> Fault:
        return cls._error(401, "Invalid API Key", "invalid_request_error", "invalid_api_key")

    @classmethod
    def malformed(cls) -> Fault:
        """200 whose body is not JSON (for a stream: a chunk that is not JSON)."""
        return Fault("malformed")

    @classmethod
    def cut_stream(cls, after_chunks: int = 2, abort: bool = False) -> Fault:
        """A stream that stops after `after_chunks` content chunks, without usage or [DONE].

        A plain (non-stream) request gets a 200 whose JSON body is cut in the middle."""
        return Fault("cut_stream", after_chunks=after_chunks, abort=abort)


# Sentences a careless model adds: each names a fact no test profile holds.
INVENTED = {
    "employer": "Before that I spent two years as a senior engineer at Globex Dynamics.",
    "years": "I was there from 2011 to 2014.",
    "percent": "That work cut the cloud bill by 37%.",
    "school": "I also earned a PhD at Carnegie Mellon University.",
}


@dataclass
class _Scripted:
    fault: Fault
    remaining: int | None  # None = always


@dataclass
class LoggedRequest:
    """One chat-completions request: its path and JSON body."""

    path: str
    body: dict[str, Any]
    authorized: bool
    at: float = field(default_factory=time.monotonic)


def _split(text: str, pieces: int = 4) -> list[str]:
    """The reply as several deltas, split on word boundaries where possible."""
    if not text:
        return []
    words = text.split(" ")
    size = max(1, -(-len(words) // pieces))
    parts = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]


class FakeGroq:
    """The fake server; an async context manager. Attributes below are settable any time."""

    def __init__(
        self,
        *,
        reply: str | Callable[[dict[str, Any]], str] = "Hi, I'm the twin.",
        models: Iterable[str] = ("openai/gpt-oss-20b", "openai/gpt-oss-120b"),
    ) -> None:
        self.reply: str | Callable[[dict[str, Any]], str] = reply
        self.models: list[str] = list(models)
        self.usage: tuple[int, int] | None = None  # forced (prompt, completion) tokens
        self.prefix_cache: PrefixCache | None = PrefixCache()  # Groq's prompt caching, emulated
        self.allowed_tiers: set[str] = {"on_demand", "flex", "auto"}  # what the "plan" allows
        self.reasoning: str | None = None  # sent as a `reasoning` field when set
        self.ratelimit_headers: dict[str, str] = dict(DEFAULT_RATELIMIT_HEADERS)
        self.model_headers: dict[str, dict[str, str]] = {}  # per model, over ratelimit_headers
        self.models_fault: Fault | None = None  # make GET .../models fail
        self.latency_s = 0.0  # each chat answer takes this long (calls overlap, as for real)
        self.on_request: Callable[[dict[str, Any]], None] | None = None  # sees each chat body
        self.hold: asyncio.Event | None = None  # chat answers wait until it is set
        self.inventing: list[str] = []  # keys of INVENTED added to answers (see `invent`)
        self.invent_times: int | None = None  # answers that still get them; None = every one
        self.requests: list[dict[str, Any]] = []
        self.log: list[LoggedRequest] = []
        self.model_list_calls = 0
        self.base_url = ""
        self.port = 0
        self._faults: dict[str, list[_Scripted]] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()

    # --- scripting ---------------------------------------------------------------------

    def fail(self, model: str, fault: Fault, times: int | None = None) -> None:
        """The next `times` chat calls to `model` (None = every call) meet `fault`.

        Faults scripted for one model queue up: the first one still active applies."""
        self._faults.setdefault(model, []).append(_Scripted(fault, times))

    def invent(self, *kinds: str, times: int | None = None) -> None:
        """Add invented claims (INVENTED's sentences, by key) to the next `times` answers
        (None = every answer), streamed or not: a model that makes facts up."""
        self.inventing = [INVENTED[k] for k in kinds]
        self.invent_times = times

    def clear_faults(self) -> None:
        self._faults.clear()
        self.models_fault = None

    def calls_to(self, model: str) -> int:
        """How many chat requests named `model` (any path, faulted ones included)."""
        return sum(1 for r in self.requests if r.get("model") == model)

    @property
    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    @property
    def authorized(self) -> list[bool]:
        """Whether each chat request carried an Authorization header (never its value)."""
        return [r.authorized for r in self.log]

    def _take_fault(self, model: str) -> Fault | None:
        for scripted in self._faults.get(model, []):
            if scripted.remaining is None:
                return scripted.fault
            if scripted.remaining > 0:
                scripted.remaining -= 1
                return scripted.fault
        return None

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/openai/v1/chat/completions", self._chat)
        app.router.add_get("/openai/v1/models", self._models)
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        self._stopping.set()  # releases held-back (timeout) answers at once
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeGroq:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _hold(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    # --- handlers ----------------------------------------------------------------------

    async def _models(self, request: web.Request) -> web.StreamResponse:
        self.model_list_calls += 1
        if self.models_fault is not None:
            return await self._http_fault(self.models_fault, "")
        data = [
            {
                "id": m,
                "object": "model",
                "created": 1754000000,
                "owned_by": m.split("/")[0] if "/" in m else "local",
                "active": True,
                "context_window": 131072,
                "public_apps": None,
                "max_completion_tokens": 65536,
            }
            for m in self.models
        ]
        return web.json_response({"object": "list", "data": data})

    async def _http_fault(self, fault: Fault, model: str) -> web.Response:
        body = json.loads(json.dumps(fault.body or {}).replace("{model}", model))
        return web.json_response(body, status=fault.status, headers=dict(fault.headers))

    def _text(self, body: dict[str, Any]) -> str:
        text = self.reply(body) if callable(self.reply) else self.reply
        if self.inventing and self.invent_times != 0:
            if self.invent_times is not None:
                self.invent_times -= 1
            text = " ".join([text, *self.inventing])
        return text

    def _usage(self, body: dict[str, Any], text: str) -> dict[str, Any]:
        """Groq's usage block for one answered request; remembers its prompt for the cache."""
        reasoning = len(self.reasoning or "") // CHARS_PER_TOKEN
        if self.usage is not None:
            prompt, completion = self.usage
        else:
            chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
            prompt = chars // CHARS_PER_TOKEN + 8
            completion = len(text) // CHARS_PER_TOKEN + reasoning + 1
        cached = 0
        if self.prefix_cache is not None:
            model, rendered = str(body.get("model", "")), render_prompt(body.get("messages", []))
            cached = min(prompt, self.prefix_cache.cached_tokens(model, rendered))
            self.prefix_cache.remember(model, rendered)
        return {
            "queue_time": 0.01,
            "prompt_tokens": prompt,
            "prompt_time": 0.002,
            "completion_tokens": completion,
            "completion_time": 0.05,
            "total_tokens": prompt + completion,
            "total_time": 0.052,
            "prompt_tokens_details": {"cached_tokens": cached},
            "completion_tokens_details": {"reasoning_tokens": min(reasoning, completion)},
        }

    def _headers(self, model: str) -> dict[str, str]:
        return {
            **self.ratelimit_headers,
            **self.model_headers.get(model, {}),
            "x-request-id": f"req_{next(self._ids):08d}",
        }

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            return web.json_response(
                {"error": {"message": "bad json", "type": "invalid_request_error"}}, status=400
            )
        groq_path = request.path.startswith("/openai/")
        self.requests.append(body)
        self.log.append(
            LoggedRequest(request.path, body, authorized="Authorization" in request.headers)
        )
        model = str(body.get("model", ""))
        if self.on_request is not None:
            self.on_request(body)
        if self.hold is not None:
            await self.hold.wait()
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        tier = body.get("service_tier")
        if groq_path and tier is not None and tier not in self.allowed_tiers:
            return await self._http_fault(Fault.tier_unavailable(str(tier)), model)
        fault = self._take_fault(model)
        if fault is not None and fault.kind == "http":
            return await self._http_fault(fault, model)
        if fault is not None and fault.kind == "timeout" and fault.after_chunks is None:
            await self._hold(fault.seconds)
        text = self._text(body)
        if body.get("stream"):
            return await self._stream(request, body, model, text, fault, groq_path)
        if fault is not None and fault.kind == "malformed":
            return web.Response(
                text='{"id": "chatcmpl-x", "choices": [{"mess', content_type="application/json"
            )
        message: dict[str, Any] = {"role": "assistant", "content": text}
        if self.reasoning is not None:
            message["reasoning"] = self.reasoning
        payload: dict[str, Any] = {
            "id": f"chatcmpl-{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
            ],
            "usage": self._usage(body, text),
            "system_fingerprint": "fp_fake",
        }
        if groq_path:
            payload["x_groq"] = {"id": f"req_{next(self._ids):08d}"}
        if fault is not None and fault.kind == "cut_stream":
            whole = json.dumps(payload)
            return web.Response(
                text=whole[: len(whole) // 2],
                content_type="application/json",
                headers=self._headers(model),
            )
        return web.json_response(payload, headers=self._headers(model))

    async def _stream(
        self,
        request: web.Request,
        body: dict[str, Any],
        model: str,
        text: str,
        fault: Fault | None,
        groq_path: bool,
    ) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                **self._headers(model),
            }
        )
        await response.prepare(request)
        ident = f"chatcmpl-{next(self._ids)}"
        created = int(time.time())

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
            data = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [
                    {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
                ],
                **extra,
            }
            return f"data: {json.dumps(data)}\n\n".encode()

        first: dict[str, Any] = {"x_groq": {"id": f"req_{ident}"}} if groq_path else {}
        await response.write(chunk({"role": "assistant", "content": ""}, **first))
        if fault is not None and fault.kind == "malformed":
            await response.write(b'data: {"id": "chatcmpl-x", "choices": [{"del\n\n')
            await response.write_eof()
            return response
        if self.reasoning is not None:
            for piece in _split(self.reasoning, 2):
                await response.write(chunk({"reasoning": piece}))
        pieces = _split(text)
        if fault is not None and fault.after_chunks is not None:
            pieces = pieces[: fault.after_chunks]
        for piece in pieces:
            await response.write(chunk({"content": piece}))
        if fault is not None and fault.kind == "timeout":
            await self._hold(fault.seconds)
        if fault is not None and fault.kind == "cut_stream":
            if fault.abort and request.transport is not None:
                request.transport.abort()
                return response
            await response.write_eof()
            return response
        usage = self._usage(body, text)
        if groq_path:
            await response.write(chunk({}, "stop", x_groq={"id": f"req_{ident}", "usage": usage}))
        else:
            await response.write(chunk({}, "stop"))
            if (body.get("stream_options") or {}).get("include_usage"):
                data = {
                    "id": ident,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                    "choices": [],
                    "usage": usage,
                }
                await response.write(f"data: {json.dumps(data)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response
