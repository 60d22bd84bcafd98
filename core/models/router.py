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
  an empty answer   (max_tokens spent on reasoning) counts as a failure "empty_answer": move on

Breakers count every failure except ContextTooLong and refused requests (the request's fault,
not the model's). One alert when a breaker opens, one when its probe closes it.

Streaming (`on_text` given): a model that fails before its first delta is replaced by the next
one unseen. Once text was shown nothing is retried: the answer ends with CUT_NOTE (also sent to
`on_text`) and `truncated=True`.

Metering: every attempt that sent a request goes to `sink.record_attempt`, failures included:
real usage when the provider reported it, an estimate for a stream cut after text, 0 otherwise.
`RoutedCompletion` tokens and cost are the totals of all attempts of the call.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from core.clock import Clock, WallClock, monotonic, utc_now
from core.config import Config
from core.insight.alerts import Alert, AlertBus, Severity
from core.insight.reports import ModelHealth
from core.models.breaker import BreakerState, CircuitBreaker, Transition
from core.models.health import HealthBook, ModelStats, adaptive_score
from core.models.providers.base import (
    ChatMessage,
    Completion,
    CompletionRequest,
    Provider,
    TextDelta,
    estimate_tokens,
)
from core.models.providers.errors import (
    AuthError,
    BreakerOpen,
    ContextTooLong,
    ModelUnavailable,
    ProviderError,
    QuotaExceeded,
    RateLimited,
)
from core.models.providers.openai_compat import InvalidRequest
from core.models.providers.registry import Providers, Route
from core.models.usage import Attempt, AttemptSink, CallContext
from core.types import TextSink

log = logging.getLogger(__name__)

CUT_NOTE = "\n\n_(My answer was cut off - please ask again.)_"
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 8.0
RATE_RESET_DEFAULT_S = 60.0  # how long low rate-limit headers count when no reset was sent
_NOT_THE_MODELS_FAULT = (ContextTooLong, InvalidRequest, BreakerOpen)


@dataclass(frozen=True)
class RoutedCompletion:
    """The answer of the model that answered, with what the whole call cost."""

    text: str
    model: str  # chain id that answered
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_ms: float
    attempts: tuple[str, ...]  # chain ids a request was sent to, in order
    truncated: bool = False  # stream broke after text was shown; text ends with CUT_NOTE


class AllModelsFailed(Exception):
    """No model answered. `kind`: "auth" if any key was refused, else the last error's kind;
    "no_models" when no model could be tried at all. `str()` is safe to log."""

    def __init__(self, errors: list[ProviderError], kind: str | None = None) -> None:
        self.errors = errors
        self.kind = kind or _telling_kind(errors)
        super().__init__(f"every model failed ({self.kind})")


def _telling_kind(errors: Sequence[ProviderError]) -> str:
    if not errors:
        return "no_models"
    if any(isinstance(e, AuthError) for e in errors):
        return "auth"
    return errors[-1].kind


class BudgetStop(ProviderError):
    """Not a provider answer: the budget cannot hold another attempt for this call."""

    kind = "budget"


class EmptyAnswer(ProviderError):
    """The model answered nothing (a reasoning model spent max_tokens thinking)."""

    kind = "empty_answer"


class _Truncated(Exception):
    """Internal: text was shown, then the stream failed."""

    def __init__(self, text: str) -> None:
        super().__init__("stream cut after text was shown")
        self.text = text


def trim_history(messages: Sequence[ChatMessage]) -> tuple[ChatMessage, ...] | None:
    """The first system message and the last user message only; None if nothing would go."""
    kept: list[ChatMessage] = []
    if messages and messages[0].role == "system":
        kept.append(messages[0])
    last_user = next((m for m in reversed(messages) if m.role == "user"), None)
    if last_user is not None:
        kept.append(last_user)
    if not kept or len(kept) >= len(messages):
        return None
    return tuple(kept)


@dataclass
class _ModelState:
    route: Route
    breaker: CircuitBreaker
    in_rotation: bool = True
    blocked_until: float | None = None  # clock time: spent quota or a long 429


@dataclass
class _Call:
    """What one `complete` call has done so far."""

    tried: list[str] = field(default_factory=list)
    gate: Callable[[], bool] | None = None  # may another attempt spend? (the budget's word)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


class Router:
    """Routes one chat completion over the model chain (see the module docstring)."""

    def __init__(
        self,
        config: Config,
        providers: Providers,
        sink: AttemptSink,
        alerts: AlertBus,
        *,
        clock: Clock = monotonic,
        wall: WallClock = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._config = config
        self._llm = config.llm
        self._providers = providers
        self._sink = sink
        self._alerts = alerts
        self._clock = clock
        self._wall = wall
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._health = HealthBook()
        self._states: dict[str, _ModelState] = {}
        for chain_id in dict.fromkeys(self._llm.models):
            self._states[chain_id] = _ModelState(
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
        self._alerted: set[str] = set()
        prices = [self._price_per_m(c) for c in self._states]
        self._max_price = max(prices, default=0.0)

    # --- start-up ------------------------------------------------------------------------

    async def start(self) -> None:
        """With `check_models_at_start`, list each provider's models once and take chain ids it
        does not list out of rotation (Alert "model_removed"). A listing failure is logged."""
        if not self._llm.check_models_at_start:
            return
        by_provider: dict[str, list[_ModelState]] = {}
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
                if not _listed(state.route.model, listed):
                    await self._take_out(state, f"{name} does not list it among its models")

    def seed(self, attempts: Sequence[Attempt]) -> None:
        """Rebuild health (success rate, latency, tokens, cost, last error) from stored usage
        rows, oldest first. Breakers start closed."""
        for attempt in attempts:
            self._health.record(attempt)

    # --- state ---------------------------------------------------------------------------

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

    def _usable(self, state: _ModelState, now: float) -> bool:
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
        tokens_low = (
            info.remaining_tokens is not None
            and info.remaining_tokens < self._llm.min_remaining_tokens
            and now < seen + (info.reset_tokens_s or RATE_RESET_DEFAULT_S)
        )
        requests_low = (
            info.remaining_requests is not None
            and info.remaining_requests < self._llm.min_remaining_requests
            and now < seen + (info.reset_requests_s or RATE_RESET_DEFAULT_S)
        )
        return tokens_low or requests_low

    def _plan(self) -> list[str]:
        now = self._clock()
        ready: list[str] = []
        later: list[str] = []
        for chain_id in self._order():
            if not self._usable(self._states[chain_id], now):
                continue
            near = self._near_limit(self._health.get(chain_id), now)
            (later if near else ready).append(chain_id)
        return ready + later

    # --- the call ------------------------------------------------------------------------

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        context: CallContext,
        *,
        max_tokens: int,
        on_text: TextSink | None = None,
        gate: Callable[[], bool] | None = None,
    ) -> RoutedCompletion:
        """Answer with the first model that can; raises AllModelsFailed when none did.

        `gate`, when given, is asked before any attempt that follows one which spent tokens
        (a reasoning model that answered nothing, a stream cut short): False stops the call
        with kind "budget", so retries and fallbacks never spend past what the budget holds."""
        started = time.perf_counter()
        plan = self._plan()
        if not plan:
            raise AllModelsFailed([], "no_models")
        call = _Call(gate=gate)
        errors: list[ProviderError] = []
        refused: set[str] = set()  # providers whose key was refused during this call
        for chain_id in plan:
            state = self._states[chain_id]
            provider = self._providers.providers.get(state.route.provider)
            if provider is None or state.route.provider in refused or not state.in_rotation:
                continue
            try:
                completion = await self._use_model(
                    chain_id, state, provider, tuple(messages), context, max_tokens, on_text, call
                )
            except _Truncated as cut:
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
        self, chain_id: str, text: str, call: _Call, started: float, *, truncated: bool = False
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
        )

    async def _use_model(
        self,
        chain_id: str,
        state: _ModelState,
        provider: Provider,
        messages: tuple[ChatMessage, ...],
        context: CallContext,
        max_tokens: int,
        on_text: TextSink | None,
        call: _Call,
    ) -> Completion:
        """One model, with its error policy (the module docstring's table)."""
        waited = trimmed = False
        while True:
            try:
                return await self._with_retries(
                    chain_id, state, provider, messages, context, max_tokens, on_text, call
                )
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
                shorter = None if trimmed else trim_history(messages)
                if shorter is not None and state.breaker.would_allow():
                    trimmed, messages = True, shorter
                    continue
                raise
            except AuthError as error:
                await self._auth_refused(state.route.provider, error)
                raise

    def _backoff_after(self, failures: int) -> float:
        """The wait after the n-th failed try: 0.5 s * 2^(n-1), capped, then 50-100 % of it."""
        base = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2.0 ** (failures - 1))
        return base / 2 + self._rng.uniform(0.0, base / 2)

    def _backoff(self, retry: RetryCallState) -> float:
        failures: int = retry.attempt_number + 1  # the first try ran before tenacity
        return self._backoff_after(failures)

    async def _with_retries(
        self,
        chain_id: str,
        state: _ModelState,
        provider: Provider,
        messages: tuple[ChatMessage, ...],
        context: CallContext,
        max_tokens: int,
        on_text: TextSink | None,
        call: _Call,
    ) -> Completion:
        def worth_retrying(error: BaseException) -> bool:
            return (
                isinstance(error, ProviderError)
                and error.retryable
                and state.in_rotation
                and state.breaker.would_allow()
            )

        # The first try runs bare (tenacity costs ~50 µs a call); retries go through tenacity.
        try:
            return await self._attempt(
                chain_id, state, provider, messages, context, max_tokens, on_text, call
            )
        except ProviderError as error:
            if self._llm.retries < 1 or not worth_retrying(error):
                raise
        await self._sleep(self._backoff_after(1))
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._llm.retries),
            wait=self._backoff,
            retry=retry_if_exception(worth_retrying),
            sleep=self._sleep,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._attempt(
                    chain_id, state, provider, messages, context, max_tokens, on_text, call
                )
        raise AssertionError("tenacity ended without a result")  # pragma: no cover

    async def _attempt(
        self,
        chain_id: str,
        state: _ModelState,
        provider: Provider,
        messages: tuple[ChatMessage, ...],
        context: CallContext,
        max_tokens: int,
        on_text: TextSink | None,
        call: _Call,
    ) -> Completion:
        """One request to one model, recorded whatever happens."""
        spent = call.prompt_tokens + call.completion_tokens
        if spent and call.gate is not None and not call.gate():
            raise BudgetStop("the budget holds no more attempts for this answer", model=chain_id)
        probe = state.breaker.state is BreakerState.HALF_OPEN
        if not state.breaker.allow():
            raise BreakerOpen(f"{chain_id}: paused after repeated failures", model=chain_id)
        if chain_id not in call.tried:
            call.tried.append(chain_id)
        request = CompletionRequest(
            model=state.route.model,
            messages=messages,
            max_tokens=max_tokens,
            temperature=self._llm.temperature,
            reasoning_effort=self._llm.reasoning_effort,
            timeout_s=self._llm.timeout_s,
        )
        at = self._wall()
        started = time.perf_counter()
        shown: list[str] = []
        try:
            if on_text is None:
                completion = await provider.complete(request)
            else:
                completion = await self._stream(provider, request, on_text, shown)
        except ProviderError as error:
            latency = (time.perf_counter() - started) * 1000.0
            counts = not isinstance(error, _NOT_THE_MODELS_FAULT)
            if shown:
                prompt = estimate_tokens([m.content for m in messages])
                done = estimate_tokens(["".join(shown)])
                await self._record(
                    chain_id, context, at, latency, prompt, done, error, True, call, counts
                )
                raise _Truncated("".join(shown)) from None
            await self._record(chain_id, context, at, latency, 0, 0, error, False, call, counts)
            raise
        except BaseException:
            if probe:
                state.breaker.release()  # cancelled: the probe was never answered
            raise
        latency = (time.perf_counter() - started) * 1000.0
        self._health.note_rate_limits(chain_id, completion.rate_limits, self._clock())
        if not completion.text.strip():
            empty = EmptyAnswer(f"{chain_id}: the answer was empty", model=chain_id)
            await self._record(
                chain_id,
                context,
                at,
                latency,
                completion.prompt_tokens,
                completion.completion_tokens,
                empty,
                completion.estimated,
                call,
                True,
            )
            raise empty
        await self._record(
            chain_id,
            context,
            at,
            latency,
            completion.prompt_tokens,
            completion.completion_tokens,
            None,
            completion.estimated,
            call,
            True,
        )
        return completion

    async def _stream(
        self,
        provider: Provider,
        request: CompletionRequest,
        on_text: TextSink,
        shown: list[str],
    ) -> Completion:
        events = provider.stream(request)
        completion: Completion | None = None
        try:
            async for event in events:
                if isinstance(event, TextDelta):
                    shown.append(event.text)
                    await on_text(event.text)
                else:
                    completion = event.completion
        finally:
            close = getattr(events, "aclose", None)
            if close is not None:
                await close()
        if completion is None:
            raise EmptyAnswer(f"{request.model}: the stream ended without usage")
        return completion

    # --- bookkeeping ---------------------------------------------------------------------

    async def _record(
        self,
        chain_id: str,
        context: CallContext,
        at: datetime,
        latency_ms: float,
        prompt_tokens: int,
        completion_tokens: int,
        error: ProviderError | None,
        estimated: bool,
        call: _Call,
        counts: bool,
    ) -> None:
        price = self._config.price(chain_id)
        cost = (prompt_tokens * price.input + completion_tokens * price.output) / 1e6
        attempt = Attempt(
            at=at,
            context=context,
            model=chain_id,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
            latency_ms=latency_ms,
            outcome="ok" if error is None else error.kind,
            estimated=estimated,
        )
        call.prompt_tokens += prompt_tokens
        call.completion_tokens += completion_tokens
        call.cost_usd += cost
        self._health.record(attempt, None if error is None else str(error))
        state = self._states[chain_id]
        if error is None:
            transition = state.breaker.record_success()
        elif counts:
            transition = state.breaker.record_failure()
        else:
            transition = None
        try:
            await self._sink.record_attempt(attempt)
        except Exception:
            log.exception("router: recording an attempt of %s failed", chain_id)
        if transition is Transition.OPENED:
            await self._breaker_alert(chain_id, state, opened=True, error=error)
        elif transition is Transition.CLOSED:
            await self._breaker_alert(chain_id, state, opened=False, error=None)

    async def _alert_once(
        self, kind: str, key: str, title: str, text: str, action: str, severity: Severity
    ) -> None:
        if key in self._alerted:
            return
        self._alerted.add(key)
        await self._alerts.publish(
            Alert(
                kind=kind,
                key=key,
                title=title,
                text=text,
                action=action,
                severity=severity,
                at=self._wall(),
            )
        )

    async def _breaker_alert(
        self, chain_id: str, state: _ModelState, *, opened: bool, error: ProviderError | None
    ) -> None:
        n = state.breaker.openings
        if opened:
            cause = f" The last error was {error.kind}." if error is not None else ""
            await self._alert_once(
                "breaker_open",
                f"breaker_open:{chain_id}:{n}",
                f"{chain_id} keeps failing: paused",
                f"No requests go to {chain_id} for {self._llm.breaker_cooldown_s:g} s, then one "
                f"probe checks whether it recovered; other models answer meanwhile.{cause}",
                "Nothing to do if it recovers. If it stays paused, check status.groq.com and "
                "/twin-health (or `twin health`).",
                "warning",
            )
        elif f"breaker_open:{chain_id}:{n}" in self._alerted:
            await self._alert_once(
                "breaker_closed",
                f"breaker_closed:{chain_id}:{n}",
                f"{chain_id} recovered",
                f"A probe request to {chain_id} succeeded; it is back in the chain.",
                "Nothing to do.",
                "info",
            )

    async def _take_out(self, state: _ModelState, reason: str) -> None:
        chain_id = state.route.chain_id
        if not state.in_rotation:
            return
        state.in_rotation = False
        left = [c for c, s in self._states.items() if s.in_rotation]
        await self._alert_once(
            "model_removed",
            f"model_removed:{chain_id}",
            f"{chain_id} was taken out of the model chain",
            f"{reason}. "
            + (f"Still in the chain: {', '.join(left)}." if left else "")
            + ("" if left else "No model is left: answers come from the profile alone."),
            "Replace it in [llm] models of config.toml with a current model id (Groq lists "
            "them at GET /openai/v1/models and on console.groq.com/docs/models), then restart.",
            "warning" if left else "critical",
        )

    async def _auth_refused(self, provider: str, error: AuthError) -> None:
        self._auth_blocked[provider] = self._clock() + self._llm.breaker_cooldown_s
        variable = "GROQ_API_KEY"
        section = self._config.providers.get(provider)
        if section is not None:
            variable = section.api_key_env or f"the key of [providers.{provider}]"
        await self._alert_once(
            "auth",
            f"auth:{provider}",
            f"The {provider} API key was refused",
            f"{provider} answered HTTP {error.status or '401/403'}: the key is wrong, revoked or "
            "lacks access. Its models are skipped; other providers answer if configured.",
            f"Check {variable} in the bot's environment and restart.",
            "critical",
        )


def _listed(model: str, listed: set[str]) -> bool:
    """Whether a provider's listing holds a model (Ollama adds ':latest' to untagged names)."""
    return model in listed or f"{model}:latest" in listed or model.removesuffix(":latest") in listed


__all__ = [
    "CUT_NOTE",
    "AllModelsFailed",
    "BreakerState",
    "BudgetStop",
    "EmptyAnswer",
    "RoutedCompletion",
    "Router",
    "trim_history",
]
