"""Usage, health and gap summaries as plain data; adapters render them (Block Kit, embeds, text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from core.store.reports import DayUsage as DayUsage
from core.store.reports import ModelUsage as ModelUsage
from core.store.reports import PeriodUsage as PeriodUsage
from core.store.reports import UserUsage as UserUsage

if TYPE_CHECKING:
    from core.insight.quality import VoteCount


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


@dataclass(frozen=True)
class StepState:
    """Where the budget's step-down stands (core.limits.step_down): 0 = full service, 1 = the
    cheapest healthy model first, 2 = also short answers, 3 = answers from the profile alone."""

    step: int
    reason: str  # why, in one sentence ("" at step 0)
    since: datetime | None  # when this step began; None = since start-up at step 0
    name: str = "normal"  # "normal" | "cheapest_model" | "short_answers" | "profile_only"


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
    detail: str = ""  # held_claim: what the model wanted to say


@dataclass(frozen=True)
class GapsReport:
    generated_at: datetime
    total: int
    groups: tuple[GapGroup, ...] = field(default_factory=tuple)
