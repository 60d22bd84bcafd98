"""Every provider failure becomes one of these types; routing policy matches on the type.

`str(error)` is safe to log and to show an operator: it never holds the raw provider body
(Groq's 429 body names the organisation) nor any key.
"""

from __future__ import annotations


class ProviderError(Exception):
    """Base of all provider failures."""

    kind = "error"
    retryable = False  # worth retrying the same model after a short backoff

    def __init__(
        self,
        message: str,
        *,
        model: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.model = model
        self.status = status
        self.retry_after = retry_after


class RateLimited(ProviderError):
    """429 with a short wait: retry after `retry_after` seconds, or move on."""

    kind = "rate_limited"


class QuotaExceeded(ProviderError):
    """429 with a long wait (daily tokens/requests spent), or a spending cap: move on."""

    kind = "quota_exceeded"


class ModelUnavailable(ProviderError):
    """404 model_not_found / 400 model_decommissioned: take the model out of rotation."""

    kind = "model_unavailable"


class ContextTooLong(ProviderError):
    """400 context_length_exceeded, or 413 request larger than the per-minute token limit."""

    kind = "context_too_long"


class ServerError(ProviderError):
    """5xx: retry with backoff, then move on."""

    kind = "server_error"
    retryable = True


class ProviderTimeout(ProviderError):
    """No answer in time: retry with backoff, then move on."""

    kind = "timeout"
    retryable = True


class NetworkError(ProviderError):
    """Connection refused, reset or DNS failure: retry with backoff, then move on."""

    kind = "network"
    retryable = True


class AuthError(ProviderError):
    """401/403: the key is wrong or lacks access. Never retried; an operator must act."""

    kind = "auth"


class BadResponse(ProviderError):
    """A body that is not what the API promises (malformed JSON, no choices)."""

    kind = "bad_response"
    retryable = True


class StreamBroken(ProviderError):
    """A stream that ended without its final chunk, after `text` had been received."""

    kind = "stream_broken"

    def __init__(self, message: str, *, text: str = "", model: str = "") -> None:
        super().__init__(message, model=model)
        self.text = text


class CapacityExceeded(ProviderError):
    """498 `capacity_exceeded`: Groq's flex tier is full right now (it fails fast by design,
    console.groq.com/docs/flex-processing). Not retried: the next model is tried at once."""

    kind = "capacity_exceeded"


class TierUnavailable(ProviderError):
    """400: the account cannot use the `[llm] service_tier` asked for (flex and auto need a paid
    plan). Not retried with that tier; an operator must change the tier or the plan."""

    kind = "tier_unavailable"


class BreakerOpen(ProviderError):
    """Not a provider answer: the model's circuit breaker is open, so no request was sent."""

    kind = "breaker_open"
