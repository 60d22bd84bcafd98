"""The budget ledger: today's tokens, this month's dollars and the reservations held against them.

Periods are UTC: a day runs from 00:00 to 00:00, a month from the 1st at 00:00. Spend is booked by
the time of the attempt, so a call at 23:59:59 counts for the day it was made even if recorded a
moment after midnight; the counters only roll forward.

A reservation holds a call's worst case (prompt tokens + max answer tokens, worst-case dollars)
from before the call until it is released. Real usage recorded for a reservation *settles* it:
the amount held shrinks by what was really spent (never below zero), so the total held is always
`spent + what open calls may still spend`. A check passes only if that total plus the new worst
case stays within the cap, so calls admitted together can never spend past it, as long as each
spends no more than it reserved.

Pure bookkeeping: no I/O, no clock of its own, nothing async. `Guard` wires it up.
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


class _Held:
    """What an open reservation may still spend."""

    __slots__ = ("reservation", "tokens", "usd")

    def __init__(self, reservation: Reservation) -> None:
        self.reservation = reservation
        self.tokens = reservation.tokens
        self.usd = reservation.usd


class BudgetLedger:
    """Spend per UTC day (tokens) and month (dollars), plus open reservations. 0 = no cap."""

    def __init__(self, daily_tokens: int, monthly_usd: float) -> None:
        self.daily_tokens = daily_tokens
        self.monthly_usd = monthly_usd
        self.day_start = _NEVER
        self.day_end = _NEVER  # the next roll is due at min(day_end, month_end) = day_end
        self.month_start = _NEVER
        self.month_end = _NEVER
        self.day_tokens = 0
        self.month_usd = 0.0
        self.reserved_tokens = 0
        self.reserved_usd = 0.0
        self._open: dict[int, _Held] = {}
        self._next_id = 0

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

    # --- reservations --------------------------------------------------------------------

    def blocked(self, tokens: int, usd: float) -> Cap | None:
        """The cap that `tokens` / `usd` more would break, counting open reservations; the
        monthly cap first (its reset is further away)."""
        if self.monthly_usd:
            if usd > self.monthly_usd + USD_EPSILON:
                return Cap.MONTHLY_TOO_SMALL
            if self.month_usd + self.reserved_usd + usd > self.monthly_usd + USD_EPSILON:
                return Cap.MONTHLY
        if self.daily_tokens:
            if tokens > self.daily_tokens:
                return Cap.DAILY_TOO_SMALL
            if self.day_tokens + self.reserved_tokens + tokens > self.daily_tokens:
                return Cap.DAILY
        return None

    def book(self, tokens: int, usd: float) -> Reservation:
        """Hold `tokens` / `usd` until `release` (check `blocked` first, with no await between)."""
        self._next_id += 1
        reservation = Reservation(tokens=tokens, usd=usd, id=self._next_id)
        self._open[reservation.id] = _Held(reservation)
        self.reserved_tokens += tokens
        self.reserved_usd += usd
        return reservation

    def settle(self, reservation: Reservation, tokens: int, usd: float) -> None:
        """Real usage of an open reservation's call came in: hold that much less."""
        held = self._open.get(reservation.id)
        if held is None or held.reservation is not reservation:
            return
        take_tokens = min(held.tokens, tokens)
        take_usd = min(held.usd, usd)
        held.tokens -= take_tokens
        held.usd -= take_usd
        self.reserved_tokens -= take_tokens
        self.reserved_usd -= take_usd

    def release(self, reservation: Reservation) -> None:
        """Stop holding what is left of a reservation; releasing twice is harmless."""
        held = self._open.get(reservation.id)
        if held is None or held.reservation is not reservation:
            return
        del self._open[reservation.id]
        if self._open:
            self.reserved_tokens -= held.tokens
            self.reserved_usd -= held.usd
        else:  # no float drift survives an idle moment
            self.reserved_tokens = 0
            self.reserved_usd = 0.0

    def top_up(self, reservation: Reservation, tokens: int, usd: float) -> bool:
        """Make an open reservation hold at least `tokens` / `usd` again (for another attempt
        of the same call), if the caps allow; False when they do not or it is not open."""
        held = self._open.get(reservation.id)
        if held is None or held.reservation is not reservation:
            return False
        more_tokens = max(0, tokens - held.tokens)
        more_usd = max(0.0, usd - held.usd)
        if (more_tokens or more_usd) and self.blocked(more_tokens, more_usd) is not None:
            return False
        held.tokens += more_tokens
        held.usd += more_usd
        self.reserved_tokens += more_tokens
        self.reserved_usd += more_usd
        return True

    def holds(self, reservation: Reservation) -> bool:
        held = self._open.get(reservation.id)
        return held is not None and held.reservation is reservation

    @property
    def open_reservations(self) -> int:
        return len(self._open)


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
    if caps.tokens_per_minute and view.minute_tokens + view.held_tokens > 0:
        if view.minute_tokens + view.held_tokens + tokens > caps.tokens_per_minute:
            fits = view.minute_tokens + tokens <= caps.tokens_per_minute or not view.minute_tokens
            return Cap.MINUTE, view.held_tokens > 0 and fits
    return None, True
