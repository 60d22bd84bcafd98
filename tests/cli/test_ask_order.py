"""`twin ask --questions FILE --concurrency N --json`: rows come out in input order, each as
soon as every row before it is out, however the answers finish."""

from __future__ import annotations

import asyncio
import json
from typing import Any, cast

from bot.cli.ask_many import ask_many
from core.twin import Twin
from core.types import Answer, Question


class GatedTwin:
    """A twin whose answer to each question waits until the test releases it."""

    def __init__(self, questions: list[str]) -> None:
        self.release = {q: asyncio.Event() for q in questions}
        self.started: list[str] = []

    async def answer(self, question: Question) -> Answer:
        self.started.append(question.text)
        await self.release[question.text].wait()
        return Answer(text=f"answer to {question.text}", request_id=question.text)


async def settle() -> None:
    for _ in range(20):  # let every ready task run (no timing involved)
        await asyncio.sleep(0)


async def test_rows_print_in_input_order_as_soon_as_the_rows_before_them_are_out() -> None:
    questions = ["first?", "second?", "third?", "fourth?"]
    twin = GatedTwin(questions)
    printed: list[dict[str, Any]] = []
    run = asyncio.create_task(
        ask_many(cast(Twin, twin), questions, 4, True, lambda row: printed.append(json.loads(row)))
    )
    await settle()
    assert twin.started == questions  # all four in flight at once

    twin.release["fourth?"].set()
    twin.release["second?"].set()
    await settle()
    assert printed == []  # the first is not out yet: nothing may jump ahead of it

    twin.release["first?"].set()
    await settle()
    assert [r["question"] for r in printed] == ["first?", "second?"]  # streamed, not held

    twin.release["third?"].set()
    await run
    assert [r["question"] for r in printed] == questions
    assert [r["answer"] for r in printed] == [f"answer to {q}" for q in questions]


async def test_concurrency_caps_the_answers_in_flight() -> None:
    questions = ["a?", "b?", "c?"]
    twin = GatedTwin(questions)
    printed: list[str] = []
    run = asyncio.create_task(ask_many(cast(Twin, twin), questions, 2, False, printed.append))
    await settle()
    assert twin.started == ["a?", "b?"]
    for q in questions:
        twin.release[q].set()
    await run
    assert [row.splitlines()[0] for row in printed] == ["Q: a?", "Q: b?", "Q: c?"]
