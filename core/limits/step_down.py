"""Budgets that bend before they break: step the service down before a cap is hit, and back up
when the projection allows (`[budget] step_down`, on by default).

Pressure is the worst projected overrun, as a ratio to its cap:

    month   (spent this month + the last 24 h's spend x days left) / monthly_usd
    day     (tokens today + today's pace x the rest of the day) / daily_tokens
            (today's pace = tokens today / time since 00:00 UTC, counted over at least six hours:
            a few answers just after midnight must not project a day's worth)

Steps, each taken when the ratio passes its threshold (`DOWN_AT`), in this order:

    1  cheapest_model   the cheapest healthy model is tried first          ratio > 1.0
    2  short_answers    also max_tokens = [budget] short_max_tokens and
                        "short answers today"                               ratio > 1.25
    3  profile_only     degraded answers from the profile, no model call    ratio > 1.5

Going down is immediate (to the step the ratio asks for); going up is one step at a time and
only once the ratio is below `UP_MARGIN` x the threshold of the current step, so the twin does
not flap around a threshold. Each change is announced to admins once (an Alert claimed in the
store: a restart repeats nothing) and labelled to members in one short line (`label`). The
guard's reservations still hold every answer inside the caps: stepping down only makes the
money last; it never lets a call spend past a cap.

The figures come from the budget through one narrow callable (`FiguresReader`): the guard's
status and the store's last-24 h spend (`read_figures`), so the ledger may live anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from core.clock import WallClock
from core.config import BudgetConfig
from core.insight.alerts import Alert, AlertBus
from core.insight.reports import BudgetStatus, StepState
from core.limits.budget import day_floor, month_floor, next_month

log = logging.getLogger(__name__)

NAMES = ("normal", "cheapest_model", "short_answers", "profile_only")
DOWN_AT = (1.0, 1.25, 1.5)  # the pressure that takes the twin to step 1, 2, 3
UP_MARGIN = 0.9  # back up one step below UP_MARGIN x the threshold of the current step
REFRESH_S = 60.0  # the last 24 h's spend is re-read at most this often
MIN_DAY_S = 6 * 3600.0  # today's pace is counted over at least six hours
LABELS = (
    "",
    "_(Saving budget today: a lighter model is answering.)_",
    "_(Short answers today, to stay within my budget.)_",
    "_(Saving budget: answering from my profile alone for now.)_",
)


@dataclass(frozen=True)
class BudgetFigures:
    """What a step is decided from, at `now` (caps of 0 mean no cap)."""

    now: datetime
    month_usd: float
    monthly_cap: float
    last_day_usd: float  # spend in the 24 h before `now`: the month's pace
    day_tokens: int
    daily_cap: int


FiguresReader = Callable[[datetime], Awaitable[BudgetFigures]]


class SpendStatus(Protocol):
    def status(self) -> BudgetStatus: ...


class RecentUsage(Protocol):
    async def usage_since(self, since: datetime) -> tuple[int, float]: ...


def read_figures(guard: SpendStatus, store: RecentUsage) -> FiguresReader:
    """The figures from the guard (spend against caps) and the store (the last 24 h's spend,
    re-read at most every REFRESH_S)."""
    cached: list[tuple[datetime, float]] = []

    async def read(now: datetime) -> BudgetFigures:
        status = guard.status()
        if not cached or (now - cached[0][0]).total_seconds() >= REFRESH_S or now < cached[0][0]:
            _, usd = await store.usage_since(now - timedelta(days=1))
            cached[:] = [(now, usd)]
        return BudgetFigures(
            now=now,
            month_usd=status.monthly_usd_used,
            monthly_cap=status.monthly_usd_limit,
            last_day_usd=cached[0][1],
            day_tokens=status.daily_tokens_used,
            daily_cap=status.daily_tokens_limit,
        )

    return read


def pressure(f: BudgetFigures) -> tuple[float, str]:
    """The worst projected overrun as a ratio to its cap, and a sentence saying why."""
    return _pressure(f, explain=True)


_BOUNDS: list[tuple[datetime, datetime, datetime]] = []  # the last day asked about


def _bounds(now: datetime) -> tuple[datetime, datetime, datetime]:
    """00:00 UTC of the day of `now`, of the next day, and of the next month's 1st (worked out
    again only when `now` is on another day than last time)."""
    if _BOUNDS and now.tzinfo is not None and _BOUNDS[0][0] <= now < _BOUNDS[0][1]:
        return _BOUNDS[0]
    start = day_floor(now)
    got = (start, start + timedelta(days=1), next_month(month_floor(now)))
    _BOUNDS[:] = [got]
    return got


def _pressure(f: BudgetFigures, *, explain: bool) -> tuple[float, str]:
    """`pressure`; without `explain` the sentence is left empty (it is only needed when the
    step changes, and formatting it is most of the work)."""
    worst, why = 0.0, ""
    start, day_end, month_end = _bounds(f.now)
    if f.monthly_cap:
        days_left = (month_end - f.now).total_seconds() / 86_400
        projected = f.month_usd + f.last_day_usd * days_left
        worst = projected / f.monthly_cap
        if explain:
            why = (
                f"at the last 24 h's pace (${f.last_day_usd:,.2f} a day) the month would end "
                f"at ${projected:,.2f} of the ${f.monthly_cap:,.2f} budget"
            )
    if f.daily_cap:
        elapsed = max(MIN_DAY_S, (f.now - start).total_seconds())
        left = (day_end - f.now).total_seconds()
        projected_tokens = f.day_tokens + f.day_tokens / elapsed * left
        ratio = projected_tokens / f.daily_cap
        if ratio > worst:
            worst = ratio
            if explain:
                why = (
                    f"at today's pace the day would use {projected_tokens:,.0f} of its "
                    f"{f.daily_cap:,} tokens"
                )
    return worst, why


def next_step(ratio: float, current: int) -> int:
    """Where `ratio` takes the twin from step `current` (down at once, up one at a time)."""
    wanted = sum(ratio > t for t in DOWN_AT)
    if wanted >= current:
        return wanted
    if ratio < DOWN_AT[current - 1] * UP_MARGIN:
        return current - 1
    return current


class StepDown:
    """The twin's current step; `refresh` before each model answer (see the module docstring)."""

    def __init__(
        self,
        budget: BudgetConfig,
        read: FiguresReader,
        alerts: AlertBus,
        claim: Callable[[str], Awaitable[bool]],
        *,
        wall: WallClock,
    ) -> None:
        self._budget = budget
        self._read = read
        self._alerts = alerts
        self._claim = claim
        self._wall = wall
        self._state = StepState(step=0, reason="", since=None)

    @property
    def state(self) -> StepState:
        """The current step, its reason and since when (what /twin-usage shows)."""
        return self._state

    async def refresh(self) -> StepState:
        """Re-read the figures and move to the step they ask for; announce a change once."""
        if not self._budget.step_down:
            return self._state
        now = self._wall()
        try:
            figures = await self._read(now)
        except Exception:
            log.exception("step-down: could not read the budget figures; step kept")
            return self._state
        ratio, _ = _pressure(figures, explain=False)
        step = next_step(ratio, self._state.step)
        if step != self._state.step:
            before = self._state.step
            _, why = pressure(figures)
            reason = why if step else f"the projection is back within budget ({why})"
            self._state = StepState(step=step, reason=reason, since=now, name=NAMES[step])
            log.warning("budget step %d -> %d: %s", before, step, reason)
            await self._announce(before, now)
        return self._state

    def max_tokens(self, configured: int) -> int:
        """The answer length allowed now: `short_max_tokens` from step 2 on."""
        if self._state.step >= 2:
            return min(configured, self._budget.short_max_tokens)
        return configured

    @property
    def cheapest_first(self) -> bool:
        return self._state.step >= 1

    @property
    def profile_only(self) -> bool:
        return self._state.step >= 3

    @property
    def label(self) -> str:
        """The one short line members see above an answer while stepped down ("" at step 0)."""
        return LABELS[self._state.step]

    async def _announce(self, before: int, now: datetime) -> None:
        state = self._state
        way = "down" if state.step > before else "up"
        key = f"budget_step:{now:%Y-%m-%d}:{state.step}:{way}"
        try:
            first = await self._claim(key)
        except Exception:
            log.exception("step-down: could not claim alert %s; not sent", key)
            return
        if not first:
            return
        titles = (
            "Budget: back to full service",
            "Budget: stepping down to the cheapest model",
            "Budget: short answers now",
            "Budget: answering from the profile alone",
        )
        action = (
            "Nothing to do: the twin steps back up by itself as the projection allows. To keep "
            "full service, raise [budget] monthly_usd / daily_tokens in config.toml and restart, "
            "or set [budget] step_down = false."
        )
        await self._alerts.publish(
            Alert(
                kind="budget_step",
                key=key,
                title=titles[state.step],
                text=f"Step {before} -> {state.step}: {state.reason}.",
                action=action if state.step else "Nothing to do.",
                severity="warning" if state.step else "info",
                at=now,
            )
        )


__all__ = [
    "DOWN_AT",
    "LABELS",
    "NAMES",
    "UP_MARGIN",
    "BudgetFigures",
    "FiguresReader",
    "StepDown",
    "next_step",
    "pressure",
    "read_figures",
]
