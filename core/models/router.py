"""The model router: walks the chain with a policy per error type, a circuit breaker per model,
live health, and streaming that fails over before the first token.

Order. `routing = "ordered"` tries `[llm] models` as written. `routing = "adaptive"` tries the
model with the best score first (ties keep the chain order):

    score = success - 0.2 * latency - 0.2 * cost
    success = (successes + 1) / (attempts + 1)    over the model's last 50 attempts; an untried
                                                  model starts at 1.0, so it gets tried
    latency = min(p50 seconds / 5, 1)             median of recent successful calls; 0 if none
    cost    = (input + output price) / the highest such price in the chain

Success dominates: at the default prices, one failure in the last ten (-0.09) costs
gpt-oss-20b about its whole price advantage over gpt-oss-120b (0.1); a median latency of 5 s or
more costs 0.2.

Either way a model is left out while its breaker is open, after it was found gone (404 /
decommissioned, or not listed by `GET /models` at start), while its provider has no key or had
its key refused (for one breaker cooldown), and until the reset of a spent quota or long 429.
A model whose last `x-ratelimit-remaining-tokens` is below `min_remaining_tokens` (or requests
below `min_remaining_requests`) goes to the end of the list until its reset time: it is tried
only when every other model failed.

Policy per error (core.models.providers.errors):
  RateLimited       wait `retry_after` (injected sleep) if <= retry_after_max_s and retry once;
                    else move on and skip the model until retry_after has passed
  QuotaExceeded     move on; skip the model until its reset when known
  ModelUnavailable  out of rotation for good (until restart), Alert "model_removed" once
  ContextTooLong    drop the history (keep the first system message and the last user message)
                    and retry once; else move on (the next model gets the whole conversation)
  ServerError, ProviderTimeout, NetworkError, BadResponse
                    up to `retries` more tries with exponential backoff and jitter (tenacity,
                    injected sleep): wait 0.5 s * 2^(n-1), capped at 8 s, then a random 50-100 %
                    of it; then move on
  AuthError         no retry; Alert "auth" once per provider; skip that provider's models
  CapacityExceeded  (flex's 498) no retry: the next model at once
  TierUnavailable   (a 400 for `[llm] service_tier`) Alert "service_tier" once; the provider's
                    requests go without the tier from then on, this one once more at once
  an empty answer   (max_tokens spent on reasoning) counts as a failure "empty_answer": move on

Breakers count every failure except ContextTooLong and refused requests (the request's fault,
not the model's). One alert when a breaker opens, one when its probe closes it.

Streaming (`on_text` given): a model that fails before its first delta is replaced by the next
one unseen. Once text was shown nothing is retried: the answer ends with CUT_NOTE (also sent to
`on_text`) and `truncated=True`.

A single attempt (the request, the stream, its metering) is core.models.attempt; what a call
ends with (RoutedCompletion, AllModelsFailed, BudgetStop, EmptyAnswer) is core.models.outcomes;
the alerts' wording is core.models.chain_alerts.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from core.clock import Clock, WallClock, monotonic, utc_now
from core.config import Config
from core.insight.alerts import AlertBus, Claim
from core.insight.reports import ModelHealth
from core.models.attempt import AttemptRunner, CallBudget, CallTally, ModelState, Truncated, Turn
from core.models.breaker import CircuitBreaker
from core.models.chain_alerts import ChainAlerts
from core.models.health import HealthBook, ModelStats, adaptive_score
from core.models.outcomes import (
    CUT_NOTE,
    AllModelsFailed,
    BudgetStop,
    RoutedCompletion,
    trim_history,
)
from core.models.providers.base import ChatMessage, Completion
from core.models.providers.errors import (
    AuthError,
    ContextTooLong,
    ModelUnavailable,
    ProviderError,
    QuotaExceeded,
    RateLimited,
    TierUnavailable,
)
from core.models.providers.registry import Providers, lists
from core.models.usage import Attempt, AttemptSink, CallContext
from core.types import TextSink

log = logging.getLogger(__name__)

BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 8.0
RATE_RESET_DEFAULT_S = 60.0  # how long low rate-limit headers count when no reset was sent


class Router:
    """Routes one chat completion over the model chain (see the module docstring). Each
    attempt's usage row is written through the call's budget; `observers` (live health, metrics)
    are told of every attempt after it."""

    def __init__(
        self,
        config: Config,
        providers: Providers,
        observers: Sequence[AttemptSink],
        alerts: AlertBus,
        *,
        clock: Clock = monotonic,
        wall: WallClock = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        claim_alert: Claim | None = None,
    ) -> None:
        self._config = config
        self._llm = config.llm
        self._providers = providers
        self._alerts = ChainAlerts(config, alerts, wall=wall, claim=claim_alert)
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._health = HealthBook()
        self._states: dict[str, ModelState] = {}
        for chain_id in dict.fromkeys(self._llm.models):
            self._states[chain_id] = ModelState(
                route=providers.route(chain_id),
                breaker=CircuitBreaker(
                    failures=self._llm.breaker_failures,
                    failure_rate=self._llm.breaker_failure_rate,
                    window=self._llm.breaker_window,
                    cooldown_s=self._llm.breaker_cooldown_s,
                    clock=clock,
                ),
            )
        self._auth_blocked: dict[str, float] = {}  # provider name -> clock time
        self._runner = AttemptRunner(
            config, self._health, observers, self._alerts.breaker, clock=clock, wall=wall
        )
        prices = [self._price_per_m(c) for c in self._states]
        self._max_price = max(prices, default=0.0)

    # --- start-up ------------------------------------------------------------------------

    async def start(self) -> None:
        """With `check_models_at_start`, list each provider's models once and take chain ids it
        does not list out of rotation (Alert "model_removed"). A listing failure is logged."""
        if not self._llm.check_models_at_start:
            return
        by_provider: dict[str, list[ModelState]] = {}
        for state in self._states.values():
            by_provider.setdefault(state.route.provider, []).append(state)
        for name, states in by_provider.items():
            provider = self._providers.providers.get(name)
            if provider is None:
                continue
            try:
                listed = await asyncio.wait_for(provider.list_models(), self._llm.timeout_s)
            except AuthError as error:
                await self._auth_refused(name, error)
                continue
            except (ProviderError, TimeoutError) as error:
                log.warning("router: could not list the models of %s: %s", name, error)
                continue
            for state in states:
                if not lists(listed, state.route.model):
                    await self._take_out(state, f"{name} does not list it among its models")

    def seed(self, attempts: Sequence[Attempt]) -> None:
        """Rebuild health (success rate, latency, tokens, cost, last error) from stored usage
        rows, oldest first. Breakers start closed."""
        for attempt in attempts:
            self._health.record(attempt)

    # --- state ---------------------------------------------------------------------------

    def hold_off(self, chain_id: str, seconds: float) -> None:
        """Skip a model for `seconds` (another process's breaker for it is open)."""
        state = self._states.get(chain_id)
        if state is not None and seconds > 0:
            until = self._clock() + seconds
            state.blocked_until = max(state.blocked_until or until, until)

    def breakers(self) -> dict[str, str]:
        """Each chain model's breaker state ("closed", "open", "half_open"): cheap to compare."""
        return {chain_id: s.breaker.state.value for chain_id, s in self._states.items()}

    def available(self) -> bool:
        """Whether some model could be tried now (in rotation, has a usable key, breaker not
        open, quota not spent)."""
        return bool(self._plan())

    def health(self) -> tuple[ModelHealth, ...]:
        """Every chain model's health, in the order they would be tried now (the models that
        would be skipped last)."""
        plan = self._plan()
        order = plan + [c for c in self._states if c not in plan]
        adaptive = self._llm.routing == "adaptive"
        out: list[ModelHealth] = []
        for chain_id in order:
            state = self._states[chain_id]
            stats = self._health.get(chain_id)
            limits = stats.rate_limits
            out.append(
                ModelHealth(
                    model=chain_id,
                    provider=state.route.provider,
                    in_rotation=state.in_rotation,
                    breaker=state.breaker.state.value,
                    calls=stats.calls,
                    success_rate=stats.success_rate,
                    p50_ms=stats.p50_ms,
                    p95_ms=stats.p95_ms,
                    tokens=stats.tokens,
                    cost_usd=stats.cost_usd,
                    last_error=stats.last_error,
                    last_error_at=stats.last_error_at,
                    remaining_requests=limits.remaining_requests if limits else None,
                    remaining_tokens=limits.remaining_tokens if limits else None,
                    score=self._score(chain_id) if adaptive else None,
                )
            )
        return tuple(out)

    def note_invented(self, chain_id: str, claims: int) -> None:
        """Claims held back from an answer of `chain_id`: adaptive routing counts them."""
        self._health.get(chain_id).invented.append(claims)

    def _price_per_m(self, chain_id: str) -> float:
        price = self._config.price(chain_id)
        return price.input + price.output

    def _score(self, chain_id: str) -> float:
        return adaptive_score(
            self._health.get(chain_id), self._price_per_m(chain_id), self._max_price
        )

    def _order(self) -> list[str]:
        chain = list(self._states)
        if self._llm.routing != "adaptive":
            return chain
        return sorted(chain, key=lambda c: -self._score(c))  # stable: ties keep chain order

    def _usable(self, state: ModelState, now: float) -> bool:
        name = state.route.provider
        return (
            state.in_rotation
            and name in self._providers.providers
            and now >= self._auth_blocked.get(name, now)
            and (state.blocked_until is None or now >= state.blocked_until)
            and state.breaker.would_allow()
        )

    def _near_limit(self, stats: ModelStats, now: float) -> bool:
        info, seen = stats.rate_limits, stats.rate_limits_at
        if info is None or seen is None:
            return False
        limits = (
            (info.remaining_tokens, self._llm.min_remaining_tokens, info.reset_tokens_s),
            (info.remaining_requests, self._llm.min_remaining_requests, info.reset_requests_s),
        )
        return any(
            left is not None and left < least and now < seen + (reset or RATE_RESET_DEFAULT_S)
            for left, least, reset in limits
        )

    def _plan(self, cheapest_first: bool = False) -> list[str]:
        now = self._clock()
        ready: list[str] = []
        later: list[str] = []
        for chain_id in self._order():
            if not self._usable(self._states[chain_id], now):
                continue
            near = self._near_limit(self._health.get(chain_id), now)
            (later if near else ready).append(chain_id)
        if cheapest_first:  # stable sorts: equal prices keep their order
            ready.sort(key=self._price_per_m)
            later.sort(key=self._price_per_m)
        return ready + later

    # --- the call ------------------------------------------------------------------------

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        context: CallContext,
        *,
        max_tokens: int,
        on_text: TextSink | None = None,
        budget: CallBudget | None = None,
        cheapest_first: bool = False,
        only: str | None = None,
        tally: CallTally | None = None,
    ) -> RoutedCompletion:
        """Answer with the first model that can; raises AllModelsFailed when none did.

        `budget` (a reservation of the question's `BudgetSession`) meters every attempt and
        tops up before one that follows spending (core.models.attempt): when it cannot, the
        call stops with kind "budget", so retries and fallbacks never spend past the budget.
        `cheapest_first` (the budget's step-down) tries the usable models cheapest first, `only`
        one model alone (a grounding correction). `tally`: the caller's running totals, to read
        what a cancelled call (the member pressed stop) spent."""
        started = time.perf_counter()
        plan = [c for c in self._plan(cheapest_first) if only in (None, c)]
        if not plan:
            raise AllModelsFailed([], "no_models")
        call = tally if tally is not None else CallTally()
        call.budget = budget
        errors: list[ProviderError] = []
        refused: set[str] = set()  # providers whose key was refused during this call
        for chain_id in plan:
            state = self._states[chain_id]
            provider = self._providers.providers.get(state.route.provider)
            if provider is None or state.route.provider in refused or not state.in_rotation:
                continue
            turn = Turn(
                chain_id, state, provider, tuple(messages), context, max_tokens, on_text, call
            )
            try:
                completion = await self._use_model(turn)
            except Truncated as cut:
                if on_text is not None:
                    await on_text(CUT_NOTE)
                return self._result(chain_id, cut.text + CUT_NOTE, call, started, truncated=True)
            except BudgetStop:
                raise AllModelsFailed(errors, "budget") from None
            except ProviderError as error:
                errors.append(error)
                if isinstance(error, AuthError):
                    refused.add(state.route.provider)
                log.info("router: %s failed (%s), moving on", chain_id, error.kind)
                continue
            return self._result(chain_id, completion.text, call, started)
        raise AllModelsFailed(errors)

    def _result(
        self, chain_id: str, text: str, call: CallTally, started: float, *, truncated: bool = False
    ) -> RoutedCompletion:
        return RoutedCompletion(
            text=text,
            model=chain_id,
            prompt_tokens=call.prompt_tokens,
            completion_tokens=call.completion_tokens,
            cost_usd=call.cost_usd,
            latency_ms=(time.perf_counter() - started) * 1000.0,
            attempts=tuple(call.tried),
            truncated=truncated,
            cached_input_tokens=call.cached_tokens,
            reasoning_tokens=call.reasoning_tokens,
        )

    async def _use_model(self, turn: Turn) -> Completion:
        """One model, with its error policy (the module docstring's table)."""
        state, waited, trimmed = turn.state, False, False
        while True:
            try:
                return await self._with_retries(turn)
            except RateLimited as error:
                wait = error.retry_after
                if not waited and wait is not None and wait <= self._llm.retry_after_max_s:
                    waited = True
                    await self._sleep(wait)
                    if state.breaker.would_allow():
                        continue
                if wait is not None:
                    state.blocked_until = self._clock() + wait
                raise
            except QuotaExceeded as error:
                if error.retry_after is not None:
                    state.blocked_until = self._clock() + error.retry_after
                raise
            except ModelUnavailable as error:
                await self._take_out(state, str(error))
                raise
            except ContextTooLong:
                shorter = None if trimmed else trim_history(turn.messages)
                if shorter is not None and state.breaker.would_allow():
                    trimmed, turn = True, replace(turn, messages=shorter)
                    continue
                raise
            except AuthError as error:
                await self._auth_refused(state.route.provider, error)
                raise
            except TierUnavailable as error:
                name = state.route.provider
                again = name not in self._runner.tier_off and state.breaker.would_allow()
                self._runner.tier_off.add(name)
                await self._alerts.tier_refused(name, self._llm.service_tier, error)
                if again:
                    continue
                raise

    def _backoff_after(self, failures: int) -> float:
        """The wait after the n-th failed try: 0.5 s * 2^(n-1), capped, then 50-100 % of it."""
        base = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2.0 ** (failures - 1))
        return base / 2 + self._rng.uniform(0.0, base / 2)

    async def _with_retries(self, turn: Turn) -> Completion:
        """`retries` more tries of a retryable failure, with backoff, while the model may."""
        state = turn.state

        def worth_retrying(error: BaseException) -> bool:
            return (
                isinstance(error, ProviderError)
                and error.retryable
                and state.in_rotation
                and state.breaker.would_allow()
            )

        # The first try runs bare (tenacity costs ~50 µs a call); retries go through tenacity.
        try:
            return await self._runner.run(turn)
        except ProviderError as error:
            if self._llm.retries < 1 or not worth_retrying(error):
                raise
        await self._sleep(self._backoff_after(1))
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._llm.retries),
            wait=lambda retry: self._backoff_after(retry.attempt_number + 1),
            retry=retry_if_exception(worth_retrying),
            sleep=self._sleep,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._runner.run(turn)
        raise AssertionError("tenacity ended without a result")  # pragma: no cover

    # --- out of the chain ----------------------------------------------------------------

    async def _take_out(self, state: ModelState, reason: str) -> None:
        if not state.in_rotation:
            return
        state.in_rotation = False
        left = [c for c, s in self._states.items() if s.in_rotation]
        await self._alerts.model_removed(state.route.chain_id, reason, left)

    async def _auth_refused(self, provider: str, error: AuthError) -> None:
        self._auth_blocked[provider] = self._clock() + self._llm.breaker_cooldown_s
        await self._alerts.auth_refused(provider, error)
