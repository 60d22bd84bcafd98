"""The adapters' shared runner (`bot.runner`) with a real twin on the fake Groq: the answer
sequence, the error id and apology, the access line, the stop button, the task set and what a
stopping process cuts. The
platforms' own scenario tests run the same code through slack-bolt and discord.py."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.access import AccessRules
from bot.cli.terminal import chat
from bot.runner import Handled, Runner
from core.store.sqlite import SqliteStore
from core.types import Answer, Question
from tests.fakes.groq_server import Fault


def question(text: str = "Where did you study?", user: str = "U1") -> Question:
    return Question(
        text=text,
        platform="test",
        user_id=user,
        channel_id="C1",
        conversation=f"test:{user}",
    )


class ListReply:
    """A `Reply` that lists what the runner asked of it."""

    streaming = True

    def __init__(self, *, fail_finish: bool = False, on_push: Any = None) -> None:
        self.steps: list[str] = []
        self.streamed = ""
        self.posted: list[str] = []
        self.failed: list[str] = []
        self._fail_finish = fail_finish
        self._on_push = on_push

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        self.steps.append("working")
        yield
        self.steps.append("worked")

    async def push(self, delta: str) -> None:
        if not self.streamed:
            self.steps.append("push")
        self.streamed += delta
        if self._on_push is not None:
            self._on_push()

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        self.steps.append("finish")
        if self._fail_finish:
            raise RuntimeError("platform said 500: secret details")
        self.posted = ["m1", "m2"]

    async def fail(self, text: str) -> None:
        self.failed.append(text)


class Journal:
    def __init__(self) -> None:
        self.items: list[Handled] = []

    async def __call__(self, handled: Handled) -> None:
        self.items.append(handled)


OPEN = AccessRules()


async def runner_for(make_twin: Any, access: AccessRules = OPEN) -> tuple[Runner, Journal]:
    twin = await make_twin()
    journal = Journal()
    log = logging.getLogger("tests.runner")
    return Runner("test", twin, twin.config, access, log, observer=journal), journal


async def test_an_answer_streams_then_finishes_and_notes_where_it_was_posted(make_twin) -> None:
    runner, _ = await runner_for(make_twin)
    reply = ListReply()
    outcome = await runner.answer(question(), reply, channel="C1")
    assert outcome == "answered"
    assert reply.steps == ["working", "push", "worked", "finish"]
    assert "computer science" in reply.streamed and not reply.failed
    request = await runner.twin.answers.for_message("test", "C1", "m2")
    assert request is not None and request == await runner.twin.answers.for_message("test", "C1")


async def test_the_posted_hook_runs_once_the_answer_is_posted_and_not_when_it_fails(
    make_twin,
) -> None:
    """The inbox entry's close rides with the writes that link the posted messages: after
    `finish`, and never for an answer that could not be posted."""
    runner, _ = await runner_for(make_twin)
    calls: list[list[str]] = []
    reply = ListReply()

    async def posted() -> None:
        calls.append(list(reply.steps))

    assert await runner.answer(question(), reply, channel="C1", posted=posted) == "answered"
    assert calls == [["working", "push", "worked", "finish"]]
    failing = ListReply(fail_finish=True)
    outcome = await runner.answer(question(user="U2"), failing, channel="C1", posted=posted)
    assert outcome.startswith("failed ") and len(calls) == 1


async def test_a_reply_that_fails_shows_an_apology_with_the_logged_error_id(
    make_twin, caplog: pytest.LogCaptureFixture
) -> None:
    runner, _ = await runner_for(make_twin)
    reply = ListReply(fail_finish=True)
    with caplog.at_level(logging.ERROR, logger="tests.runner"):
        outcome = await runner.answer(question(), reply, channel="C1")
    error_id = outcome.removeprefix("failed ")
    assert re.fullmatch(r"[0-9a-f]{8}", error_id)
    [apology] = reply.failed
    assert f"`{error_id}`" in apology and "Sorry" in apology and "secret" not in apology
    assert any(error_id in r.getMessage() for r in caplog.records)
    assert await runner.twin.answers.for_message("test", "C1") is None  # nothing was posted


async def test_a_failing_job_is_recorded_with_its_id_and_the_person_hears_the_apology(
    make_twin,
) -> None:
    runner, journal = await runner_for(make_twin)
    said: list[str] = []

    async def job() -> str:
        raise KeyError("boom")

    async def sorry(text: str) -> None:
        said.append(text)
        raise ConnectionError("the platform is down too")  # logged, never raised

    await runner.handle("event:E1", job, sorry)
    [handled] = journal.items
    assert handled.key == "event:E1" and handled.outcome.startswith("failed ")
    [line] = said
    assert handled.outcome.removeprefix("failed ") in line


async def test_a_dm_outside_the_lists_gets_the_polite_line_once_then_silence(make_twin) -> None:
    runner, _ = await runner_for(make_twin, AccessRules(allow_dms=False))
    said: list[str] = []

    async def say(text: str) -> None:
        said.append(text)

    first = await runner.refused("U9", ("D1",), is_dm=True, say=say)
    second = await runner.refused("U9", ("D1",), is_dm=True, say=say)
    assert first == second == "refused: DMs are off"
    assert len(said) == 1 and "direct messages" in said[0]
    assert await runner.refused("U9", ("C1",), is_dm=False, say=say) is None


async def test_stop_cancels_the_answer_under_way_and_nothing_more_is_shown(make_twin) -> None:
    runner, _ = await runner_for(make_twin)
    stopped: list[bool] = []
    reply = ListReply(on_push=lambda: stopped.append(runner.stop(("C1", "t1"))))
    outcome = await runner.answer(question(), reply, channel="C1", stop_key=("C1", "t1"))
    assert outcome == "stopped"
    assert stopped[0] is True and "finish" not in reply.steps and not reply.failed
    assert runner.stop(("C1", "t1")) is False  # nothing left to stop


async def test_close_lets_tasks_finish_within_the_grace_then_cancels_the_rest(make_twin) -> None:
    runner, _ = await runner_for(make_twin)
    finished, forever = asyncio.Event(), asyncio.Event()

    async def quick() -> None:
        finished.set()

    async def stuck() -> None:
        await forever.wait()

    runner.spawn(quick())
    runner.spawn(stuck())
    await runner.close(grace=0.05)
    assert finished.is_set()
    await runner.drain()  # nothing left in flight: returns at once


class ClosedAfter(io.StringIO):
    """stdout whose reader goes away after `writes` writes."""

    def __init__(self, writes: int) -> None:
        super().__init__()
        self._left = writes

    def write(self, text: str) -> int:
        if self._left <= 0:
            raise BrokenPipeError(32, "Broken pipe")
        self._left -= 1
        return super().write(text)


async def test_the_chat_ends_when_its_terminal_goes_away_mid_answer(make_twin) -> None:
    twin = await make_twin()
    out = ClosedAfter(writes=2)  # the banner and the prompt; the answer finds the pipe closed
    with pytest.raises(BrokenPipeError):
        await chat(twin, stdin=io.StringIO("Where did you study?\n"), stdout=out)


async def test_an_answer_cut_by_close_is_interrupted_and_settled_by_the_core_first(
    make_twin, fake_groq
) -> None:
    twin = await make_twin("[grounding]\nenabled = false\n")  # its first words reach the reply
    journal = Journal()
    runner = Runner("test", twin, twin.config, OPEN, logging.getLogger("t"), observer=journal)
    fake_groq.fail(twin.config.llm.models[0], Fault.timeout(120, after_chunks=2), times=1)
    begun = asyncio.Event()
    reply = ListReply(on_push=begun.set)

    async def answer() -> str:
        return await runner.answer(question(), reply, channel="C1")

    runner.spawn(runner.handle("event:E1", answer))
    await asyncio.wait_for(begun.wait(), 10)  # the model stalls mid-answer
    await runner.close(grace=0)  # the process stops ...
    await twin.close()  # ... and closes its store right after
    assert [h.outcome for h in journal.items] == ["interrupted: the process stopped"]
    assert "finish" not in reply.steps and not reply.failed  # the platform closes what shows
    store = await SqliteStore.open(twin.config.storage.path)
    try:  # the core metered the cut call before close returned
        assert await store.fetch("SELECT outcome FROM usage") == [("stopped",)]
        assert await store.fetch("SELECT COUNT(*) FROM reservations") == [(0,)]
    finally:
        await store.close()
