"""The twin: one question in, one answer out, through persona, guard, cache, router and store."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, replace

from core.clock import WallClock
from core.config import Config
from core.events import AcceptedEvents
from core.grounding.answering import AnswerGrounding
from core.insight.alerts import AlertBus
from core.insight.failure_watch import FailureWatch
from core.insight.feedback import Feedback, FeedbackBook
from core.insight.history import History
from core.insight.metrics import Metrics
from core.insight.reports import GapsReport, HealthReport, StepState, UsageReport
from core.insight.usage_report import build_usage_report
from core.limits.guard import BudgetSession, Guard, Reservation
from core.limits.messages import STORAGE_NOTE
from core.limits.step_down import StepDown
from core.live import owner_loop
from core.models.attempt import STOPPED, CallTally
from core.models.health_sync import HealthSync
from core.models.outcomes import AllModelsFailed
from core.models.providers.base import ChatMessage, estimate_tokens
from core.models.providers.registry import Providers
from core.models.router import Router
from core.models.usage import CallContext
from core.owner.gaps import gaps_report
from core.persona.answer_cache import AnswerCache
from core.persona.attacks.injection import declines_attempt, is_injection
from core.persona.memory import ConversationMemory
from core.persona.profiles.profile import Profile
from core.persona.prompt import (
    Turn,
    build_messages,
    degraded_reply,
    is_no_answer,
    is_small_talk,
    retrieval_query,
)
from core.persona.questions.twin_nature import about_the_twin
from core.persona.search.recall import recall
from core.persona.search.retrieval import Hit, Retriever
from core.persona.viewing import ViewingContexts
from core.privacy.privacy_guard import PrivacyGuard
from core.question_log import QuestionLog, ms_since
from core.store.base import Store
from core.store.records import CachedAnswer, StoreUnavailable
from core.types import Answer, Question, Refusal, RefusalKind, TextSink

log = logging.getLogger(__name__)

EMPTY_PROMPT = "Hi! Ask me anything about my work, projects, skills or studies."
ATTACHMENTS_ONLY = (
    "I can only read text, not attachments - tell me in words what you'd like to know."
)
CUT_NOTE = "(Your message was long, so I read its first {n:,} characters.)\n\n"


@dataclass(frozen=True)
class TwinParts:
    """Everything the twin is made of, built by `core.factory.build_twin`."""

    config: Config
    profile: Profile  # as read at start-up: the twin answers from its live persona (`Twin.persona`)
    retriever: Retriever  # over the start-up profile, likewise
    store: Store
    guard: Guard
    router: Router
    providers: Providers
    cache: AnswerCache
    memory: ConversationMemory
    alerts: AlertBus
    metrics: Metrics
    failures: FailureWatch
    health: HealthSync
    wall: WallClock
    notes: tuple[str, ...] = ()  # what is missing, e.g. "GROQ_API_KEY is not set"
    step_down: StepDown | None = None  # the budget's step-down ([budget] step_down)


class Twin:
    """Answers questions as the profile's owner. Build it with `core.factory.build_twin`."""

    def __init__(self, parts: TwinParts) -> None:
        self._p = parts
        self.config = parts.config
        self.alerts = parts.alerts
        self.notes = parts.notes
        self.feedback = FeedbackBook(parts.store, parts.wall)  # subscribe() to hear votes
        self.viewing = ViewingContexts(parts.store, parts.wall)  # untrusted: never in a prompt
        self._closed = False
        # platform events: dedupe, the inbox of accepted questions, what dead instances left
        self.events = AcceptedEvents(parts.store, parts.guard, parts.config.instances, parts.wall)
        self.persona, self.owner, self.live, self.answers = owner_loop(
            parts.config, parts.profile, parts.retriever, parts.store, parts.cache, parts.wall
        )
        self.feedback.subscribe(self.owner.on_feedback)  # a thumbs-down becomes an owner card
        kept = parts.config.privacy
        self.live.beats.append(parts.guard.keep_alive)  # its reservations stay its own
        self.privacy = PrivacyGuard(
            parts.store,
            parts.memory,
            parts.cache,
            parts.wall,
            days=kept.retention_days,
            every_s=kept.purge_every_s,
            store_dm_text=kept.store_dm_text,
        )
        self.privacy.also_decline(self.owner.declined)  # the owner desk's Keep private topics
        self.questions = QuestionLog(
            parts.store, parts.metrics, parts.failures, parts.wall, self.privacy.keeps
        )
        self._history: History | None = None
        self.grounding = AnswerGrounding(  # every answer checked against its prompt
            parts.config, parts.guard, parts.router, parts.store, parts.alerts, parts.wall
        )

    @property
    def profile(self) -> Profile:
        """The profile answering now (the live one: edits on disk are picked up)."""
        return self.persona.profile

    # --- answering ---------------------------------------------------------------------

    async def answer(self, question: Question, on_text: TextSink | None = None) -> Answer:
        """Answer one question. Never raises for anything a user can cause or see."""
        request_id = uuid.uuid4().hex[:16]  # also the answer's id (feedback refers to it)
        started = time.perf_counter()
        try:
            return await self._answer(question, request_id, started, on_text)
        except StoreUnavailable as down:  # a read failed before any model call: say so
            return await self._storage_down(question, request_id, down, ms_since(started))
        except Exception:
            log.exception("error id %s: unexpected failure answering a question", request_id)
            text = (
                f"Sorry, something went wrong on my side (error id {request_id}). "
                "Please try again in a moment."
            )
            await self.questions.record_safely(question, request_id, "failed", started)
            return Answer(text=text, request_id=request_id, error="internal")

    async def _answer(
        self, question: Question, request_id: str, started: float, on_text: TextSink | None
    ) -> Answer:
        p = self._p
        text = question.text.strip()
        if not text:
            message = ATTACHMENTS_ONLY if question.attachments else EMPTY_PROMPT
            await self.questions.record(question, request_id, "empty", started)
            empty = Refusal(RefusalKind.EMPTY, message)
            return Answer(text=message, request_id=request_id, refusal=empty)

        prefix = ""
        limit = p.config.persona.max_question_chars
        if len(text) > limit:
            text = text[:limit]
            prefix = CUT_NOTE.format(n=limit)

        if (declined := await self.privacy.screen(text)) is not None:  # private: no model call
            await self.questions.record(question, request_id, "declined_private", started)
            return Answer(text=declined.message, request_id=request_id, refusal=declined)

        history = await p.memory.last(question.conversation)
        turns = [Turn("user" if t.role == "user" else "assistant", t.text) for t in history]
        query = retrieval_query(text, turns)
        persona = self.persona  # one profile for the whole answer, whatever reloads meanwhile
        k = p.config.persona.context_chunks
        hits = recall(persona.profile, persona.retriever, text, query, k=k)
        if is_injection(text):  # answered as any question; counted, never an owner card
            p.metrics.observe_injection()
        asked = _Asked(question, request_id, started, text, hits, prefix)

        # What the answer will be is decided first, with nothing written; then the rate windows
        # count the question (with the model call's reservation in the same trip to the store).
        async with p.guard.session(question) as budget:  # released on every way out
            cached = None if history else await p.cache.get(text)
            if cached is not None:
                if (refusal := await budget.admit()) is None:
                    return await self._from_cache(asked, cached, persona.profile)
                return await self._rate_limited(question, request_id, started, refusal)

            stepper = p.step_down  # the budget bends: a cheaper model, short answers, the profile
            degrade, error, stepped = False, None, asked  # `stepped`: labelled with the step
            if stepper is not None and (await stepper.refresh()).step:
                stepped = replace(asked, label=stepper.label + "\n\n")
                degrade, error = stepper.profile_only, "budget_step"
            if not degrade and not p.router.available():
                # No provider has a key (a setup choice), or every model is down (a failure).
                degrade, error = True, "models_unavailable" if p.providers.providers else None
            if degrade:
                if (refusal := await budget.admit()) is not None:
                    return await self._rate_limited(question, request_id, started, refusal)
                # the step's label only when the step produced this answer (profile only)
                return await self._degraded(
                    stepped if error == "budget_step" else asked, error=error
                )

            messages = build_messages(
                persona.profile, hits, turns, text, no_answer=p.config.persona.no_answer
            )
            prompt_tokens = estimate_tokens([m.content for m in messages])
            prices = [p.config.price(m) for m in p.config.llm.models]
            # the question's admission joins the reservation's trip to the store (and wins)
            booked = await budget.reserve_for(prompt_tokens, self._max_tokens(), prices, admit=True)
            if isinstance(booked, Refusal):
                if booked.kind in (RefusalKind.BUDGET, RefusalKind.STORAGE):
                    return await self._degraded(asked, reason=booked)
                return await self._rate_limited(question, request_id, started, booked)
            return await self._call_model(
                stepped,  # a model answers: the step's label (a lighter model, short answers) holds
                messages,
                budget,
                booked,
                not history,
                on_text,
            )

    async def _rate_limited(
        self, question: Question, request_id: str, started: float, refusal: Refusal
    ) -> Answer:
        await self.questions.record(question, request_id, "rate_limited", started)
        return Answer(text=refusal.message, request_id=request_id, refusal=refusal)

    async def _from_cache(self, asked: _Asked, cached: CachedAnswer, profile: Profile) -> Answer:
        question, request_id, started, text, hits, prefix = asked.parts()
        await asyncio.gather(
            self._remember(question, text, cached.answer),
            self.answers.record(question, request_id, hits, cached.model, profile),
            self.questions.record(
                question,
                request_id,
                "cached",
                started,
                model=cached.model,
                saved_usd=cached.cost_usd,
                texts=(text, cached.answer),
            ),
        )
        return Answer(
            text=prefix + cached.answer,
            request_id=request_id,
            model=cached.model,
            cached=True,
            latency_ms=ms_since(started),
            sources=_titles(hits),
        )

    async def _call_model(
        self,
        asked: _Asked,
        messages: Sequence[ChatMessage],
        budget: BudgetSession,
        booked: Reservation,
        cacheable: bool,
        on_text: TextSink | None,
    ) -> Answer:
        p = self._p
        question, request_id, started, text, hits, prefix = asked.parts()
        context = CallContext(
            request_id=request_id,
            platform=question.platform,
            user_id=question.user_id,
            channel_id=question.channel_id,
            reservation=booked.id,
        )
        sink = on_text if p.config.llm.stream else None
        if sink is not None and prefix:  # shown with the model's first words, not before:
            sink = _first_with(prefix, sink)  # a call that fails shows no "a model answers" label
        gate = self.grounding.gate(messages, self.profile.name, sink)  # None when turned off
        sink = gate.feed if gate is not None and sink is not None else sink
        tally = CallTally()  # what the call spent, also when it is cancelled
        try:
            routed = await p.router.complete(
                messages,
                context,
                max_tokens=booked.max_tokens or self._max_tokens(),
                on_text=sink,
                budget=budget.call(booked),  # its usage rows: the release below waits for them
                cheapest_first=p.step_down is not None and p.step_down.cheapest_first,
                tally=tally,
            )
        except AllModelsFailed as failure:
            await budget.release(booked)
            log.warning("request %s: every model failed (%s)", request_id, failure.kind)
            # no model answered: not the step's label ("a lighter model is answering")
            return await self._degraded(replace(asked, label=""), error=failure.kind)
        except asyncio.CancelledError:
            await budget.release(booked)
            await self._stopped(asked, tally)
            raise

        reply = routed.text.strip()
        if not reply:
            await budget.release(booked)
            return await self._degraded(asked, error="empty_answer")
        try:  # held sentences settled: dropped with a line, or one correction call
            grounded = await self.grounding.finish(
                gate, routed, messages, context, budget, booked.max_tokens or self._max_tokens()
            )
        except BaseException:
            await budget.release(booked)
            raise
        reply, held = grounded.text, grounded.held
        # The model saw the facts and is the better judge of whether they cover the question.
        gap = (
            is_no_answer(reply, p.config.persona.no_answer)
            and not is_injection(text)
            and not about_the_twin(text)  # "what AI are you?" is not the owner's to add
        )
        if gap and declines_attempt(reply):  # an attempt the patterns missed, declined
            gap = False
            p.metrics.observe_injection()
        prompt_tokens, completion_tokens, cost_usd = grounded.totals(routed)
        tokens = prompt_tokens + completion_tokens
        # Independent writes go out together, the usage row first: one wait instead of one per
        # write. The answer is returned (and shown) only once all of them are written.
        writes = [
            budget.release(booked),
            self._remember(question, text, reply),
            self.questions.record(
                question,
                request_id,
                "answered",
                started,
                model=routed.model,
                tokens=tokens,
                cost_usd=cost_usd,
                texts=(text, reply),
            ),
        ]
        keeps = self.privacy.keeps(question)
        writes.append(self.grounding.record(request_id, routed.model, grounded, keeps))
        if held and self.privacy.keeps(question):  # the owner may add it if it is true
            writes.append(self.owner.file_held_claims(question, request_id, text, held))
        if gap and self.privacy.keeps(question):
            writes.append(self.owner.file_question(question, request_id, text, by_model=True))
        elif not gap:
            writes.append(self.answers.record(question, request_id, hits, routed.model))
            # Only an answer shown as the model wrote it is cached: nothing held back is kept.
            clean = not routed.truncated and not held
            if cacheable and clean and self.privacy.keeps(question):
                writes.append(p.cache.put(text, reply, routed.model, tokens, cost_usd))
        await write_all(writes, request_id)
        return Answer(
            text=prefix + reply,
            request_id=request_id,
            model=routed.model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost_usd,
            latency_ms=ms_since(started),
            truncated=routed.truncated,
            gap=gap,
            attempts=routed.attempts,
            cached_input_tokens=routed.cached_input_tokens,
            reasoning_tokens=routed.reasoning_tokens,
            sources=_titles(hits),
            held_claims=grounded.terms,
        )

    async def _stopped(self, asked: _Asked, tally: CallTally) -> None:
        """The answer was cancelled while a model answered (the member pressed stop, or the
        process is shutting down): the question's row, outcome "stopped", with what the call
        spent (the stopped attempt is metered by the router). Shielded: a second cancel does
        not lose it; a store that cannot write costs only the row."""
        question, request_id, started, text, _, _ = asked.parts()
        record = self.questions.record(
            question,
            request_id,
            STOPPED,
            started,
            model=tally.tried[-1] if tally.tried else None,
            tokens=tally.prompt_tokens + tally.completion_tokens,
            cost_usd=tally.cost_usd,
            texts=(text, ""),  # what was shown is not an answer the owner stands by
        )
        try:
            await asyncio.shield(record)
        except StoreUnavailable as down:
            log.warning("request %s: the stopped question not recorded: %s", request_id, down.cause)
        except Exception:
            log.exception("request %s: recording the stopped question failed", request_id)

    async def _degraded(
        self, asked: _Asked, *, reason: Refusal | None = None, error: str | None = None
    ) -> Answer:
        p = self._p
        question, request_id, started, text, hits, prefix = asked.parts()
        chat = is_small_talk(text)
        no_answer = p.config.persona.no_answer
        reply = degraded_reply(self.profile, hits, no_answer, question=text, small_talk=chat)
        body = reply.text
        if reason is not None:
            body = f"{reason.message}\n\n{body}"
        gap = not reply.quoted and not chat and not is_injection(text) and not about_the_twin(text)
        writes = [
            self._remember(question, text, body),
            self.questions.record(
                question,
                request_id,
                "degraded",
                started,
                failed=error not in (None, "budget", "budget_step"),
                texts=(text, body),
            ),
        ]
        if gap and self.privacy.keeps(question):
            writes.append(self.owner.file_question(question, request_id, text))
        await write_all(writes, request_id)
        return Answer(
            text=prefix + body,
            request_id=request_id,
            degraded=True,
            latency_ms=ms_since(started),
            refusal=reason,
            error=error,
            gap=gap,
            sources=reply.sources,
        )

    async def _storage_down(
        self, question: Question, request_id: str, down: StoreUnavailable, ms: float
    ) -> Answer:
        """A degraded answer from the live profile with the storage note, after telling the
        guard (one alert per outage, whoever finds it: on PostgreSQL a read can be the first to
        meet the outage). Nothing is written: the store is down."""
        await self._p.guard.store_failed(down.cause)
        log.warning("request %s: answering without the store: %s", request_id, down.cause)
        settings, persona = self._p.config.persona, self.persona  # live: the owner's edits count
        hits = persona.retriever.search(question.text, k=settings.context_chunks)
        reply = degraded_reply(persona.profile, hits, settings.no_answer, question=question.text)
        return Answer(
            text=f"{STORAGE_NOTE}\n\n{reply.text}",
            request_id=request_id,
            degraded=True,
            latency_ms=ms,
            refusal=Refusal(RefusalKind.STORAGE, STORAGE_NOTE),
            error="storage",
            sources=reply.sources,
        )

    def _max_tokens(self) -> int:
        configured = self._p.config.llm.max_tokens
        stepper = self._p.step_down
        return configured if stepper is None else stepper.max_tokens(configured)

    async def _remember(self, question: Question, text: str, reply: str) -> None:
        await self.privacy.remember(question, text, reply)  # as the member's, where allowed

    # --- reports -----------------------------------------------------------------------

    async def usage_report(self) -> UsageReport:
        p = self._p
        await p.guard.refresh()
        return await build_usage_report(
            p.store, p.config, p.guard.status(), p.router.health(), p.wall(), self.budget_step()
        )

    def budget_step(self) -> StepState | None:
        """The budget's step-down now (step, reason, since); None when `[budget] step_down` is
        off. What /twin-usage and the dashboard show."""
        return None if self._p.step_down is None else self._p.step_down.state

    async def health_report(self) -> HealthReport:
        p = self._p
        return HealthReport(
            generated_at=p.wall(),
            routing=p.config.llm.routing,
            llm_available=p.router.available(),
            models=await self.grounding.onto(await p.health.merged(p.router.health())),
            notes=self.notes,
        )

    async def gaps_report(self, limit: int = 20) -> GapsReport:
        return await gaps_report(self._p.store, self._p.wall(), limit, self.privacy.public)

    @property
    def history(self) -> History:
        """Read-only history over the shared store (the dashboard's data)."""
        if self._history is None:
            self._history = History(self._p.store, self._p.config, self._p.wall)
        return self._history

    def metrics_text(self) -> str:
        """Prometheus exposition text of the counters, breakers and budget."""
        p = self._p
        return p.metrics.render(p.router.health(), p.guard.status(), self.budget_step())

    async def record_feedback(
        self, platform: str, answer_id: str, user_id: str, helpful: bool
    ) -> Feedback:
        """A member's vote on an answer (the last click wins); listeners of `self.feedback`
        hear it after it is stored."""
        return await self.feedback.record(platform, answer_id, user_id, helpful)

    async def mark_event_seen(self, key: str) -> bool:
        """True the first time `key` is seen (persisted): see `AcceptedEvents.seen`."""
        return await self.events.seen(key)

    async def close(self) -> None:
        """Close providers and the store; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        await self._p.providers.aclose()
        await self._p.store.close()


@dataclass(frozen=True)
class _Asked:
    """One question on its way to an answer: what every way of answering it needs."""

    question: Question
    request_id: str
    started: float  # the clock when it arrived (latency)
    text: str  # as answered (cut to the longest question taken)
    hits: Sequence[Hit]  # the profile facts retrieval picked
    cut_note: str  # put before the answer when the question was cut
    label: str = ""  # the budget step's label: only on an answer that step produced

    def parts(self) -> tuple[Question, str, float, str, Sequence[Hit], str]:
        """The parts every way of answering reads; the last is what goes before the answer."""
        prefix = self.cut_note + self.label
        return self.question, self.request_id, self.started, self.text, self.hits, prefix


def _first_with(prefix: str, sink: TextSink) -> TextSink:
    """`sink`, with `prefix` sent just before the first text."""
    pending = [prefix]

    async def send(text: str) -> None:
        if pending:
            text = pending.pop() + text
        await sink(text)

    return send


async def write_all(writes: Sequence[Awaitable[None]], request_id: str) -> None:
    """Independent writes, awaited together; a store that cannot write costs the records, never
    the answer (no money depends on them: the usage rows were written before)."""
    for result in await asyncio.gather(*writes, return_exceptions=True):
        if isinstance(result, StoreUnavailable):
            log.warning("request %s: not recorded: %s", request_id, result.cause)
        elif isinstance(result, Exception):  # the answer stands; the operator hears of it once
            log.error(
                "request %s: a record was not written (%s: %s)",
                request_id,
                type(result).__name__,
                result,
            )
        elif isinstance(result, BaseException):
            raise result


def _titles(hits: Sequence[Hit]) -> tuple[str, ...]:
    """The section titles of the retrieved chunks, best first, each once."""
    return tuple(dict.fromkeys(h.chunk.title for h in hits))
