"""The guard's cost per answer and its throughput with 64 concurrent conversations.

Run: `python -m bench.guard_throughput`. Every answer goes admit -> reserve -> record_attempt ->
release on the production clocks, against the real SQLite store on a temp file (the ledger and
the rate windows live there now: each step is a database round trip), with limits and budgets
set (so every check runs) but high enough that nothing is refused.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from core.clock import utc_now
from core.config import BudgetConfig, LimitsConfig
from core.insight.alerts import AlertBus
from core.limits.guard import Guard, Reservation
from core.models.usage import Attempt, CallContext
from core.store.sqlite import SqliteStore
from core.types import Question, Refusal

CONVERSATIONS = 64
LIMITS = LimitsConfig(
    user_per_minute=1_000_000,
    channel_per_minute=1_000_000,
    global_per_minute=1_000_000,
    tokens_per_minute=10**12,
)
BUDGET = BudgetConfig(daily_tokens=10**12, monthly_usd=10.0**9)


def _questions() -> list[Question]:
    return [
        Question(
            text="What did you build last year?",
            platform="discord",
            user_id=f"user{i}",
            channel_id=f"channel{i % 8}",
            conversation=f"discord:channel{i % 8}:{i}",
        )
        for i in range(CONVERSATIONS)
    ]


def _attempt() -> Attempt:
    return Attempt(
        at=utc_now(),
        context=CallContext(request_id="bench", platform="discord", user_id="u", channel_id="c"),
        model="openai/gpt-oss-20b",
        prompt_tokens=900,
        completion_tokens=300,
        cost_usd=0.000158,
        latency_ms=400.0,
        outcome="ok",
    )


async def _new_guard(folder: str) -> tuple[Guard, SqliteStore]:
    store = await SqliteStore.open(Path(folder) / "guard.db")
    guard = Guard(LIMITS, BUDGET, store, AlertBus())
    await guard.start()
    return guard, store


def _settling(attempt: Attempt, booked: Reservation) -> Attempt:
    return replace(attempt, context=replace(attempt.context, reservation=booked.id))


async def guard_cost_us(answers: int = 2_000) -> list[float]:
    """Microseconds per answer spent in the guard (usage row included), one at a time."""
    with tempfile.TemporaryDirectory(prefix="twin-bench-guard-") as folder:
        guard, store = await _new_guard(folder)
        questions, attempt = _questions(), _attempt()
        samples: list[float] = []
        clock = time.perf_counter_ns
        try:
            for i in range(answers):
                question = questions[i % CONVERSATIONS]
                start = clock()
                refused = await guard.admit(question)
                booked = await guard.reserve(900, 1024, 0.00038)
                if isinstance(booked, Refusal) or refused is not None:
                    raise RuntimeError("the bench guard refused an answer")
                await guard.record_attempt(_settling(attempt, booked))
                await guard.release(booked)
                samples.append((clock() - start) / 1000)
        finally:
            await store.close()
    return samples


async def _conversation(
    guard: Guard | None, store: SqliteStore, question: Question, attempt: Attempt, answers: int
) -> int:
    done = 0
    for _ in range(answers):
        if guard is None:  # the event loop alone, for comparison
            await asyncio.sleep(0)
            await store.record_attempt(attempt)
            done += 1
            continue
        if await guard.admit(question) is not None:
            continue
        booked = await guard.reserve(900, 1024, 0.00038)
        if isinstance(booked, Refusal):
            continue
        try:
            await asyncio.sleep(0)  # the model call
            await guard.record_attempt(_settling(attempt, booked))
        finally:
            await guard.release(booked)
        done += 1
    return done


async def throughput(per_conversation: int = 50, *, with_guard: bool = True) -> float:
    """Answers per second through the guard with 64 conversations at once (the loop alone: the
    same usage rows written, no guard)."""
    with tempfile.TemporaryDirectory(prefix="twin-bench-guard-") as folder:
        guard, store = await _new_guard(folder)
        questions, attempt = _questions(), _attempt()
        start = time.perf_counter()
        try:
            done = await asyncio.gather(
                *(
                    _conversation(
                        guard if with_guard else None, store, q, replace(attempt), per_conversation
                    )
                    for q in questions
                )
            )
        finally:
            elapsed = time.perf_counter() - start
            await store.close()
    if sum(done) != per_conversation * CONVERSATIONS:
        raise RuntimeError("the bench guard refused answers")
    return sum(done) / elapsed


async def measure() -> dict[str, float]:
    """The figures, by name: microseconds per answer and answers per second."""
    await guard_cost_us(200)  # warm up
    samples = await guard_cost_us()
    quantiles = statistics.quantiles(samples, n=100)
    with_guard = await throughput()
    loop_only = await throughput(with_guard=False)
    return {
        "guard_us_per_answer_median": statistics.median(samples),
        "guard_us_per_answer_p95": quantiles[94],
        "guard_us_per_answer_p99": quantiles[98],
        "answers_per_s_64_conversations": with_guard,
        "answers_per_s_64_conversations_loop_only": loop_only,
    }


def main() -> None:
    figures = asyncio.run(measure())
    print("guard: admit -> reserve -> record_attempt -> release")
    print(f"  per answer, median   {figures['guard_us_per_answer_median']:8.2f} µs")
    print(f"  per answer, p95      {figures['guard_us_per_answer_p95']:8.2f} µs")
    print(f"  per answer, p99      {figures['guard_us_per_answer_p99']:8.2f} µs")
    print(f"  64 conversations     {figures['answers_per_s_64_conversations']:8.0f} answers/s")
    print(
        "  same loop, no guard  "
        f"{figures['answers_per_s_64_conversations_loop_only']:8.0f} answers/s"
    )


if __name__ == "__main__":
    main()
