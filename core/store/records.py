"""Value types that cross the store boundary, shared by every backend (SQLite, PostgreSQL).

Times are aware UTC datetimes unless a field says otherwise. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


def day_start(at: datetime) -> datetime:
    """00:00 UTC of the day of `at`."""
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def month_start(at: datetime) -> datetime:
    """00:00 UTC on the 1st of the month of `at`."""
    return day_start(at).replace(day=1)


def normalize_question(text: str) -> str:
    """Lowercase words only: how questions are compared for the cache and gap grouping."""
    return " ".join(re.findall(r"\w+", text.casefold()))


# --- errors ----------------------------------------------------------------------------------


class StoreError(Exception):
    """The store cannot be opened: the message names the file (or server) and the cause.
    Raised at start-up only; the CLI prints it and exits 2."""


class StoreUnavailable(Exception):
    """A write (or read) failed at run time: disk full, read-only, locked past the busy timeout,
    connection lost. The caller must not spend money on the strength of that write: no model call
    without its reservation. `cause` is a short operator sentence naming the file and the cause."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


# --- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRecord:
    """One row per question asked, however it ended."""

    at: datetime
    request_id: str
    platform: str
    user_id: str
    channel_id: str
    outcome: str  # answered | degraded | cached | rate_limited | budget | failed | empty
    model: str | None = None
    tokens: int = 0
    cost_usd: float = 0.0
    saved_usd: float = 0.0
    latency_ms: float = 0.0
    question: str = ""  # the text asked (kept with the answer, for feedback)
    answer: str = ""  # the text answered ("" when none was given)


@dataclass(frozen=True)
class StoredTurn:
    role: str  # "user" | "assistant"
    text: str


@dataclass(frozen=True)
class CachedAnswer:
    answer: str
    model: str
    tokens: int
    cost_usd: float
    created_at: datetime


@dataclass(frozen=True)
class GapRow:
    at: datetime
    question: str
    normalized: str


# --- the budget ledger -----------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetCaps:
    """The caps one process enforces (from its config); 0 = no cap."""

    daily_tokens: int = 0  # tokens per UTC day
    monthly_usd: float = 0.0  # dollars per UTC month
    tokens_per_minute: int = 0  # tokens in any 60 s (attempts' `at`), open reservations included


@dataclass(frozen=True)
class ReserveRequest:
    """Hold a model call's worst case before the call (see `Store.reserve`).

    Prices are USD per token (not per million). The call may be granted fewer answer tokens than
    `max_tokens` (down to `min_tokens`) when that is all the budget still allows."""

    now: datetime
    prompt_tokens: int
    max_tokens: int  # answer tokens wanted
    min_tokens: int  # fewest answer tokens worth a call (a reasoning model needs room to think)
    input_usd: float  # worst-case USD per prompt token over the models that may answer
    output_usd: float  # worst-case USD per answer token
    caps: BudgetCaps
    expires_at: datetime  # lease: after this an unreleased reservation no longer counts
    owner: str = ""  # who holds it (process id and host), for operators


@dataclass(frozen=True)
class Grant:
    """A durably written reservation. `max_tokens` is what the call may ask for."""

    id: int
    max_tokens: int  # answer tokens granted (min_tokens <= max_tokens <= requested)
    tokens: int  # held: prompt_tokens + max_tokens
    usd: float  # held: prompt * input_usd + max_tokens * output_usd
    day_tokens: int  # spent today before this grant (not counting held reservations)
    month_usd: float  # spent this month before this grant


@dataclass(frozen=True)
class LedgerView:
    """Where the ledger stands at `now`: what is spent and what open reservations still hold."""

    day_tokens: int  # booked to today (UTC) by recorded attempts
    month_usd: float  # booked to this month (UTC)
    held_tokens: int  # what unexpired open reservations may still spend
    held_usd: float
    minute_tokens: int  # tokens of attempts in the last 60 s (held not included)
    open_reservations: int

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> LedgerView:
        """From a backend's ledger read, in its column order: day tokens, month USD, held
        tokens, held USD, open reservations, tokens of the last minute."""
        return cls(
            day_tokens=int(row[0]),
            month_usd=float(row[1]),
            held_tokens=int(row[2]),
            held_usd=float(row[3]),
            minute_tokens=int(row[5]),
            open_reservations=int(row[4]),
        )


@dataclass(frozen=True)
class Denial:
    """`reserve` found no room: the ledger as it stood, for the guard to explain or to wait."""

    view: LedgerView


# --- rate windows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RateKey:
    """One sliding window to count a request in: at most `limit` hits of `key` per window."""

    key: str  # e.g. "user:slack:U123", "channel:discord:42", "global"
    limit: int


# --- model health ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HealthSnapshot:
    """What one process last learned about one model; the newest `updated_at` wins on read."""

    model: str  # chain id
    updated_at: datetime
    writer: str  # process id and host of the writer
    breaker: str  # "closed" | "open" | "half_open"
    breaker_until: datetime | None = None  # when an open breaker lets its probe through
    in_rotation: bool = True
    last_error: str | None = None
    last_error_at: datetime | None = None
    remaining_requests: int | None = None  # Groq x-ratelimit-remaining-requests
    remaining_tokens: int | None = None  # Groq x-ratelimit-remaining-tokens
    limits_at: datetime | None = None  # when those headers were read
