"""`twin ask --questions FILE`: many questions at once, printed in the order they were given.

Answers run `concurrency` at a time and finish in any order; each row is printed as soon as
every row before it is out, so a script reading the output line by line can zip it with its
questions."""

from __future__ import annotations

import asyncio
import functools
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence

from bot.cli.render_text import answer_footer, answer_record
from bot.cli.terminal import owner_question
from core.twin import Twin


async def in_input_order(rows: Sequence[Awaitable[str]], emit: Callable[[str], None]) -> None:
    """Run every row at once and `emit` each in its place: row n waits for rows 0..n-1."""
    tasks = [asyncio.ensure_future(row) for row in rows]
    try:
        for task in tasks:
            emit(await task)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def ask_many(
    twin: Twin,
    questions: Sequence[str],
    concurrency: int,
    as_json: bool,
    emit: Callable[[str], None] | None = None,
) -> None:
    """Answer `questions`, `concurrency` in flight, printing one row each in input order."""
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(text: str) -> str:
        async with gate:
            answer = await twin.answer(owner_question(text, f"cli:ask:{uuid.uuid4().hex}"))
        if as_json:
            return json.dumps(answer_record(text, answer), ensure_ascii=False)
        return f"Q: {text}\nA: {answer.text}\n{answer_footer(answer)}\n"

    await in_input_order([one(q) for q in questions], emit or functools.partial(print, flush=True))
