"""Grounding one answer from start to end: the gate the model's text streams through, then at
the end what becomes of held sentences (core.grounding.policy): dropped with the owner's line,
or one correction call to the same model when the budget holds it (metered like any call:
reserved, recorded by the router, settled)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from core.grounding.check import Checker, Verdict
from core.grounding.policy import CORRECT, correction_messages, held_terms
from core.grounding.rates import GroundingRates, with_rates
from core.grounding.sentences import split
from core.grounding.stream import GroundedStream
from core.insight.reports import ModelHealth
from core.models.outcomes import AllModelsFailed, RoutedCompletion
from core.models.providers.base import ChatMessage, estimate_tokens
from core.models.usage import CallContext
from core.store.grounding_records import GroundingRow
from core.store.records import StoreUnavailable
from core.types import Refusal, TextSink

if TYPE_CHECKING:
    from core.clock import WallClock
    from core.config import Config
    from core.insight.alerts import AlertBus
    from core.limits.guard import Guard
    from core.limits.session import BudgetSession
    from core.models.router import Router
    from core.store.base import Store

log = logging.getLogger(__name__)

RATE_DAYS = 7  # invented claims per 100 answers are counted over this many days


@dataclass(frozen=True)
class Grounded:
    """An answer after its check: the text as finally shown and what was held back."""

    text: str
    held: tuple[Verdict, ...]  # sentences of the model's answer held back
    claims: int  # claims checked
    correction: RoutedCompletion | None = None  # the correction call, when one was made

    @property
    def invented(self) -> int:
        """Claims held back (each unsupported claim of each held sentence)."""
        return sum(len(v.unsupported) for v in self.held)

    @property
    def terms(self) -> tuple[str, ...]:
        """The claims held back, each once."""
        return held_terms(self.held)

    def totals(self, routed: RoutedCompletion) -> tuple[int, int, float]:
        """Prompt tokens, completion tokens and USD of the answer and its correction."""
        fix = self.correction
        if fix is None:
            return routed.prompt_tokens, routed.completion_tokens, routed.cost_usd
        return (
            routed.prompt_tokens + fix.prompt_tokens,
            routed.completion_tokens + fix.completion_tokens,
            routed.cost_usd + fix.cost_usd,
        )


class AnswerGrounding:
    """Builds each answer's gate, finishes it, and counts what it held back per model."""

    def __init__(
        self,
        config: Config,
        guard: Guard,
        router: Router,
        store: Store,
        alerts: AlertBus,
        wall: WallClock,
    ) -> None:
        self._config = config
        self._guard = guard
        self._router = router
        self._store = store
        self._wall = wall
        settings = config.grounding
        self.rates = GroundingRates(
            alerts, wall, settings.alert_per_100, settings.alert_min_answers, store.claim_alert
        )

    def gate(
        self, messages: Sequence[ChatMessage], owner_name: str, sink: TextSink | None
    ) -> GroundedStream | None:
        """The gate for one answer, checking against every message the model is given (None
        when `[grounding] enabled = false`)."""
        if not self._config.grounding.enabled:
            return None
        return GroundedStream(Checker([m.content for m in messages], owner_name), sink)

    async def record(self, request_id: str, model: str, grounded: Grounded, keep: bool) -> None:
        """Count a checked answer's invented claims for its model: adaptive routing (each like
        a failed attempt), the threshold alert, and the store's record (which claims only when
        the member's text is `keep`-able)."""
        if not self._config.grounding.enabled:
            return
        self._router.note_invented(model, grounded.invented)
        await self.rates.record(model, grounded.invented)
        terms = grounded.terms if keep else ()
        row = GroundingRow(
            request_id, self._wall(), model, grounded.claims, grounded.invented, terms
        )
        await self._store.record_grounding(row)

    async def onto(self, models: Sequence[ModelHealth]) -> tuple[ModelHealth, ...]:
        """Each model's health with its invented claims per 100 answers over RATE_DAYS, from the
        store (every instance); this process's counts when the store cannot be read."""
        try:
            rates = await self._store.grounding_rates(self._wall() - timedelta(days=RATE_DAYS))
        except StoreUnavailable:
            return self.rates.onto(models)
        return with_rates(models, {r.model: (r.answers, r.held) for r in rates})

    async def finish(
        self,
        gate: GroundedStream | None,
        routed: RoutedCompletion,
        messages: Sequence[ChatMessage],
        context: CallContext,
        budget: BudgetSession,
        max_tokens: int,
    ) -> Grounded:
        """Check what is left of the answer (all of it when it was not streamed through the
        gate) and settle the held sentences."""
        if gate is None:
            return Grounded(routed.text.strip(), (), 0)
        if gate.sink is None:
            await gate.feed(routed.text)
        await gate.finish()
        held = tuple(gate.held)
        if not held:
            return Grounded(routed.text.strip(), (), gate.claims)
        fixed = None
        if self._config.grounding.on_held == CORRECT and not routed.truncated:
            fixed = await self._correct(routed, messages, context, budget, max_tokens, held)
            if fixed is not None:
                seen = {s.strip() for s in gate.released}
                shown = len(gate.released)
                for sentence in split(fixed.text.strip()):
                    if sentence.strip() and sentence.strip() not in seen:
                        await gate.feed(sentence if sentence[-1:].isspace() else sentence + " ")
                await gate.finish()
                if len(gate.held) == len(held) and len(gate.released) > shown:
                    return Grounded(gate.shown.strip(), held, gate.claims, fixed)
        await gate.say(self._config.grounding.line.strip())
        return Grounded(gate.shown.strip(), held, gate.claims, fixed)

    async def _correct(
        self,
        routed: RoutedCompletion,
        messages: Sequence[ChatMessage],
        context: CallContext,
        budget: BudgetSession,
        max_tokens: int,
        held: tuple[Verdict, ...],
    ) -> RoutedCompletion | None:
        """One call to the model that answered; None when the budget cannot hold it or the
        call fails (the caller drops the held sentences instead)."""
        asked = correction_messages(messages, routed.text, held)
        prompt = estimate_tokens([m.content for m in asked])
        booked = await budget.reserve_for(prompt, max_tokens, [self._config.price(routed.model)])
        if isinstance(booked, Refusal):
            log.info("request %s: no budget for a grounding correction", context.request_id)
            return None
        try:
            fixed = await self._router.complete(
                asked,
                replace(context, reservation=booked.id),
                max_tokens=booked.max_tokens or max_tokens,
                only=routed.model,
                budget=budget.call(booked),
            )
        except AllModelsFailed as failure:
            log.info("request %s: grounding correction failed (%s)", context.request_id, failure)
            await budget.release(booked)
            return None
        await budget.release(booked)
        return fixed
