"""The guard: request rate limits, tokens per minute and the daily / monthly budgets, all kept
in the store so every process on one database shares them.

The twin asks it twice per question and tells it what was spent:

- `admit(question)` before anything else: requests per minute per user (platform + user id), per
  channel (platform + channel id) and overall, each a sliding window over the last 60 s of wall
  time in the store (`Store.rate_hit`: all windows counted at once, or none). The owner (the
  CLI) skips the user and channel limits but not the global one; admins skip all three when
  `[limits] admins_exempt`. A refused question uses no slot.
- `reserve(prompt, max_tokens, worst_usd, ...)` before a model call: one atomic check-and-write
  in the store (`Store.reserve`) books the call's worst case against today's tokens, this
  month's dollars and the tokens of the last minute, counting every process's open
  reservations. Near the cap the call gets fewer answer tokens (never fewer than
  `[budget] min_answer_tokens`). A question that does not fit only because of reservations in
  flight waits up to `[budget] wait_s` for them to settle instead of being refused.
- `record_attempt(attempt)` for every model attempt (the guard is an `AttemptSink`): writes the
  usage row, which books the spend and settles the reservation named in the attempt's context in
  the same transaction (a successful attempt closes it). A row that cannot be written is kept and
  written first once the store can write again; until then no reservation is granted.
- `release(reservation)` after the call: drops what the call did not spend (no store call when
  the call's successful attempt closed it already).

Fail closed: when the store cannot write (disk full, read-only, locked past the busy timeout),
`reserve` refuses with kind STORAGE (the twin answers degraded and says so), the admins get one
alert per outage, and the guard resumes by itself at the first write that succeeds.

Budget thresholds (`[budget] alert_at`) raise one alert per period each, for daily tokens and
monthly dollars; the key `budget:daily:<date>:<fraction>` / `budget:monthly:<yyyy-mm>:<fraction>`
is claimed in the store first, so neither a restart nor a second process repeats an alert. A
budget refusal counts as reaching the 1.0 threshold.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from core.clock import Clock, WallClock, monotonic, utc_now
from core.config import BudgetConfig, LimitsConfig, Price
from core.insight.alerts import Alert, AlertBus
from core.insight.reports import BudgetStatus
from core.limits.budget import BudgetLedger, Cap, Reservation, classify
from core.limits.messages import (
    STORAGE_NOTE,
    budget_refusal,
    daily_alert,
    in_words,
    minute_refusal,
    monthly_alert,
    rate_refusal,
    storage_alert,
)
from core.limits.session import BudgetSession
from core.models.usage import Attempt
from core.store.base import Store
from core.store.records import BudgetCaps, Grant, RateKey, ReserveRequest, StoreUnavailable
from core.types import Question, Refusal, RefusalKind

__all__ = ["BudgetSession", "BudgetStore", "Guard", "Reservation", "in_words"]

log = logging.getLogger(__name__)

WINDOW_S = 60.0
POLL_S = 0.05  # how often a waiting question looks again (other processes' releases)
MAINTAIN_S = 60.0  # booking orphaned reservations, dropping old windows: at most this often


class BudgetStore(Protocol):
    """The part of the store that alert raisers need."""

    async def claim_alert(self, key: str) -> bool:
        """True the first time `key` is claimed; persisted across restarts."""
        ...


class Guard:
    """Rate limits and budgets for the twin; one per process, sharing the store's ledger."""

    def __init__(
        self,
        limits: LimitsConfig,
        budget: BudgetConfig,
        store: Store,
        alerts: AlertBus,
        *,
        clock: Clock = monotonic,
        wall: WallClock = utc_now,
        pause: Callable[[float], Awaitable[None]] | None = None,
        owner: str | None = None,
        instance_lease_s: float = 30.0,
    ) -> None:
        self._limits = limits
        self._budget = budget
        self._store = store
        self._alerts = alerts
        self._clock = clock
        self._wall = wall
        self._pause = pause or self._wait_for_release
        self._owner = owner or f"{os.getpid()}@{socket.gethostname()}"
        self._caps = BudgetCaps(budget.daily_tokens, budget.monthly_usd, limits.tokens_per_minute)
        self._lease = timedelta(seconds=max(1.0, budget.reservation_lease_s))
        # a process whose heartbeat is older than this is dead: its reservations are booked
        self._instance_lease = timedelta(seconds=instance_lease_s)
        self._next_beat = -math.inf
        self._ledger = BudgetLedger(budget.daily_tokens, budget.monthly_usd)  # a view for alerts
        self._released = asyncio.Event()
        self._backlog: list[Attempt] = []  # usage rows not yet written: written first
        self._unreleased: list[int] = []
        self._closed: set[int] = set()  # reservations a written `ok` usage row closed
        self._down: str | None = None  # the cause while the store cannot write
        self._next_maintain = -math.inf
        self._thresholds = tuple(sorted(set(budget.alert_at)))
        # thresholds not yet alerted this day / month, lowest first
        self._daily_pending = list(self._thresholds)
        self._monthly_pending = list(self._thresholds)
        self._daily_trigger = self._monthly_trigger = math.inf  # spend that makes an alert due
        self._set_triggers()

    async def start(self) -> None:
        """Read today's tokens and this month's dollars from the store; alerts for thresholds
        already passed are claimed, so none is repeated. Books what dead processes left
        reserved first (a restarted instance books its predecessor's)."""
        await self._maintain(self._wall())
        await self.refresh()
        await self._check_alerts()

    async def refresh(self) -> None:
        """Bring `status()` up to the store's ledger (every process's spend)."""
        now = self._wall()
        view = await self._store.ledger(now, self._caps)
        self._see(now, view.day_tokens, view.month_usd)

    def session(self, question: Question) -> BudgetSession:
        """One question's budget: `async with guard.session(question) as budget:` (admit,
        reserve, top up, settle; everything still held released on leaving)."""
        return BudgetSession(self, question)

    # --- request limits ------------------------------------------------------------------

    async def admit(self, question: Question) -> Refusal | None:
        """None and one request counted, or a RATE_LIMITED refusal saying when to try again.
        If the store cannot count it, the question goes on (no model call can follow)."""
        keys = self._rate_keys(question)
        if not keys:
            return None
        try:
            full = await self._store.rate_hit(keys, self._wall().timestamp(), WINDOW_S)
        except StoreUnavailable as exc:
            await self._went_down(exc.cause)
            return None
        return None if full is None else _rate_refusal(full)

    def _rate_keys(self, question: Question) -> list[RateKey]:
        """The rate windows that count `question` (none for an exempt admin)."""
        limits = self._limits
        keys: list[RateKey] = []
        if question.is_admin and limits.admins_exempt:
            return keys
        if not question.is_owner:
            if limits.user_per_minute:
                user = f"user:{question.platform}:{question.user_id}"
                keys.append(RateKey(user, limits.user_per_minute))
            if limits.channel_per_minute:
                channel = f"channel:{question.platform}:{question.channel_id}"
                keys.append(RateKey(channel, limits.channel_per_minute))
        if limits.global_per_minute:
            keys.append(RateKey("global", limits.global_per_minute))
        return keys

    # --- budget --------------------------------------------------------------------------

    async def reserve(
        self,
        prompt_tokens: int,
        max_tokens: int,
        worst_usd: float,
        *,
        input_usd: float | None = None,
        output_usd: float | None = None,
    ) -> Reservation | Refusal:
        """Book a call's worst case in the store, or refuse: BUDGET (retry_after = seconds to
        the reset), RATE_LIMITED (tokens per minute) or STORAGE (the store cannot write).

        With per-token prices (`input_usd` / `output_usd`, USD per token) the call may be granted
        fewer answer tokens, down to `[budget] min_answer_tokens`: `Reservation.max_tokens`.
        Without them only `worst_usd` for the whole `max_tokens` is known, so nothing less is
        granted. Waits up to `[budget] wait_s` while only reservations in flight stand in the
        way."""
        return await self._reserve(prompt_tokens, max_tokens, worst_usd, input_usd, output_usd)

    async def _reserve(
        self,
        prompt_tokens: int,
        max_tokens: int,
        worst_usd: float,
        input_usd: float | None,
        output_usd: float | None,
        admit: Question | None = None,
    ) -> Reservation | Refusal:
        """`reserve`; with `admit`, that question counted first in the same trip to the store
        (`Store.admit_and_reserve`): its RATE_LIMITED refusal comes back with nothing
        reserved."""
        prompt, most = max(0, prompt_tokens), max(0, max_tokens)
        if input_usd is None or output_usd is None:
            least = most
            per = max(0.0, worst_usd) / (most or prompt or 1)
            in_usd, out_usd = (0.0, per) if most else (per, 0.0)
        else:
            least = min(most, self._budget.min_answer_tokens)
            in_usd, out_usd = max(0.0, input_usd), max(0.0, output_usd)
        deadline = self._clock() + self._budget.wait_s
        keys = self._rate_keys(admit) if admit is not None else []
        while True:
            now = self._wall()
            request = ReserveRequest(
                now,
                prompt,
                most,
                least,
                in_usd,
                out_usd,
                self._caps,
                now + self._lease,
                self._owner,
            )
            try:
                await self._flush()
                full, result = await self._store.admit_and_reserve(
                    keys, now.timestamp(), WINDOW_S, request
                )  # the question counted in the first trip only
            except StoreUnavailable as exc:
                await self._went_down(exc.cause)
                return Refusal(RefusalKind.STORAGE, STORAGE_NOTE)
            self._came_back()
            if full is not None:
                return _rate_refusal(full)
            assert result is not None
            keys = []
            await self._maintain(now)
            if isinstance(result, Grant):
                self._see(now, result.day_tokens, result.month_usd)
                return Reservation(result.tokens, result.usd, result.id, result.max_tokens)
            self._see(now, result.view.day_tokens, result.view.month_usd)
            cap, settles = classify(result.view, request)
            if cap is None:  # the reservations that stood in the way settled meanwhile
                continue
            left = deadline - self._clock()
            if settles and left > 0:
                await self._pause(min(POLL_S, left))
                continue
            if cap is Cap.MINUTE:
                return minute_refusal(WINDOW_S)
            ledger = self._ledger
            await self._check_alerts(
                daily_need=prompt + least if cap is Cap.DAILY else 0,
                monthly_need=prompt * in_usd + least * out_usd if cap is Cap.MONTHLY else 0.0,
            )
            used_up = (
                ledger.day_tokens >= self._budget.daily_tokens
                if cap is Cap.DAILY
                else ledger.month_usd >= self._budget.monthly_usd
            )
            return budget_refusal(cap, now, ledger.day_end, ledger.month_end, used_up=used_up)

    async def reserve_for(
        self,
        prompt_tokens: int,
        max_tokens: int,
        prices: Sequence[Price],
        admit: Question | None = None,
    ) -> Reservation | Refusal:
        """`reserve` at the worst of `prices` (USD per million tokens) of the models that may
        answer: the highest input and the highest output price; with `admit`, that question
        counted in the same trip (`_reserve`)."""
        input_usd = max((price.input for price in prices), default=0.0) / 1e6
        output_usd = max((price.output for price in prices), default=0.0) / 1e6
        worst = prompt_tokens * input_usd + max_tokens * output_usd
        return await self._reserve(prompt_tokens, max_tokens, worst, input_usd, output_usd, admit)

    async def _wait_for_release(self, seconds: float) -> None:
        """Until a reservation of this process is released, or `seconds` (other processes')."""
        self._released.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), seconds)

    async def record_attempt(self, attempt: Attempt) -> None:
        """Write the usage row (it books the spend and settles its reservation), then raise any
        budget threshold it crossed. A row the store cannot take is kept and written first when
        it can; until then no reservation is granted."""
        try:
            await self._flush()
            await self._store.record_attempt(attempt)
        except StoreUnavailable as exc:
            self._backlog.append(attempt)
            await self._went_down(exc.cause)
        else:
            reservation = attempt.context.reservation
            if attempt.outcome == "ok" and reservation is not None:
                self._closed.add(reservation)
        tokens = attempt.prompt_tokens + attempt.completion_tokens
        ledger = self._ledger
        day, month = ledger.spend(attempt.at, tokens, attempt.cost_usd)
        if day:
            self._rolled(day, month)
        if ledger.day_tokens >= self._daily_trigger or ledger.month_usd >= self._monthly_trigger:
            await self._check_alerts()

    async def top_up(self, reservation: Reservation, tokens: int, usd: float) -> bool:
        """Hold a call's worst case again before a further attempt; False if the budget can't."""
        try:
            return await self._store.top_up(reservation.id, tokens, usd, self._caps, self._wall())
        except StoreUnavailable as exc:
            await self._went_down(exc.cause)
            return False

    async def release(self, reservation: Reservation) -> None:
        """Stop holding what the call did not spend (its real usage came via record_attempt)."""
        if reservation.id in self._closed:  # its `ok` usage row closed it in the store
            self._closed.discard(reservation.id)
        elif self._backlog:  # its usage is not written yet: keep holding until it is
            self._unreleased.append(reservation.id)
        else:
            try:
                await self._store.release(reservation.id)
            except StoreUnavailable as exc:
                self._unreleased.append(reservation.id)
                await self._went_down(exc.cause)
        self._released.set()

    def status(self) -> BudgetStatus:
        """Today's tokens and this month's dollars against their caps (0 = no cap), as last
        read from the store plus this process's spend since (`refresh` reads it again)."""
        now = self._wall()
        if now >= self._ledger.day_end:
            self._rolled(*self._ledger.roll(now))
        return BudgetStatus(
            daily_tokens_used=self._ledger.day_tokens,
            daily_tokens_limit=self._budget.daily_tokens,
            monthly_usd_used=self._ledger.month_usd,
            monthly_usd_limit=self._budget.monthly_usd,
        )

    # --- the store's state ---------------------------------------------------------------

    def _see(self, now: datetime, day_tokens: int, month_usd: float) -> None:
        """Take the store's spend (every process's) into the view. Spend only grows within a
        day and a month, so a snapshot read before this process's latest usage rows (a denial
        whose task resumes late) never takes the view back."""
        if now < self._ledger.day_start:  # read before midnight, seen after: a day gone
            return
        day, month = self._ledger.roll(now)
        if day:
            self._rolled(day, month)
        self._ledger.day_tokens = max(self._ledger.day_tokens, day_tokens)
        self._ledger.month_usd = max(self._ledger.month_usd, month_usd)

    async def _flush(self) -> None:
        """Write what could not be written before, oldest first; raises StoreUnavailable."""
        while self._backlog:
            await self._store.record_attempt(self._backlog[0])
            self._backlog.pop(0)
        while self._unreleased:
            await self._store.release(self._unreleased[0])
            self._unreleased.pop(0)

    async def store_failed(self, cause: str) -> None:
        """Another part of the twin found the store unable to answer: the same one alert per
        outage as when the guard finds it (no model call follows until a write succeeds)."""
        await self._went_down(cause)

    async def _went_down(self, cause: str) -> None:
        if self._down is not None:
            return
        self._down = cause
        log.error("storage: %s; answering without a model until it can write again", cause)
        await self._alerts.publish(storage_alert(cause, self._wall()))

    def _came_back(self) -> None:
        if self._down is not None and not self._backlog:
            log.warning("storage: the database can be written again; model calls resume")
            self._down = None

    async def _maintain(self, now: datetime) -> None:
        tick = self._clock()
        if tick < self._next_maintain:
            return
        self._next_maintain = tick + MAINTAIN_S
        try:
            booked = await self._store.book_orphans(now, self._instance_lease)
            await self._store.maintain(now)
        except StoreUnavailable as exc:
            log.warning("storage: housekeeping skipped: %s", exc.cause)
            return
        if booked:
            log.warning(
                "budget: %d reservation(s) of a process that stopped without settling them"
                " booked as estimated spend",
                booked,
            )

    @property
    def owner(self) -> str:
        """This process (pid@host): owner of its reservations and inbox entries."""
        return self._owner

    async def keep_alive(self) -> None:
        """Note in the store that this process is alive (at most every third of the instances'
        lease), so no other process books its reservations in flight as orphans. For serving
        processes (`twin run`), from their live loop; never raises."""
        tick = self._clock()
        if tick < self._next_beat:
            return
        self._next_beat = tick + self._instance_lease.total_seconds() / 3
        try:
            await self._store.heartbeat(self._owner, self._wall(), self._instance_lease)
        except StoreUnavailable as exc:
            log.info("presence not noted: %s", exc.cause)

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
        except StoreUnavailable as exc:
            log.warning("could not claim budget alert %s (%s); not sent", key, exc.cause)
            return
        if first:
            await self._alerts.publish(alert)

    def _daily_alert(self, key: str, frac: float, need: int) -> Alert:
        ledger = self._ledger
        limit = self._budget.daily_tokens
        return daily_alert(key, frac, ledger.day_tokens, limit, need, self._wall(), ledger.day_end)

    def _monthly_alert(self, key: str, frac: float, need: float) -> Alert:
        ledger = self._ledger
        return monthly_alert(
            key,
            frac,
            ledger.month_usd,
            self._budget.monthly_usd,
            need,
            self._wall(),
            ledger.month_end,
        )


def _rate_refusal(full: tuple[str, float]) -> Refusal:
    """The RATE_LIMITED refusal of the window `Store.rate_hit` named full, and its wait."""
    return rate_refusal(full[0].split(":", 1)[0], full[1])
