"""Where the twin's time per answer goes: wall time per part, and a cProfile of the path.

    python -m bench.breakdown [-n 400] [--profile] [--down] [--concurrent]

Starts its own fake Groq process, builds the twin like `bench.ours`, wraps the methods of the
twin's parts (store, cache, guard, retriever, router, provider) with timers, answers `n` fresh
questions one after another and prints the median wall time each part took per answer (nested
parts are counted inside their callers: `router.complete` includes the provider call and the
attempt's store write). With `--profile`, also a cProfile of the event-loop thread (SQLite's
own thread is not in it: its work shows as waiting in the store rows above).
`--down` measures with the first model answering 503 (its breaker opened first, the bare call
going to the second model); `--concurrent` profiles 64 conversations at once instead (CPU per
answer: the profile's totals divided by the answers).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import io
import pstats
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import groq

from bench.fake_proc import FakeGroqProcess
from bench.workload import (
    API_KEY,
    CONVERSATIONS,
    FIRST,
    SECOND,
    Questions,
    bench_messages,
    request_fields,
    twin_env,
    write_config,
)
from core.config import load_config
from core.factory import build_twin

Spent = dict[str, list[float]]
_REPO = Path(__file__).resolve().parents[1].as_posix()  # profile rows of this checkout


def _wrap(owner: Any, name: str, label: str, spent: Spent, current: dict[str, float]) -> None:
    original: Callable[..., Any] = getattr(owner, name)
    clock = time.perf_counter_ns
    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            began = clock()
            try:
                return await original(*args, **kwargs)
            finally:
                current[label] = current.get(label, 0.0) + (clock() - began) / 1e3

        setattr(owner, name, timed_async)
    else:

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = clock()
            try:
                return original(*args, **kwargs)
            finally:
                current[label] = current.get(label, 0.0) + (clock() - began) / 1e3

        setattr(owner, name, timed)


def instrument(twin: Any, spent: Spent, current: dict[str, float]) -> None:
    """Time the parts' public methods (instance attributes shadow the class methods)."""
    parts = twin._p  # the bench may look inside; production code never does
    targets: list[tuple[Any, str, str]] = [
        (parts.store, m, f"store.{m}")
        for m in (
            "last_turns",
            "cache_get",
            "cache_put",
            "add_turns",
            "record_attempt",
            "record_question",
            "add_gap",
            "add_gap_ask",
            "record_sources",
            "link_answer_message",
        )
    ]
    targets += [
        (parts.guard, "admit", "guard.admit"),
        (parts.guard, "reserve", "guard.reserve"),
        (parts.guard, "record_attempt", "guard.record_attempt"),
        (parts.guard, "release", "guard.release"),
        (twin.persona.retriever, "search", "retriever.search"),  # the live persona's
        (parts.router, "complete", "router.complete"),
        (parts.router, "available", "router.available"),
        (parts.metrics, "record_attempt", "metrics.record_attempt"),
        (parts.failures, "observe", "failures.observe"),
    ]
    for provider in parts.providers.providers.values():
        targets.append((provider, "complete", "provider.complete (HTTP call)"))
    for owner, name, label in targets:
        if hasattr(owner, name):
            _wrap(owner, name, label, spent, current)


async def _concurrent(twin: Any, questions: Questions, n: int, out: io.StringIO) -> None:
    per_worker = max(1, n // CONVERSATIONS)

    async def worker() -> None:
        for _ in range(per_worker):
            await twin.answer(questions.next())

    profiler = cProfile.Profile()
    cpu, wall = time.process_time(), time.perf_counter()
    profiler.enable()
    await asyncio.gather(*(worker() for _ in range(CONVERSATIONS)))
    profiler.disable()
    answers = per_worker * CONVERSATIONS
    print(
        f"{answers} answers, {CONVERSATIONS} at once: {answers / (time.perf_counter() - wall):.0f}"
        f"/s, {(time.process_time() - cpu) * 1e3 / answers:.2f} ms CPU per answer (profiled)",
        file=out,
    )
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(f"{_REPO}/(core|bench)", 30)


async def run(n: int, profile: bool, down: bool = False, concurrent: bool = False) -> str:
    out = io.StringIO()
    async with FakeGroqProcess() as fake:
        with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
            config_path = write_config(Path(tmp))
            twin = await build_twin(load_config(config_path), twin_env(fake.base_url))
            client = groq.AsyncGroq(api_key=API_KEY, base_url=fake.base_url, max_retries=0)
            fields = request_fields(SECOND if down else FIRST, bench_messages(config_path))
            questions = Questions("breakdown")
            try:
                if down:
                    await fake.fail(FIRST, 503)
                for _ in range(30):
                    await twin.answer(questions.next())
                    await client.chat.completions.create(**fields)
                if concurrent:
                    await _concurrent(twin, questions, n, out)
                    return out.getvalue()
                spent: Spent = defaultdict(list)
                current: dict[str, float] = {}
                instrument(twin, spent, current)
                total: list[float] = []
                bare: list[float] = []
                profiler = cProfile.Profile() if profile else None
                for _ in range(n):
                    began = time.perf_counter_ns()
                    await client.chat.completions.create(**fields)
                    bare.append((time.perf_counter_ns() - began) / 1e3)
                    current.clear()
                    if profiler is not None:
                        profiler.enable()
                    began = time.perf_counter_ns()
                    await twin.answer(questions.next())
                    total.append((time.perf_counter_ns() - began) / 1e3)
                    if profiler is not None:
                        profiler.disable()
                    for label, us in current.items():
                        spent[label].append(us)
            finally:
                await client.close()
                await twin.close()
    med = statistics.median
    print(f"median per answer over {n} answers (µs of wall time)", file=out)
    print(f"  {'bare AsyncGroq call':44s} {med(bare):9.0f}", file=out)
    print(f"  {'twin.answer (whole path)':44s} {med(total):9.0f}", file=out)
    print(f"  {'extra over bare':44s} {med(total) - med(bare):9.0f}", file=out)
    for label, values in sorted(spent.items(), key=lambda kv: -med(kv[1])):
        calls = len(values) / n
        print(f"  {label:44s} {med(values):9.0f}   ({calls:.1f} calls/answer)", file=out)
    if profiler is not None:
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("cumulative").print_stats(f"{_REPO}/core", 45)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--down", action="store_true", help="first model answering 503")
    parser.add_argument("--concurrent", action="store_true", help="profile 64 at once")
    args = parser.parse_args()
    print(asyncio.run(run(args.n, args.profile, args.down, args.concurrent)))


if __name__ == "__main__":
    main()
