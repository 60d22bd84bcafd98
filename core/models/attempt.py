"""One request to one model: the breaker's permission, the request itself (plain or streamed),
and its metering. The chain policy around it (which model, retries, failover, and what a stream
cut after text becomes) is core.models.router; an attempt cut after text raises `Truncated`.

Metering: every attempt that sent a request is metered, failures included. Its usage row goes
through the call's budget (`CallBudget`: a reservation of the question's budget session,
`core.limits.session`), then the observers (live health, metrics) are told of it. A failed
attempt's row is written before the next attempt is made; the answering attempt's row is started
at once (queued first) and goes out with the caller's own writes, one wait instead of two: the
reservation's release waits for it. A call without a budget (tests, benches) writes no row;
every call the twin makes has one.

The row holds real usage when the provider reported it (with its cached prompt tokens and
reasoning tokens), an estimate for a stream cut after text (or cancelled after text: the member
pressed stop, outcome "stopped"), 0 otherwise. An estimate counts no prompt token as cached, so
its cost errs high. Cost is `Price.cost`. The totals of all attempts of a call add up in its
`CallTally` (the `RoutedCompletion` tokens and cost). Each attempt also feeds the model's health
and its breaker (which counts what the router's docstring says).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from core.clock import Clock, WallClock
from core.config import Config
from core.models.breaker import BreakerState, CircuitBreaker, Transition
from core.models.health import HealthBook
from core.models.outcomes import BudgetStop, EmptyAnswer
from core.models.providers.base import (
    ChatMessage,
    Completion,
    CompletionRequest,
    Provider,
    TextDelta,
    UsageCounts,
    estimate_tokens,
)
from core.models.providers.errors import (
    BreakerOpen,
    ContextTooLong,
    ProviderError,
    TierUnavailable,
)
from core.models.providers.openai_compat import InvalidRequest
from core.models.providers.registry import Route
from core.models.usage import Attempt, AttemptSink, CallContext
from core.types import TextSink

log = logging.getLogger(__name__)

_NOT_THE_MODELS_FAULT = (ContextTooLong, InvalidRequest, BreakerOpen, TierUnavailable)
_NONE = UsageCounts(0, 0)
STOPPED = "stopped"  # outcome of an attempt cancelled once sent


@dataclass
class ModelState:
    """What the router knows of one chain model besides its health."""

    route: Route
    breaker: CircuitBreaker
    in_rotation: bool = True
    blocked_until: float | None = None  # clock time: spent quota or a long 429


class CallBudget(Protocol):
    """One reservation of a question's budget session, as the router sees it
    (`core.limits.session.BookedCall`): it tops up and writes the call's usage rows."""

    async def top_up(self) -> bool:
        """Hold the call's worst case again before a further attempt; False: stop."""
        ...

    async def record(self, attempt: Attempt) -> None:
        """Write `attempt`'s usage row before anything else is tried."""
        ...

    def answered(self, attempt: Attempt) -> None:
        """Start writing the answering attempt's usage row; the reservation's release waits."""
        ...


@dataclass
class CallTally:
    """What one `Router.complete` call has done so far."""

    tried: list[str] = field(default_factory=list)
    budget: CallBudget | None = None  # may another attempt spend? writes the usage rows
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cached_tokens: int = 0
    reasoning_tokens: int = 0


@dataclass(frozen=True)
class Turn:
    """One model's turn in a call: what each of its attempts sends, and where it is counted."""

    chain_id: str
    state: ModelState
    provider: Provider
    messages: tuple[ChatMessage, ...]
    context: CallContext
    max_tokens: int
    on_text: TextSink | None
    call: CallTally

    def estimate(self, shown: Sequence[str]) -> UsageCounts:
        """The usage of an attempt cut after `shown` text: the prompt, and what was shown."""
        prompt = estimate_tokens([m.content for m in self.messages])
        return UsageCounts(prompt, estimate_tokens(["".join(shown)]) if shown else 0)


class Truncated(Exception):
    """Text was shown, then the stream failed: the attempt's answer is `text`, cut short."""

    def __init__(self, text: str) -> None:
        super().__init__("stream cut after text was shown")
        self.text = text


# Told of a breaker that opened or closed: (chain id, its state, the transition, the error).
OnTransition = Callable[[str, ModelState, Transition, ProviderError | None], Awaitable[None]]


class AttemptRunner:
    """Sends single attempts and meters them (see the module docstring); owned by a Router."""

    def __init__(
        self,
        config: Config,
        health: HealthBook,
        observers: Sequence[AttemptSink],
        on_transition: OnTransition,
        *,
        clock: Clock,
        wall: WallClock,
    ) -> None:
        self._config = config
        self._llm = config.llm
        self._health = health
        self._observers = tuple(observers)
        self._on_transition = on_transition
        self._clock = clock
        self._wall = wall
        self.tier_off: set[str] = set()  # providers that refused `[llm] service_tier`

    async def run(self, turn: Turn) -> Completion:
        """One request to one model, recorded whatever happens."""
        chain_id, state, call = turn.chain_id, turn.state, turn.call
        spent = call.prompt_tokens + call.completion_tokens
        if spent and call.budget is not None and not await call.budget.top_up():
            raise BudgetStop("the budget holds no more attempts for this answer", model=chain_id)
        probe = state.breaker.state is BreakerState.HALF_OPEN
        if not state.breaker.allow():
            raise BreakerOpen(f"{chain_id}: paused after repeated failures", model=chain_id)
        if chain_id not in call.tried:
            call.tried.append(chain_id)
        request = CompletionRequest(
            model=state.route.model,
            messages=turn.messages,
            max_tokens=turn.max_tokens,
            temperature=self._llm.temperature,
            reasoning_effort=self._llm.reasoning_effort,
            timeout_s=self._llm.timeout_s,
            service_tier=(
                None if state.route.provider in self.tier_off else self._llm.service_tier or None
            ),
        )
        at = self._wall()
        started = time.perf_counter()
        shown: list[str] = []
        try:
            if turn.on_text is None:
                completion = await turn.provider.complete(request)
            else:
                completion = await self._stream(turn.provider, request, turn.on_text, shown)
        except ProviderError as error:
            latency = (time.perf_counter() - started) * 1000.0
            counts = not isinstance(error, _NOT_THE_MODELS_FAULT)
            usage = turn.estimate(shown) if shown else _NONE
            await self._record(turn, at, latency, usage, error, bool(shown), counts)
            if shown:
                raise Truncated("".join(shown)) from None
            raise
        except asyncio.CancelledError:
            if probe:
                state.breaker.release()  # cancelled: the probe was never answered
            # stopped (the member, or a stopping process) once the request was sent: the model
            # read the prompt, so it is metered like a cut stream, with what was shown if any;
            # neither health nor breaker counts it, and a second cancel must not lose its row
            latency = (time.perf_counter() - started) * 1000.0
            stopped = self._meter(turn, at, latency, turn.estimate(shown), STOPPED, True)
            await asyncio.shield(self._deliver(call, stopped))
            raise
        except BaseException:
            if probe:
                state.breaker.release()  # cancelled: the probe was never answered
            raise
        latency = (time.perf_counter() - started) * 1000.0
        self._health.note_rate_limits(chain_id, completion.rate_limits, self._clock())
        empty = None
        if not completion.text.strip():
            empty = EmptyAnswer(f"{chain_id}: the answer was empty", model=chain_id)
        usage = UsageCounts(
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.cached_tokens,
            completion.reasoning_tokens,
        )
        await self._record(turn, at, latency, usage, empty, completion.estimated, True)
        if empty is not None:
            raise empty
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

    def _meter(
        self,
        turn: Turn,
        at: datetime,
        latency_ms: float,
        usage: UsageCounts,
        outcome: str,
        estimated: bool,
    ) -> Attempt:
        """The attempt's usage row, priced, and its usage added to the call's tally."""
        price = self._config.price(turn.chain_id)
        cost = price.cost(usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens)
        call = turn.call
        call.prompt_tokens += usage.prompt_tokens
        call.completion_tokens += usage.completion_tokens
        call.cost_usd += cost
        call.cached_tokens += usage.cached_tokens
        call.reasoning_tokens += usage.reasoning_tokens
        return Attempt(
            at=at,
            context=turn.context,
            model=turn.chain_id,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            cost_usd=cost,
            latency_ms=latency_ms,
            outcome=outcome,
            estimated=estimated,
            cached_input_tokens=usage.cached_tokens,
            reasoning_tokens=usage.reasoning_tokens,
            cache_saved_usd=price.saved(usage.cached_tokens),
        )

    async def _record(
        self,
        turn: Turn,
        at: datetime,
        latency_ms: float,
        usage: UsageCounts,
        error: ProviderError | None,
        estimated: bool,
        counts: bool,
    ) -> None:
        """Meter an attempt, then feed the model's health and (when `counts`) its breaker."""
        outcome = "ok" if error is None else error.kind
        attempt = self._meter(turn, at, latency_ms, usage, outcome, estimated)
        self._health.record(attempt, None if error is None else str(error))
        breaker = turn.state.breaker
        if error is None:
            transition = breaker.record_success()
        else:
            transition = breaker.record_failure() if counts else None
        await self._deliver(turn.call, attempt, answering=error is None)
        if transition is not None:
            await self._on_transition(turn.chain_id, turn.state, transition, error)

    async def _deliver(self, call: CallTally, attempt: Attempt, *, answering: bool = False) -> None:
        """The usage row through the call's budget first (the answer's started, the others
        written), then each observer."""
        if call.budget is not None:
            if answering:
                call.budget.answered(attempt)
            else:
                await call.budget.record(attempt)
        for observer in self._observers:
            try:
                await observer.record_attempt(attempt)
            except Exception:
                log.exception("router: an observer failed on an attempt of %s", attempt.model)
