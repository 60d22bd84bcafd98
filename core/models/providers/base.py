"""The provider interface: one chat-completions call, plain or streamed, as plain values."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class CompletionRequest:
    model: str  # the provider's own id, without any "provider:" prefix
    messages: tuple[ChatMessage, ...]
    max_tokens: int
    temperature: float = 0.3
    reasoning_effort: str | None = "low"  # used by reasoning models only
    timeout_s: float = 30.0
    service_tier: str | None = None  # Groq's service_tier: on_demand | flex | auto; None = unsent


@dataclass(frozen=True)
class RateLimitInfo:
    """Groq's x-ratelimit-* headers, as read from the last response."""

    remaining_requests: int | None = None  # per day
    remaining_tokens: int | None = None  # per minute
    reset_requests_s: float | None = None
    reset_tokens_s: float | None = None


@dataclass(frozen=True)
class Completion:
    text: str  # the answer only: never reasoning
    model: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None = None
    rate_limits: RateLimitInfo | None = None
    estimated: bool = False  # token counts estimated (a stream that carried no usage)
    cached_tokens: int = 0  # of prompt_tokens, served from the provider's prefix cache
    reasoning_tokens: int = 0  # of completion_tokens, spent reasoning (billed as output)


@dataclass(frozen=True)
class UsageCounts:
    """A usage block as the API reports it (Groq and OpenAI alike):
    `usage.prompt_tokens_details.cached_tokens` and
    `usage.completion_tokens_details.reasoning_tokens` are parts of prompt / completion."""

    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0
    reasoning_tokens: int = 0


def usage_counts(usage: Mapping[str, Any]) -> UsageCounts | None:
    """A usage block (`usage`, or a Groq stream's `x_groq.usage`) with its details:
    `prompt_tokens_details.cached_tokens`, `completion_tokens_details.reasoning_tokens`."""

    def part(details: object, key: str) -> int:
        return int(details.get(key) or 0) if isinstance(details, Mapping) else 0

    try:
        return UsageCounts(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            cached_tokens=part(usage.get("prompt_tokens_details"), "cached_tokens"),
            reasoning_tokens=part(usage.get("completion_tokens_details"), "reasoning_tokens"),
        )
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class StreamEnd:
    completion: Completion


StreamEvent = TextDelta | StreamEnd


class Provider(Protocol):
    """A model provider. Failures raise `core.models.providers.errors.ProviderError` subclasses."""

    name: str  # "groq", or the name of a [providers.NAME] section

    async def complete(self, request: CompletionRequest) -> Completion: ...

    def stream(self, request: CompletionRequest) -> AsyncIterator[StreamEvent]:
        """Yield TextDelta pieces, then exactly one StreamEnd with usage."""
        ...

    async def list_models(self) -> set[str]: ...

    async def aclose(self) -> None: ...


def estimate_tokens(texts: Sequence[str]) -> int:
    """A cheap token estimate that errs high, since budgets reserve from it: a third of the
    UTF-8 bytes (English runs about four characters a token; CJK about one per character)."""
    return sum(len(t) if t.isascii() else len(t.encode("utf-8")) for t in texts) // 3 + 1
