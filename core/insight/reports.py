"""Usage, health and gap summaries as plain data; adapters render them (Block Kit, embeds, text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.insight.quality import VoteCount


@dataclass(frozen=True)
class PeriodUsage:
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

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def cached_share(self) -> float:
        """Share of prompt tokens served from the provider's prefix cache."""
        return self.cached_input_tokens / self.prompt_tokens if self.prompt_tokens else 0.0

    @property
    def degraded_share(self) -> float:
        return self.degraded / self.questions if self.questions else 0.0

    @property
    def failed_share(self) -> float:
        return self.failed / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class BudgetStatus:
    daily_tokens_used: int
    daily_tokens_limit: int  # 0 = no limit
    monthly_usd_used: float
    monthly_usd_limit: float  # 0 = no limit

    @property
    def daily_fraction(self) -> float:
        return self.daily_tokens_used / self.daily_tokens_limit if self.daily_tokens_limit else 0.0

    @property
    def monthly_fraction(self) -> float:
        return self.monthly_usd_used / self.monthly_usd_limit if self.monthly_usd_limit else 0.0

    @property
    def daily_tokens_left(self) -> int:
        return max(0, self.daily_tokens_limit - self.daily_tokens_used)

    @property
    def monthly_usd_left(self) -> float:
        return max(0.0, self.monthly_usd_limit - self.monthly_usd_used)


@dataclass(frozen=True)
class ModelUsage:
    model: str
    calls: int
    failures: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    avg_latency_ms: float
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    cache_saved_usd: float = 0.0

    @property
    def cached_share(self) -> float:
        return self.cached_input_tokens / self.prompt_tokens if self.prompt_tokens else 0.0


@dataclass(frozen=True)
class StepState:
    """Where the budget's step-down stands (core.limits.step_down): 0 = full service, 1 = the
    cheapest healthy model first, 2 = also short answers, 3 = answers from the profile alone."""

    step: int
    reason: str  # why, in one sentence ("" at step 0)
    since: datetime | None  # when this step began; None = since start-up at step 0
    name: str = "normal"  # "normal" | "cheapest_model" | "short_answers" | "profile_only"


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
class UsageReport:
    generated_at: datetime
    today: PeriodUsage
    month: PeriodUsage
    budget: BudgetStatus
    models: tuple[ModelUsage, ...] = ()
    top_users: tuple[UserUsage, ...] = ()
    days: tuple[DayUsage, ...] = ()  # the last 14 days, oldest first, today last
    projected_month_usd: float = 0.0
    recommendations: tuple[str, ...] = ()
    votes_by_model: tuple[VoteCount, ...] = ()  # members' helpful votes this month
    votes_by_topic: tuple[VoteCount, ...] = ()
    step: StepState | None = None  # the budget's step-down, when enabled


@dataclass(frozen=True)
class ModelHealth:
    model: str  # chain id
    provider: str
    in_rotation: bool  # False once the model was found gone (404 / decommissioned)
    breaker: str  # "closed" | "open" | "half_open"
    calls: int = 0
    success_rate: float | None = None  # None before any call
    p50_ms: float | None = None
    p95_ms: float | None = None
    tokens: int = 0
    cost_usd: float = 0.0
    last_error: str | None = None  # an error kind and a short safe sentence
    last_error_at: datetime | None = None
    remaining_requests: int | None = None  # Groq x-ratelimit-remaining-requests
    remaining_tokens: int | None = None  # Groq x-ratelimit-remaining-tokens
    score: float | None = None  # adaptive routing score, higher first
    answers_checked: int = 0  # answers of this model checked by grounding (this process)
    invented_per_100: float | None = None  # claims held back per 100 of them; None before any

    @property
    def invented_text(self) -> str | None:
        """ "2.5 invented claims per 100 answers (of 40 checked)", or None before any."""
        if self.invented_per_100 is None:
            return None
        return (
            f"{self.invented_per_100:.1f} invented claims per 100 answers "
            f"(of {self.answers_checked:,} checked)"
        )


@dataclass(frozen=True)
class HealthReport:
    generated_at: datetime
    routing: str  # "ordered" | "adaptive"
    llm_available: bool  # False without a key, or with every model out
    models: tuple[ModelHealth, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "GROQ_API_KEY is not set"


@dataclass(frozen=True)
class GapGroup:
    example: str  # the most recent wording
    questions: tuple[str, ...]  # distinct wordings, newest first
    count: int
    last_asked: datetime
    id: int = 0  # the stable group id `twin gaps answer|private|ignore ID` takes
    kind: str = "gap"  # or "thumbs_down", "held_claim" (grounding held the model's words back)
    carded: bool = False  # the owner was sent a card for it
    detail: str = ""  # held_claim: what the model wanted to say


@dataclass(frozen=True)
class GapsReport:
    generated_at: datetime
    total: int
    groups: tuple[GapGroup, ...] = field(default_factory=tuple)
