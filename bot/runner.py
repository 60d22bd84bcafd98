"""The runner every adapter shares: Slack, Discord and the terminal each turn their events into
questions and own a reply streamer; the runner does the rest once.

- `Runner.spawn` / `drain` / `close` / `hand_over`: the background tasks (ack at once, answer
  behind), and what is left of them when the process stops.
- `Runner.handle`: one event, message or command, its outcome recorded as a `Handled` (logged
  and told to the `Observer`); an unexpected failure gets an error id in the log and an
  `apology` with that id for the person, never a traceback.
- `Runner.refused`: the access lists; a DM outside them gets the polite line once a day.
- `Runner.answer`: the answer sequence over a platform's `Reply`: what shows while the twin
  works, the streamed text, the answer with its footer (sources, feedback buttons), the posted
  messages noted for /twin-why, or the apology; `Runner.stop` is the member's stop button.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import (
    Awaitable,
    Callable,
    Coroutine,
    Hashable,
    Iterable,
    Sequence,
)
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from bot.access import AccessRules, line_key
from bot.sources import shown_sources
from core.config import Config
from core.types import Answer, Question

if TYPE_CHECKING:
    from core.twin import Twin


@dataclass(frozen=True)
class Handled:
    """One event, message or command processed: what it was and what became of it."""

    key: str  # "event:<event_id>", "message:<id>", "command:/twin-usage"
    outcome: str  # "answered", "ignored: ...", "duplicate", "refused: ...", "failed <error id>"
    seconds: float


Observer = Callable[[Handled], Awaitable[None]]
Say = Callable[[str], Awaitable[object]]


def new_error_id() -> str:
    """A short id for one failure: in the apology and beside the traceback in the log."""
    return uuid.uuid4().hex[:8]


TOO_LATE = (  # the apology for a question taken over past `[instances] late_after_s`
    "Sorry, I was interrupted before I could answer this, and it is a while ago now."
    " Please ask me again."
)


def apology(error_id: str, sign: str = "⚠️") -> str:
    """What a person sees when something failed: no details, an id an admin can find."""
    return (
        f"{sign} Sorry, something went wrong on my side. "
        f"If it keeps happening, give an admin this error id: `{error_id}`."
    )


class Reply(Protocol):
    """An answer's way onto one platform; `Runner.answer` drives it in this order."""

    streaming: bool  # False: the core is not asked to stream (`push` is never called)

    def working(self) -> AbstractAsyncContextManager[object]:
        """What shows while the twin answers (a thinking sign, "typing…")."""
        ...

    async def push(self, delta: str) -> None:
        """A piece of the answer as the core streams it."""

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        """The whole answer, with its footer: the `sources` line, the feedback buttons."""

    async def fail(self, text: str) -> None:
        """The apology in place of the answer; never raises."""

    @property
    def posted(self) -> Sequence[str]:
        """The ids of the messages that show the answer (for /twin-why on a message link)."""
        ...


@dataclass
class _Running:
    """An answer under way, which the member may stop."""

    task: asyncio.Future[Answer]
    stopped: bool = False  # the member pressed stop (the cancel is theirs)


@dataclass(eq=False)
class Runner:
    """One adapter's background work and answer sequence. `log` is the adapter's logger, so an
    operator's filters by module keep working; `sign` starts the apology (an emoji code)."""

    platform: str
    twin: Twin
    config: Config
    access: AccessRules
    log: logging.Logger
    sign: str = "⚠️"
    observer: Observer | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)
    _running: dict[Hashable, _Running] = field(default_factory=dict, init=False, repr=False)

    # background tasks

    def spawn(self, job: Coroutine[Any, Any, None]) -> None:
        """Run `job` in the background, holding it until it is done."""
        task = asyncio.create_task(job)
        self._tasks.add(task)  # strong reference until done
        task.add_done_callback(self._tasks.discard)

    @property
    def in_flight(self) -> int:
        """Tasks not finished yet (answers, and the small jobs beside them)."""
        return len(self._tasks)

    async def drain(self, within: float | None = None) -> None:
        """Wait until every task in flight has finished (or `within` seconds passed)."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=within)

    async def close(self, grace: float = 5.0) -> None:
        """Let tasks in flight finish for up to `grace` seconds, then cancel the rest."""
        await self.drain(grace)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def hand_over(self, grace: float) -> None:
        """The process stops: `close`, then this platform's unanswered inbox entries are
        released, so another instance (or this one restarted) answers them at once."""
        await self.close(grace)
        try:
            await self.twin.events.hand_over(self.platform)
        except Exception as exc:  # a store already closed: taken over after the lease instead
            name = type(exc).__name__
            self.log.warning("%s: unanswered questions not handed over (%s)", self.platform, name)

    # one event

    async def done(self, key: str, outcome: str, started: float) -> None:
        """Log what became of `key` (started at `started`, monotonic) and tell the observer."""
        seconds = time.monotonic() - started
        level = logging.DEBUG if outcome.startswith("ignored") else logging.INFO
        self.log.log(level, "%s %s: %s in %.2fs", self.platform, key, outcome, seconds)
        if self.observer is not None:
            await self.observer(Handled(key, outcome, seconds))

    def failed(self, what: str) -> str:
        """Log the exception being handled with a new error id; the outcome naming it."""
        error_id = new_error_id()
        self.log.exception("%s %s failed [error %s]", self.platform, what, error_id)
        return f"failed {error_id}"

    async def handle(
        self, key: str, job: Callable[[], Awaitable[str]], sorry: Say | None = None
    ) -> None:
        """Run `job` (it returns the outcome) and record it under `key`. An unexpected failure
        is logged with an error id, and `sorry` (when given) says the apology to the person."""
        started = time.monotonic()
        outcome = "failed"
        try:
            outcome = await job()
        except asyncio.CancelledError:  # the process stops (`close`): left for another
            outcome = "interrupted: the process stopped"
            raise
        except Exception:
            outcome = self.failed(key)
            if sorry is not None:
                await self.say_safely(sorry, self.apology(outcome))
        finally:
            await self.done(key, outcome, started)

    def apology(self, outcome: str) -> str:
        """The apology for a "failed <error id>" outcome."""
        return apology(outcome.removeprefix("failed "), self.sign)

    async def say_safely(self, say: Say, text: str) -> None:
        """Say `text`; a failure to say it is logged, never raised."""
        try:
            await say(text)
        except Exception:
            self.log.exception("%s: could not deliver the apology either", self.platform)

    async def refused(
        self, user_id: str, channels: Iterable[str], *, is_dm: bool, say: Say
    ) -> str | None:
        """None when the access lists let `user_id` in; else the outcome. A DM outside them
        gets the polite line through `say` once a day (a repeat gets silence), a channel none."""
        verdict = self.access.check(user_id, channels, is_dm=is_dm)
        if verdict.allowed:
            return None
        if verdict.reply and await self.twin.mark_event_seen(line_key(self.platform, user_id)):
            await say(verdict.reply)
        return f"refused: {verdict.reason}"

    # the answer sequence

    async def answer(
        self,
        question: Question,
        reply: Reply,
        *,
        channel: str,
        stop_key: Hashable = None,
        posted: Callable[[], Awaitable[None]] | None = None,
    ) -> str:
        """Answer `question` through `reply`; the outcome: "answered", "stopped" (the member
        pressed stop: nothing more is shown) or "failed <error id>" (the apology is shown).
        `channel` is where the messages were posted; `stop_key` makes the answer stoppable;
        `posted` (closing the question's inbox entry) runs once the answer is posted, beside
        the writes that link its messages (one trip to SQLite with them)."""
        running: _Running | None = None
        try:
            async with reply.working():
                on_text = reply.push if reply.streaming else None
                running = _Running(asyncio.ensure_future(self.twin.answer(question, on_text)))
                if stop_key is not None:
                    self._running[stop_key] = running
                answer = await running.task
            await reply.finish(answer, shown_sources(answer, self.config))
            writes: list[Awaitable[None]] = [
                self.twin.answers.posted(self.platform, channel, message_id, answer.request_id)
                for message_id in reply.posted
            ]
            if posted is not None:
                writes.append(posted())
            await asyncio.shield(asyncio.gather(*writes))  # posted: recorded, surely
        except asyncio.CancelledError:
            if running is None or not running.stopped:
                raise
            return "stopped"
        except Exception:
            outcome = self.failed(f"answering {question.conversation}")
            await reply.fail(self.apology(outcome))
            return outcome
        finally:
            if running is not None:
                if stop_key is not None and self._running.get(stop_key) is running:
                    del self._running[stop_key]
                if not running.task.done():
                    running.task.cancel()
        return "answered"

    def stop(self, stop_key: Hashable) -> bool:
        """The member pressed stop: cancel the answer under way there (the core meters what
        the model sent). False when nothing was running."""
        running = self._running.get(stop_key)
        if running is None or running.task.done():
            return False
        running.stopped = True
        running.task.cancel()
        return True
