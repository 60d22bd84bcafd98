"""`python -m bench [--quick]` (or `make bench`): what the twin adds to a model call, against a
bare AsyncGroq call and LiteLLM's Router, measured in one run on this machine.

A fake Groq runs in its own process; the twin, the bare client and LiteLLM each run in their own
process against it. Prints a table of medians, ratios and targets, and writes bench/results.json.
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

from bench import store_rate
from bench.fake_proc import FakeGroqProcess
from bench.workload import write_config
from tests.fakes.discord_server import TOKEN, FakeDiscord
from tests.fakes.slack_api import FakeSlack

RESULTS = Path(__file__).with_name("results.json")


async def _child(*args: str) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", *args, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 900)
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} exited with {proc.returncode}")
    result: dict[str, Any] = json.loads(out)
    return result


async def _startup(groq_url: str, runs: int) -> dict[str, float]:
    """Median seconds from spawning the interpreter to both adapters ready, and peak RSS."""
    seconds: list[float] = []
    rss: list[float] = []
    async with FakeSlack() as slack, FakeDiscord() as discord:
        with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
            config = write_config(Path(tmp))
            for _ in range(runs):
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
                    stdout=asyncio.subprocess.PIPE,
                )
                assert proc.stdout is not None
                line = await asyncio.wait_for(proc.stdout.readline(), 60)
                seconds.append(time.perf_counter() - started)
                await proc.wait()
                word, mb = line.decode().split()
                if word != "READY":
                    raise RuntimeError(f"bench.startup said {line!r}")
                rss.append(float(mb))
    return {"ready_s": statistics.median(seconds), "rss_mb": max(rss)}


def _extra(result: dict[str, Any], part: str, who: str) -> float:
    return float(result[part][who]["median_ms"] - result[part]["bare"]["median_ms"])


def _line(label: str, value: str, target: str = "", met: bool | None = None) -> str:
    verdict = "" if met is None else ("met" if met else "MISSED")
    return f"  {label:<48} {value:>14}   {target:<16} {verdict}"


async def run(quick: bool) -> dict[str, Any]:
    flag = ["--quick"] if quick else []
    results: dict[str, Any] = {"quick": quick, "python": sys.version.split()[0]}
    async with FakeGroqProcess() as fake:
        results["twin"] = await _child("bench.ours", fake.base_url, fake.control_url, *flag)
        try:
            results["litellm"] = await _child(
                "bench.litellm_run", fake.base_url, fake.control_url, *flag
            )
        except RuntimeError as exc:  # LiteLLM not installed: `make bench` installs it
            results["litellm"] = {"error": str(exc)}
        results["startup"] = await _startup(fake.base_url, 3 if quick else 5)
    results["store"] = await store_rate.measure()
    return results


def report(r: dict[str, Any]) -> str:
    twin, lite = r["twin"], r["litellm"]
    extra_h, extra_d = _extra(twin, "healthy", "twin"), _extra(twin, "down", "twin")
    bare_h = twin["healthy"]["bare"]["median_ms"]
    cached = twin["healthy"]["twin_cached"]["median_ms"]
    conc = twin["concurrent"]["twin"]["per_s"] / twin["concurrent"]["bare"]["per_s"]
    lines = [
        "twin benchmark (medians; fake Groq in its own process; "
        f"Python {r['python']}{', quick' if r['quick'] else ''})",
        "",
        _line("bare AsyncGroq call", f"{bare_h:.2f} ms"),
        _line("twin whole path, new question", f"{twin['healthy']['twin']['median_ms']:.2f} ms"),
        _line("twin answer from the cache", f"{cached:.2f} ms"),
        _line("twin extra over bare, healthy", f"{extra_h:+.2f} ms", "<= 1 ms", extra_h <= 1.0),
        _line(
            "twin extra over bare, first model down",
            f"{extra_d:+.2f} ms",
            "<= 1 ms",
            extra_d <= 1.0,
        ),
        _line(
            "  requests that reached the dead model",
            f"{twin['down_requests_to_dead_model']} / {twin['down_twin_answers']}",
        ),
        _line("64 conversations: twin / bare throughput", f"{conc:.0%}", ">= 80%", conc >= 0.8),
        _line(
            "  answers/s twin, bare",
            f"{twin['concurrent']['twin']['per_s']:.0f}, {twin['concurrent']['bare']['per_s']:.0f}",
        ),
    ]
    if "error" in lite:
        lines.append(_line("LiteLLM Router", "not measured", lite["error"]))
    else:
        lite_h, lite_d = _extra(lite, "healthy", "litellm"), _extra(lite, "down", "litellm")
        ratio_h = lite_h / max(extra_h, 0.01)
        ratio_d = lite_d / max(extra_d, 0.01)
        lines += [
            _line(f"LiteLLM {lite['version']} Router extra, healthy", f"{lite_h:+.2f} ms"),
            _line("LiteLLM Router extra, first model down", f"{lite_d:+.2f} ms"),
            _line(
                "  requests that reached the dead model",
                f"{lite['down_requests_to_dead_model']} / {lite['down_litellm_answers']}",
            ),
            _line("LiteLLM extra / twin extra, healthy", f"{ratio_h:.1f}x", ">= 3x", ratio_h >= 3),
            _line(
                "LiteLLM extra / twin extra, first down", f"{ratio_d:.1f}x", ">= 10x", ratio_d >= 10
            ),
        ]
    s = r["startup"]
    lines += [
        _line(
            "start-up to ready, both adapters",
            f"{s['ready_s']:.2f} s",
            "<= 1.5 s",
            s["ready_s"] <= 1.5,
        ),
        _line(
            "peak resident memory, both adapters",
            f"{s['rss_mb']:.0f} MB",
            "<= 150 MB",
            s["rss_mb"] <= 150,
        ),
        _line("usage rows committed per second (64 writers)", f"{r['store']['rows_per_s']:.0f}"),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (about 1 minute)")
    args = parser.parse_args()
    results = asyncio.run(run(args.quick))
    print(report(results))
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten to {RESULTS}")


if __name__ == "__main__":
    main()
