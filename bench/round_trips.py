"""How many database round trips one answer costs, by kind of answer.

    python -m bench.round_trips [-n 50]

Builds the twin like `bench.ours` (fake Groq in its own process, SQLite on a temp file) and
counts every hop to SQLite's thread (aiosqlite runs each statement, fetch and close as one job
on its connection thread: that hop is the round trip) while answering `n` questions of each kind:
a fresh first question (the model answers), the same question again (the answer cache), a
follow-up in a running conversation (history from memory, the model answers).

The `event_*` kinds answer as an adapter answers a platform event. With `_posted`, the whole
adapter path: the answer's message linked once posted (`twin.answers.posted`, for /twin-why and
votes), and with the inbox its entry closed beside that link, as `bot.runner.Runner.answer` does:
`posted` (no event bookkeeping: Discord before issue 32), `event_claim_posted` (the once-only
claim: Slack before issue 32), `event_inbox_posted` (the inbox: both platforms now).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.fake_proc import FakeGroqProcess
from bench.workload import Questions, twin_env, write_config
from core.config import load_config
from core.factory import build_twin
from core.types import Question


def count_hops(store: Any, seen: Counter[str]) -> None:
    """Count the jobs the store's aiosqlite connection runs on its thread (bench only)."""
    connection = store._db
    original: Callable[..., Any] = connection._execute

    async def counted(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        seen[getattr(fn, "__name__", "call")] += 1
        return await original(fn, *args, **kwargs)

    connection._execute = counted


KINDS = (
    "fresh",
    "cached",
    "follow_up",
    "event_claim",
    "event_inbox",
    "event_shown",
    "posted",
    "event_claim_posted",
    "event_inbox_posted",
)


async def measure(n: int = 50) -> dict[str, float]:
    """Round trips per answer, by kind."""
    async with FakeGroqProcess() as fake:
        with tempfile.TemporaryDirectory(prefix="twin-bench-trips-") as tmp:
            twin = await build_twin(load_config(write_config(Path(tmp))), twin_env(fake.base_url))
            seen: Counter[str] = Counter()
            count_hops(twin._p.store, seen)
            questions = Questions("trips")
            out: dict[str, float] = {}
            try:
                for kind in KINDS:
                    first = questions.next(same_text=True)
                    await twin.answer(first)  # warm: the cached text exists, health written
                    seen.clear()
                    for _ in range(n):
                        if kind.startswith("event") or kind == "posted":
                            await _event(twin, kind, questions.next(), f"{kind}:{_}")
                            continue
                        if kind == "fresh":
                            question = questions.next()
                        elif kind == "cached":
                            question = questions.next(same_text=True)
                        else:
                            question = Question(**{**first.__dict__, "text": "And after that?"})
                        answer = await twin.answer(question)
                        if answer.degraded or (kind == "cached") != answer.cached:
                            raise RuntimeError(f"bench {kind}: unexpected answer {answer}")
                    out[kind] = sum(seen.values()) / n
            finally:
                await twin.close()
    return out


async def _event(twin: Any, kind: str, question: Question, key: str) -> None:
    """One question as an adapter answers a platform event."""
    if kind.endswith("posted"):
        await _posted(twin, kind, question, key)
        return
    if kind == "event_claim":
        if not await twin.mark_event_seen(key):
            raise RuntimeError("bench: event claimed twice")
    elif not await twin.events.accept(key, question.platform, question.user_id, "{}"):
        raise RuntimeError("bench: event accepted twice")
    if kind == "event_shown":  # as the Slack adapter once its stream opened (bot.slack.app
        # SlackBot._shown): the note spawned on the next loop turn, the answer in a task of its own
        noted: list[asyncio.Future[None]] = []
        note = twin.events.note(key, '{"shown": "1.1"}')
        asyncio.get_running_loop().call_soon(lambda: noted.append(asyncio.ensure_future(note)))
        answer = await asyncio.ensure_future(twin.answer(question))
        await noted[0]
    else:
        answer = await twin.answer(question)
    if answer.degraded:
        raise RuntimeError(f"bench {kind}: unexpected answer {answer}")
    if kind != "event_claim":
        await twin.events.answered(key)


async def _posted(twin: Any, kind: str, question: Question, key: str) -> None:
    """The adapter's whole path: event bookkeeping, the answer, its message linked and (with
    the inbox) its entry closed together once posted (`bot.runner.Runner.answer`)."""
    if kind == "event_claim_posted" and not await twin.mark_event_seen(key):
        raise RuntimeError("bench: event claimed twice")
    inbox = kind == "event_inbox_posted"
    if inbox and not await twin.events.accept(key, question.platform, question.user_id, "{}"):
        raise RuntimeError("bench: event accepted twice")
    answer = await twin.answer(question)
    if answer.degraded:
        raise RuntimeError(f"bench {kind}: unexpected answer {answer}")
    writes = [twin.answers.posted(question.platform, "C1", f"m-{key}", answer.request_id)]
    if inbox:
        writes.append(twin.events.answered(key))
    await asyncio.gather(*writes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.n))
    print("database round trips per answer (hops to SQLite's thread)")
    for kind, trips in figures.items():
        print(f"  {kind:18s} {trips:5.1f}")


if __name__ == "__main__":
    main()
