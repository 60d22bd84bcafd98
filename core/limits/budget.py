"""Budget bookkeeping that needs no I/O: UTC periods, a process's view of the spend, and why a
reservation was denied.

Periods are UTC: a day runs from 00:00 to 00:00, a month from the 1st at 00:00. Spend is booked by
the time of the attempt, so a call at 23:59:59 counts for the day it was made even if recorded a
moment after midnight; the counters only roll forward.

The ledger itself (spend and the reservations held against it) lives in the store, where one
atomic check-and-write per reservation keeps every process within the caps
(`core.store.base.Store.reserve`). `BudgetLedger` here is only this process's view of the spend,
for status and alerts; `classify` explains a denial and says whether waiting for the calls in
flight can help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from core.store.records import LedgerView, ReserveRequest

USD_EPSILON = 1e-9  # dollars: float sums of costs may land a hair above an exact cap
_NEVER = datetime.min.replace(tzinfo=UTC)


def day_floor(at: datetime) -> datetime:
    """00:00 UTC of the day of `at`."""
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def month_floor(at: datetime) -> datetime:
    """00:00 UTC on the 1st of the month of `at`."""
    return day_floor(at).replace(day=1)


def next_month(start: datetime) -> datetime:
    """The 1st of the month after the month starting at `start`."""
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


class Cap(Enum):
    """Which cap a reservation would break."""

    DAILY = "daily"  # daily tokens, resets at 00:00 UTC
    MONTHLY = "monthly"  # monthly dollars, resets on the 1st at 00:00 UTC
    DAILY_TOO_SMALL = "daily_too_small"  # one call's worst case exceeds the whole daily cap
    MONTHLY_TOO_SMALL = "monthly_too_small"
    MINUTE = "minute"  # tokens per minute (with the reservations in flight)


@dataclass(frozen=True)
class Reservation:
    """A call's worst case, held from before the call until `release`."""

    tokens: int
    usd: float
    id: int
    max_tokens: int = 0  # answer tokens the call may ask for (what the budget allowed)


class BudgetLedger:
    """This process's view of the spend per UTC day (tokens) and month (dollars). 0 = no cap."""

    def __init__(self, daily_tokens: int, monthly_usd: float) -> None:
        self.daily_tokens = daily_tokens
        self.monthly_usd = monthly_usd
        self.day_start = _NEVER
        self.day_end = _NEVER  # the next roll is due at min(day_end, month_end) = day_end
        self.month_start = _NEVER
        self.month_end = _NEVER
        self.day_tokens = 0
        self.month_usd = 0.0

    # --- periods -------------------------------------------------------------------------

    def roll(self, now: datetime) -> tuple[bool, bool]:
        """Move to the day / month of `now` if it is later; returns (day rolled, month rolled).
        A new day starts at 0 tokens, a new month at 0 dollars."""
        if now < self.day_end:
            return False, False
        self.day_start = day_floor(now)
        self.day_end = self.day_start + timedelta(days=1)
        self.day_tokens = 0
        if now < self.month_end:
            return True, False
        self.month_start = month_floor(now)
        self.month_end = next_month(self.month_start)
        self.month_usd = 0.0
        return True, True

    def load(self, now: datetime, day_tokens: int, month_usd: float) -> None:
        """Set the periods to those of `now` with the spend already in the store."""
        self.roll(now)
        self.day_tokens = day_tokens
        self.month_usd = month_usd

    def spend(self, at: datetime, tokens: int, usd: float) -> tuple[bool, bool]:
        """Book real usage at time `at` (rolling forward first); returns what rolled."""
        rolled = self.roll(at)
        if at >= self.day_start:
            self.day_tokens += tokens
        if at >= self.month_start:
            self.month_usd += usd
        return rolled


def classify(view: LedgerView, request: ReserveRequest) -> tuple[Cap | None, bool]:
    """Why the store denied `request`, and whether it would fit once the reservations in flight
    settle (then waiting is worth it). The monthly cap first (its reset is further away).
    (None, True) when nothing blocks it in `view` (read just after the denial): try again."""
    caps, prompt, least = request.caps, request.prompt_tokens, request.min_tokens
    usd = prompt * request.input_usd + least * request.output_usd
    tokens = prompt + least
    if caps.monthly_usd:
        if usd > caps.monthly_usd + USD_EPSILON:
            return Cap.MONTHLY_TOO_SMALL, False
        if view.month_usd + view.held_usd + usd > caps.monthly_usd + USD_EPSILON:
            return Cap.MONTHLY, view.month_usd + usd <= caps.monthly_usd + USD_EPSILON
    if caps.daily_tokens:
        if tokens > caps.daily_tokens:
            return Cap.DAILY_TOO_SMALL, False
        if view.day_tokens + view.held_tokens + tokens > caps.daily_tokens:
            return Cap.DAILY, view.day_tokens + tokens <= caps.daily_tokens
    minute = view.minute_tokens + view.held_tokens
    if caps.tokens_per_minute and minute and minute + tokens > caps.tokens_per_minute:
        fits = view.minute_tokens + tokens <= caps.tokens_per_minute or not view.minute_tokens
        return Cap.MINUTE, view.held_tokens > 0 and fits
    return None, True
