"""One row per model call attempt, as the store records it: what every meter, budget and report
is counted from. The router builds them (`core.models.usage` re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CallContext:
    """Who a model call is for; passed from the twin through the router to the usage table."""

    request_id: str
    platform: str = "cli"
    user_id: str = ""
    channel_id: str = ""
    reservation: int | None = None  # the budget reservation the call's spend settles


@dataclass(frozen=True)
class Attempt:
    """One attempt at one model: success or failure, always recorded."""

    at: datetime
    context: CallContext
    model: str  # chain id, e.g. "openai/gpt-oss-20b" or "local:llama3.2"
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_ms: float
    outcome: str  # "ok" or a ProviderError.kind
    estimated: bool = False  # tokens estimated (stream cut short, failure before usage)
    cached_input_tokens: int = 0  # of prompt_tokens, served from the prefix cache (half price)
    reasoning_tokens: int = 0  # of completion_tokens, spent reasoning (billed as output)
    cache_saved_usd: float = 0.0  # what the prefix cache saved, priced when recorded like cost
