"""The guard: request rate limits, tokens per minute and the daily / monthly budgets.

The twin asks it twice per question and tells it what was spent:

- `admit(question)` before anything else: requests per minute per user (platform + user id), per
  channel (platform + channel id) and overall, each an exact sliding window over the last 60 s
  of the injected monotonic clock (see `core.limits.ratelimit`). The owner (the CLI) skips the user
  and channel limits but not the global one; admins skip all three when `[limits] admins_exempt`.
  A refused question uses no slot.
- `reserve(prompt, max_tokens, worst_usd)` before a model call: books the call's worst case
  against today's tokens, this month's dollars and the tokens of the last minute, or refuses.
  Check and booking happen with no await in between, so concurrent questions cannot both take
  the last of a budget.
- `record_attempt(attempt)` for every model attempt (the guard is an `AttemptSink`): real usage
  goes into today / this month (by the attempt's time, UTC) and the last-minute window, and
  settles the reservation of the calling task (the one `reserve` returned in it; tasks created
  after `reserve` share it), so a finished call stops holding its unspent worst case even
  before `release`. Usage recorded outside any reservation simply counts as spent.
- `release(reservation)` after the call: drops what the call did not spend.

Budget thresholds (`[budget] alert_at`) raise one alert per period each, for daily tokens and
monthly dollars; the key `budget:daily:<date>:<fraction>` / `budget:monthly:<yyyy-mm>:<fraction>`
is claimed in the store first, so a restart never repeats an alert. A budget refusal counts as
reaching the 1.0 threshold: the admin hears the twin has gone degraded even when the spend stops
short of the cap because no further worst case fits.
"""

from __future__ import annotations

import logging
import math
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Protocol

from core.clock import Clock, WallClock, monotonic, utc_now
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import Alert, AlertBus, Severity
from core.insight.reports import BudgetStatus
from core.limits.budget import BudgetLedger, Cap, Reservation, day_floor, month_floor
from core.limits.ratelimit import RequestWindow, TokenWindow
from core.models.usage import Attempt
from core.types import Question, Refusal, RefusalKind

__all__ = ["BudgetStore", "Guard", "Reservation", "in_words"]

log = logging.getLogger(__name__)

WINDOW_S = 60.0
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The reservation booked by the current task: how `record_attempt` knows which one to settle.
_current: ContextVar[Reservation | None] = ContextVar("twin_guard_reservation", default=None)


class BudgetStore(Protocol):
    """What the guard needs from storage (the SQLite `Store` implements it)."""

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        """(tokens, usd) of every attempt at or after `since`."""
        ...

    async def claim_alert(self, key: str) -> bool:
        """True the first time `key` is claimed; persisted across restarts."""
        ...


def in_words(seconds: float) -> str:
    """A wait as people say it: "40 seconds", "7 min", "3 h 12 min", "5 days 12 h"."""
    whole = max(1, math.ceil(seconds))
    if whole <= 60:
        return f"{whole} second{'' if whole == 1 else 's'}"
    minutes = math.ceil(whole / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    text = f"{days} day{'' if days == 1 else 's'}"
    return f"{text} {hours} h" if hours else text


def _month_reset(end: datetime) -> str:
    return f"on {end.day} {_MONTHS[end.month - 1]} at 00:00 UTC"


class Guard:
    """Rate limits and budgets for the twin; one per process, shared by every conversation."""

    def __init__(
        self,
        limits: LimitsConfig,
        budget: BudgetConfig,
        store: BudgetStore,
        alerts: AlertBus,
        *,
        clock: Clock = monotonic,
        wall: WallClock = utc_now,
    ) -> None:
        self._limits = limits
        self._budget = budget
        self._store = store
        self._alerts = alerts
        self._clock = clock
        self._wall = wall
        self._users = (
            RequestWindow(limits.user_per_minute, WINDOW_S) if limits.user_per_minute else None
        )
        self._channels = (
            RequestWindow(limits.channel_per_minute, WINDOW_S)
            if limits.channel_per_minute
            else None
        )
        self._global = (
            RequestWindow(limits.global_per_minute, WINDOW_S) if limits.global_per_minute else None
        )
        self._tokens = TokenWindow(WINDOW_S)
        self._ledger = BudgetLedger(budget.daily_tokens, budget.monthly_usd)
        self._thresholds = tuple(sorted(set(budget.alert_at)))
        # thresholds not yet alerted this day / month, lowest first
        self._daily_pending = list(self._thresholds)
        self._monthly_pending = list(self._thresholds)
        self._daily_trigger = self._monthly_trigger = math.inf  # spend that makes an alert due
        self._set_triggers()

    async def start(self) -> None:
        """Load today's tokens and this month's dollars (UTC) from the store, so limits survive a
        restart; alerts for thresholds already passed are claimed, so none is repeated."""
        now = self._wall()
        day_tokens, _ = await self._store.usage_since(day_floor(now))
        _, month_usd = await self._store.usage_since(month_floor(now))
        minute_tokens, _ = await self._store.usage_since(now - timedelta(seconds=WINDOW_S))
        self._ledger.load(now, day_tokens, month_usd)
        self._rolled(True, True)
        self._tokens.add(self._clock(), minute_tokens)
        await self._check_alerts()

    # --- request limits ------------------------------------------------------------------

    def admit(self, question: Question) -> Refusal | None:
        """None and one request counted, or a RATE_LIMITED refusal saying when to try again."""
        if question.is_admin and self._limits.admins_exempt:
            return None
        now = self._clock()
        users = channels = None
        if not question.is_owner:
            users, channels = self._users, self._channels
        user_key = (question.platform, question.user_id)
        channel_key = (question.platform, question.channel_id)
        wait_user = users.retry_after(user_key, now) if users is not None else 0.0
        wait_channel = channels.retry_after(channel_key, now) if channels is not None else 0.0
        wait_global = self._global.retry_after(None, now) if self._global is not None else 0.0
        if wait_user or wait_channel or wait_global:
            return self._rate_refusal(wait_user, wait_channel, wait_global)
        if users is not None:
            users.hit(user_key, now)
        if channels is not None:
            channels.hit(channel_key, now)
        if self._global is not None:
            self._global.hit(None, now)
        return None

    @staticmethod
    def _rate_refusal(user: float, channel: float, overall: float) -> Refusal:
        wait = max(user, channel, overall)
        when = in_words(wait)
        if wait == user:
            message = f"You're asking faster than I can answer - try again in {when}."
        elif wait == channel:
            message = f"This channel is asking faster than I can answer - try again in {when}."
        else:
            message = f"I'm very busy right now - try again in {when}."
        return Refusal(RefusalKind.RATE_LIMITED, message, retry_after=wait)

    # --- budget --------------------------------------------------------------------------

    async def reserve(
        self, prompt_tokens: int, max_tokens: int, worst_usd: float
    ) -> Reservation | Refusal:
        """Book a call's worst case, or refuse: BUDGET (retry_after = seconds to the reset) or
        RATE_LIMITED (tokens per minute). A call larger than the whole per-minute limit still
        goes through when nothing else is in the last minute, or it could never run."""
        tokens = max(0, prompt_tokens) + max(0, max_tokens)
        usd = max(0.0, worst_usd)
        now = self._wall()
        ledger = self._ledger
        if now >= ledger.day_end:
            self._rolled(*ledger.roll(now))
        cap = ledger.blocked(tokens, usd)
        if cap is not None:
            refusal = self._budget_refusal(cap, now)
            await self._check_alerts(
                daily_need=tokens if cap is Cap.DAILY else 0,
                monthly_need=usd if cap is Cap.MONTHLY else 0.0,
            )
            return refusal
        per_minute = self._limits.tokens_per_minute
        if per_minute:
            tick = self._clock()
            window = self._tokens
            window.prune(tick)
            used = window.total + ledger.reserved_tokens
            if used and used + tokens > per_minute:
                wait = window.wait_for(used + tokens - per_minute, tick)
                return self._minute_refusal(WINDOW_S if wait is None else wait)
        reservation = ledger.book(tokens, usd)
        _current.set(reservation)
        return reservation

    def _budget_refusal(self, cap: Cap, now: datetime) -> Refusal:
        ledger = self._ledger
        if cap is Cap.DAILY:
            wait = (ledger.day_end - now).total_seconds()
            message = (
                "I've used up today's thinking budget; it resets at 00:00 UTC "
                f"(in {in_words(wait)})."
            )
            return Refusal(RefusalKind.BUDGET, message, retry_after=wait)
        if cap is Cap.MONTHLY:
            wait = (ledger.month_end - now).total_seconds()
            message = (
                "I've used up this month's budget; it resets "
                f"{_month_reset(ledger.month_end)} (in {in_words(wait)})."
            )
            return Refusal(RefusalKind.BUDGET, message, retry_after=wait)
        period = "daily" if cap is Cap.DAILY_TOO_SMALL else "monthly"
        message = (
            f"This question needs more than my whole {period} budget allows, "
            "so I can't send it to my AI model - try asking something shorter."
        )
        return Refusal(RefusalKind.BUDGET, message)  # no retry: waiting will not help

    @staticmethod
    def _minute_refusal(wait: float) -> Refusal:
        message = (
            f"I'm thinking through a lot of questions right now - try again in {in_words(wait)}."
        )
        return Refusal(RefusalKind.RATE_LIMITED, message, retry_after=wait)

    async def record_attempt(self, attempt: Attempt) -> None:
        """Count an attempt's real usage (by its time, UTC) and settle the calling task's
        reservation; then raise any budget threshold it crossed."""
        tokens = attempt.prompt_tokens + attempt.completion_tokens
        usd = attempt.cost_usd
        ledger = self._ledger
        day, month = ledger.spend(attempt.at, tokens, usd)
        if day:
            self._rolled(day, month)
        if self._limits.tokens_per_minute:
            self._tokens.add(self._clock(), tokens)
        reservation = _current.get()
        if reservation is not None:
            ledger.settle(reservation, tokens, usd)
        if ledger.day_tokens >= self._daily_trigger or ledger.month_usd >= self._monthly_trigger:
            await self._check_alerts()

    def top_up(self, reservation: Reservation, tokens: int, usd: float) -> bool:
        """Hold a call's worst case again before a further attempt; False if the budget can't."""
        return self._ledger.top_up(reservation, tokens, usd)

    def release(self, reservation: Reservation) -> None:
        """Stop holding what the call did not spend (its real usage came via record_attempt)."""
        self._ledger.release(reservation)
        if _current.get() is reservation:
            _current.set(None)

    def status(self) -> BudgetStatus:
        """Today's tokens and this month's dollars against their caps (0 = no cap)."""
        now = self._wall()
        if now >= self._ledger.day_end:
            self._rolled(*self._ledger.roll(now))
        return BudgetStatus(
            daily_tokens_used=self._ledger.day_tokens,
            daily_tokens_limit=self._budget.daily_tokens,
            monthly_usd_used=self._ledger.month_usd,
            monthly_usd_limit=self._budget.monthly_usd,
        )

    # --- alerts --------------------------------------------------------------------------

    def _rolled(self, day: bool, month: bool) -> None:
        if day:
            self._daily_pending = list(self._thresholds)
        if month:
            self._monthly_pending = list(self._thresholds)
        self._set_triggers()

    def _set_triggers(self) -> None:
        daily, monthly = self._daily_pending, self._monthly_pending
        limit, usd_limit = self._budget.daily_tokens, self._budget.monthly_usd
        self._daily_trigger = daily[0] * limit if daily and limit else math.inf
        self._monthly_trigger = monthly[0] * usd_limit if monthly and usd_limit else math.inf

    async def _check_alerts(self, *, daily_need: int = 0, monthly_need: float = 0.0) -> None:
        """Alert each threshold passed this period, once. A budget refusal (`*_need` > 0, what
        the refused call needed) also counts as the 100% threshold: the twin has gone degraded."""
        ledger = self._ledger
        pending = self._daily_pending
        limit = self._budget.daily_tokens
        if pending and limit and (daily_need or ledger.day_tokens >= pending[0] * limit):
            for frac in list(pending):
                if pending is not self._daily_pending:  # the day rolled while alerting
                    break
                passed = ledger.day_tokens >= frac * limit or (daily_need > 0 and frac == 1.0)
                if passed and frac in pending:  # another caller may have taken it meanwhile
                    pending.remove(frac)  # before any await: concurrent callers skip it
                    self._set_triggers()
                    key = f"budget:daily:{ledger.day_start.date().isoformat()}:{frac}"
                    await self._raise(key, self._daily_alert(key, frac, daily_need))
        pending = self._monthly_pending
        usd_limit = self._budget.monthly_usd
        if pending and usd_limit and (monthly_need or ledger.month_usd >= pending[0] * usd_limit):
            for frac in list(pending):
                if pending is not self._monthly_pending:
                    break
                passed = ledger.month_usd >= frac * usd_limit or (monthly_need > 0 and frac == 1.0)
                if passed and frac in pending:
                    pending.remove(frac)
                    self._set_triggers()
                    key = f"budget:monthly:{ledger.month_start.strftime('%Y-%m')}:{frac}"
                    await self._raise(key, self._monthly_alert(key, frac, monthly_need))

    async def _raise(self, key: str, alert: Alert) -> None:
        try:
            first = await self._store.claim_alert(key)
        except Exception:
            log.exception("could not claim budget alert %s; not sent", key)
            return
        if first:
            await self._alerts.publish(alert)

    def _daily_alert(self, key: str, frac: float, need: int) -> Alert:
        ledger, now = self._ledger, self._wall()
        used, limit = ledger.day_tokens, self._budget.daily_tokens
        full = frac >= 1.0
        title = "Daily token budget used up" if full else f"Daily token budget at {frac:.0%}"
        text = f"The twin has used {used:,} of {limit:,} tokens today ({used / limit:.0%})"
        if need and used < limit:
            text += f"; the next answer could need up to {need:,} more, which is not left"
        text += "."
        if full:
            text += " Until the reset it answers from the profile alone, without a model."
        wait = in_words((ledger.day_end - now).total_seconds())
        action = (
            "Raise [budget] daily_tokens in config.toml and restart the twin, or wait for the "
            f"reset at 00:00 UTC (in {wait})."
        )
        severity: Severity = "critical" if full else "warning"
        return Alert("budget", key, title, text, action, severity, now)

    def _monthly_alert(self, key: str, frac: float, need: float) -> Alert:
        ledger, now = self._ledger, self._wall()
        used, limit = ledger.month_usd, self._budget.monthly_usd
        full = frac >= 1.0
        title = "Monthly budget used up" if full else f"Monthly budget at {frac:.0%}"
        text = f"The twin has spent ${used:,.2f} of ${limit:,.2f} this month ({used / limit:.0%})"
        if need and used < limit:
            text += f"; the next answer could cost up to ${need:,.4f}, which is not left"
        text += "."
        if full:
            text += " Until the reset it answers from the profile alone, without a model."
        wait = in_words((ledger.month_end - now).total_seconds())
        action = (
            "Raise [budget] monthly_usd in config.toml and restart the twin, or wait for the "
            f"reset {_month_reset(ledger.month_end)} (in {wait})."
        )
        severity: Severity = "critical" if full else "warning"
        return Alert("budget", key, title, text, action, severity, now)
