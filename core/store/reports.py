"""Value types of the reports the store returns: usage per period, model, member and day, and
the alerts history. Plain frozen dataclasses; the insight layer builds its reports from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Severity = Literal["info", "warning", "critical"]


@dataclass(frozen=True)
class Alert:
    """Something an admin should know, with what to do about it."""

    kind: str  # "budget" | "breaker_open" | "breaker_closed" | "model_removed" | "auth" | ...
    key: str  # dedupe key: the same key is raised once per period
    title: str
    text: str
    action: str  # what to do
    severity: Severity
    at: datetime


class _PrefixCached:
    """What a usage total with cached prompt tokens says of Groq's prefix cache."""

    prompt_tokens: int
    cached_input_tokens: int

    @property
    def cached_share(self) -> float:
        """Share of prompt tokens served from the provider's prefix cache."""
        return self.cached_input_tokens / self.prompt_tokens if self.prompt_tokens else 0.0


@dataclass(frozen=True)
class PeriodUsage(_PrefixCached):
    """Totals for one period (today, this month), in UTC."""

    label: str
    questions: int = 0  # questions received
    calls: int = 0  # model call attempts
    failed_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    degraded: int = 0  # answers given without a model
    failed: int = 0  # questions that got an apology
    cached: int = 0  # answers served from the cache
    rate_limited: int = 0  # questions refused by a rate limit
    declined_private: int = 0  # questions asking for a private fact, declined without a model
    saved_usd: float = 0.0  # what the cached answers would have cost
    cached_input_tokens: int = 0  # of prompt_tokens, served from the provider's prefix cache
    reasoning_tokens: int = 0  # of completion_tokens, spent reasoning
    cache_saved_usd: float = 0.0  # what the prefix cache saved against full input prices
    # reservations of processes that stopped without settling them, booked whole as estimated
    # spend (core.store.ledger.ORPHANED; in the tokens and cost above, not in `calls`)
    orphaned: int = 0
    orphaned_tokens: int = 0
    orphaned_usd: float = 0.0

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def degraded_share(self) -> float:
        return self.degraded / self.questions if self.questions else 0.0

    @property
    def failed_share(self) -> float:
        return self.failed / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class ModelUsage(_PrefixCached):
    model: str
    calls: int
    failures: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    avg_latency_ms: float
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    cache_saved_usd: float = 0.0  # priced when each call was recorded
    unpriced_cached_tokens: int = 0  # cached tokens of calls recorded before prices were kept


@dataclass(frozen=True)
class UserUsage:
    platform: str
    user_id: str
    questions: int
    tokens: int
    cost_usd: float


@dataclass(frozen=True)
class DayUsage:
    day: date
    questions: int
    tokens: int
    cost_usd: float


@dataclass(frozen=True)
class FailedCall:
    """A failed model attempt (the dashboard's list)."""

    at: datetime
    model: str
    outcome: str  # the error kind, e.g. "rate_limited", "timeout", "model_gone"
    request_id: str


@dataclass(frozen=True)
class ThumbsDown:
    """A member's standing thumbs-down on an answer, with what was asked and answered."""

    at: datetime
    platform: str
    voter: str  # the member's user id on `platform`
    question: str  # "" when the question record is gone (retention) or was never kept
    answer: str
    model: str  # "" when no model wrote it (cache, profile-only)
    answer_id: str


@dataclass(frozen=True)
class AttemptPoint:
    """One model attempt as the dashboard's trends read it."""

    day: date
    model: str
    ok: bool
    latency_ms: float
