"""The twin against the bare Groq client, in one process (a child of `python -m bench`).

`python -m bench.ours GROQ_URL CONTROL_URL [--quick]` prints one JSON object:

- `healthy`: sequential milliseconds of a bare `AsyncGroq` call, the twin's whole path for a new
  question (`twin.answer`, a fresh conversation and an unseen text, so the answer cache misses)
  and the cached path (same text, fresh conversation), in alternating blocks;
- `concurrent`: answers per second with 64 conversations at once, bare vs twin, alternating;
- `down`: the first model answering 503 to everything. After a warm-up in which the twin's
  breaker opens, sequential bare calls to the second model vs twin answers, and how many
  requests still reached the dead model while measuring.

The twin is built by `core.factory.build_twin` from the benchmark config on a fresh SQLite file,
with the production clocks; LiteLLM is never imported here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import groq

from bench.fake_proc import FakeControl
from bench.timing import interleaved, summary, throughput_rounds
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
from core.twin import Twin
from core.types import Answer


class Checked:
    """Counts answers that did not come from the expected model (refused, degraded, cached)."""

    def __init__(self) -> None:
        self.wrong: dict[str, int] = {}

    def check(self, answer: Answer, model: str, *, cached: bool = False) -> None:
        ok = answer.cached if cached else answer.model == model and not answer.degraded
        if not ok:
            what = (
                f"refused:{answer.refusal.kind.value}"
                if answer.refusal
                else "degraded"
                if answer.degraded
                else f"model:{answer.model}:cached={answer.cached}"
            )
            self.wrong[what] = self.wrong.get(what, 0) + 1


async def _warm_breaker(twin: Twin, questions: Questions, limit_s: float = 60.0) -> dict[str, Any]:
    """Answer until an answer goes straight to the second model (the first one's breaker open)."""
    started = time.perf_counter()
    answers = 0
    while time.perf_counter() - started < limit_s:
        answer = await twin.answer(questions.next())
        answers += 1
        if answer.attempts == (SECOND,):
            break
    return {"answers": answers, "seconds": time.perf_counter() - started}


async def run(groq_url: str, control_url: str, quick: bool) -> dict[str, Any]:
    control = FakeControl(control_url)
    rounds, per_round = (3, 40) if quick else (6, 120)
    per_worker, conc_rounds = (5, 3) if quick else (16, 5)
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        config_path = write_config(Path(tmp))
        messages = bench_messages(config_path)
        twin = await build_twin(load_config(config_path), twin_env(groq_url))
        client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url, max_retries=0)
        questions, checked = Questions("twin"), Checked()
        first, second = request_fields(FIRST, messages), request_fields(SECOND, messages)
        expected = FIRST

        async def bare_first() -> None:
            await client.chat.completions.create(**first)

        async def bare_second() -> None:
            await client.chat.completions.create(**second)

        async def twin_fresh() -> None:
            checked.check(await twin.answer(questions.next()), expected)

        async def twin_cached() -> None:
            checked.check(await twin.answer(questions.next(same_text=True)), expected, cached=True)

        try:
            await twin.answer(questions.next(same_text=True))  # fills the cache entry
            healthy = await interleaved(
                {"bare": bare_first, "twin": twin_fresh, "twin_cached": twin_cached},
                rounds,
                per_round,
            )
            await control.reset()
            concurrent = await throughput_rounds(
                {"bare": bare_first, "twin": twin_fresh}, CONVERSATIONS, per_worker, conc_rounds
            )
            await control.reset()

            await control.fail(FIRST, 503)
            expected = SECOND
            warm = await _warm_breaker(twin, questions)
            dead_before = await control.calls_to(FIRST)
            down = await interleaved({"bare": bare_second, "twin": twin_fresh}, rounds, per_round)
            dead_after = await control.calls_to(FIRST)
            report = await twin.health_report()
            breaker = next((h.breaker for h in report.models if h.model == FIRST), "unknown")
            await control.clear()
        finally:
            await client.close()
            await twin.close()
    return {
        "healthy": {name: summary(ms) for name, ms in healthy.items()},
        "concurrent": concurrent,
        "down": {name: summary(ms) for name, ms in down.items()},
        "down_warmup": warm,
        "down_requests_to_dead_model": dead_after - dead_before,
        "down_twin_answers": len(down["twin"]) + 20,
        "down_breaker_state_after": breaker,
        "unexpected_answers": checked.wrong,
        "prompt_chars": sum(len(m["content"]) for m in messages),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groq_url")
    parser.add_argument("control_url")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    print(json.dumps(asyncio.run(run(args.groq_url, args.control_url, args.quick))))


if __name__ == "__main__":
    main()
