"""Small timing helpers shared by the benchmark's parts: samples, medians, throughput."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

Call = Callable[[], Awaitable[Any]]
"""One measured operation (a contender keeps its own counter when each call must differ)."""


def summary(samples_ms: list[float]) -> dict[str, float]:
    """Median, p10 and p90 of millisecond samples, with their count."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"median_ms": float("nan"), "p10_ms": float("nan"), "p90_ms": float("nan"), "n": 0}
    deciles = statistics.quantiles(ordered, n=10) if len(ordered) > 1 else [ordered[0]] * 9
    return {
        "median_ms": statistics.median(ordered),
        "p10_ms": deciles[0],
        "p90_ms": deciles[8],
        "n": len(ordered),
    }


async def sample(call: Call, n: int) -> list[float]:
    """Milliseconds of `n` calls, one after another."""
    out: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(n):
        began = clock()
        await call()
        out.append((clock() - began) / 1e6)
    return out


async def interleaved(
    calls: dict[str, Call], rounds: int, per_round: int, warmup: int = 20
) -> dict[str, dict[str, Any]]:
    """Sequential samples of several contenders in short alternating blocks (a, b, a, b, ...),
    so the machine's drift (a shared host's neighbours) falls on all of them alike. Per
    contender: `ms` (every call's wall time) and `cpu_ms_per_call` (this process's CPU time,
    every thread counted, divided by the calls). Garbage collection runs where it falls: it is
    part of what a contender costs."""
    for call in calls.values():
        await sample(call, warmup)
    ms: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, float] = dict.fromkeys(calls, 0.0)
    for _ in range(rounds):
        for name, call in calls.items():
            began = time.process_time()
            ms[name] += await sample(call, per_round)
            cpu[name] += time.process_time() - began
    return {
        name: {"ms": ms[name], "cpu_ms_per_call": cpu[name] * 1000 / max(1, len(ms[name]))}
        for name in calls
    }


def summarize(measured: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """`summary` of each contender of `interleaved`, with its CPU time per call."""
    return {
        name: {**summary(m["ms"]), "cpu_ms_per_call": m["cpu_ms_per_call"]}
        for name, m in measured.items()
    }


async def throughput(call: Call, workers: int, per_worker: int) -> dict[str, float]:
    """`workers` concurrent loops of `per_worker` calls each: completed calls per second, and
    the process CPU time per call (every thread counted, e.g. SQLite's)."""

    async def worker() -> None:
        for _ in range(per_worker):
            await call()

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    elapsed = time.perf_counter() - wall
    total = workers * per_worker
    return {
        "per_s": total / elapsed,
        "cpu_ms_per_call": (time.process_time() - cpu) * 1000 / total,
        "calls": total,
        "seconds": elapsed,
    }


async def throughput_rounds(
    calls: dict[str, Call], workers: int, per_worker: int, rounds: int
) -> dict[str, dict[str, float]]:
    """`throughput` of each contender, alternating over `rounds`: the median round of each."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            runs[name].append(await throughput(call, workers, per_worker))
    out: dict[str, dict[str, float]] = {}
    for name, results in runs.items():
        middle = sorted(results, key=lambda x: x["per_s"])[len(results) // 2]
        out[name] = {**middle, "rounds": rounds, "min_per_s": min(x["per_s"] for x in results)}
        out[name]["max_per_s"] = max(x["per_s"] for x in results)
    return out


def run_id() -> str:
    """A short timestamp for file names and logs."""
    return time.strftime("%Y%m%dT%H%M%S")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
