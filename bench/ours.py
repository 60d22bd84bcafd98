"""The twin against the bare Groq client, in one process (a child of `python -m bench`).

`python -m bench.ours GROQ_URL CONTROL_URL [--quick]` prints one JSON object:

- `healthy`: sequential milliseconds of a bare `AsyncGroq` call (the SDK's default client), the
  same bare call on the SDK's aiohttp client (the one the twin's provider uses: the like-for-like
  reference), the twin's whole path for a new question (`twin.answer`, a fresh conversation and
  an unseen text, so the answer cache misses) and the cached path (same text, fresh
  conversation), in short alternating blocks;
- `down`: the first model answering 503 to everything. After a warm-up in which the twin's
  breaker opens, sequential bare calls to the second model vs twin answers, and how many
  requests still reached the dead model while measuring;
- `concurrent`: answers per second with 64 conversations at once, bare vs twin, alternating.

Each phase gets a fresh twin (`core.factory.build_twin`, benchmark config, new SQLite file,
production clocks) and a fresh bare client, so no phase inherits another's connection pool or
heap. LiteLLM is never imported here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import groq

from bench.fake_proc import FakeControl
from bench.timing import Call, interleaved, summarize, throughput_rounds
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


@dataclass
class Contenders:
    """One phase's twin and bare client, and the calls that exercise them."""

    twin: Twin
    client: groq.AsyncGroq
    aio_client: groq.AsyncGroq  # the same SDK on its aiohttp client, as the twin's provider
    messages: list[dict[str, str]]
    questions: Questions
    checked: Checked
    expected: str = FIRST

    async def bare(self) -> None:
        await self.client.chat.completions.create(**request_fields(self.expected, self.messages))

    async def bare_aiohttp(self) -> None:
        fields = request_fields(self.expected, self.messages)
        await self.aio_client.chat.completions.create(**fields)

    async def fresh(self) -> None:
        self.checked.check(await self.twin.answer(self.questions.next()), self.expected)

    async def cached(self) -> None:
        answer = await self.twin.answer(self.questions.next(same_text=True))
        self.checked.check(answer, self.expected, cached=True)


@asynccontextmanager
async def contenders(
    groq_url: str, checked: Checked, name: str, database_url: str = ""
) -> AsyncIterator[Contenders]:
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        config_path = write_config(Path(tmp))
        env = twin_env(groq_url)
        if database_url:  # the store on PostgreSQL instead of a new SQLite file
            env["TWIN_DATABASE_URL"] = database_url
        twin = await build_twin(load_config(config_path), env)
        client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url, max_retries=0)
        aio_client = groq.AsyncGroq(
            api_key=API_KEY,
            base_url=groq_url,
            max_retries=0,
            http_client=groq.DefaultAioHttpClient(),
        )
        messages = bench_messages(config_path)
        try:
            yield Contenders(twin, client, aio_client, messages, Questions(name), checked)
        finally:
            await aio_client.close()
            await client.close()
            await twin.close()


async def _warm_breaker(c: Contenders, limit_s: float = 60.0) -> dict[str, Any]:
    """Answer until an answer goes straight to the second model (the first one's breaker open)."""
    started = time.perf_counter()
    answers = 0
    while time.perf_counter() - started < limit_s:
        answer = await c.twin.answer(c.questions.next())
        answers += 1
        if answer.attempts == (SECOND,):
            break
    return {"answers": answers, "seconds": time.perf_counter() - started}


async def run_postgres(groq_url: str, database_url: str, quick: bool) -> dict[str, Any]:
    """The healthy phase only, with the store on PostgreSQL (SQLite when `database_url` is
    empty): bare vs twin vs cached."""
    rounds, per_round = (15, 8) if quick else (60, 12)
    checked = Checked()
    async with contenders(groq_url, checked, "postgres", database_url) as c:
        await c.cached()
        checked.wrong.clear()
        healthy = await interleaved(
            {"bare": c.bare, "twin": c.fresh, "twin_cached": c.cached}, rounds, per_round
        )
    return {"healthy": summarize(healthy), "unexpected_answers": checked.wrong}


async def run(groq_url: str, control_url: str, quick: bool) -> dict[str, Any]:
    control = FakeControl(control_url)
    rounds, per_round = (15, 8) if quick else (60, 12)
    per_worker, conc_rounds = (4, 3) if quick else (12, 5)
    checked = Checked()
    out: dict[str, Any] = {}

    async with contenders(groq_url, checked, "healthy") as c:
        await c.cached()  # the first one fills the cache entry
        checked.wrong.clear()
        calls = {"bare": c.bare, "bare_aiohttp": c.bare_aiohttp, "twin": c.fresh}
        healthy = await interleaved({**calls, "twin_cached": c.cached}, rounds, per_round)
        out["healthy"] = summarize(healthy)
    await control.reset()

    async with contenders(groq_url, checked, "down") as c:
        await control.fail(FIRST, 503)
        try:
            c.expected = SECOND
            out["down_warmup"] = await _warm_breaker(c)
            dead_before = await control.calls_to(FIRST)
            bares: dict[str, Call] = {"bare": c.bare, "bare_aiohttp": c.bare_aiohttp}
            down = await interleaved({**bares, "twin": c.fresh}, rounds, per_round)
            out["down_requests_to_dead_model"] = await control.calls_to(FIRST) - dead_before
            out["down_twin_answers"] = len(down["twin"]["ms"]) + 20  # the warm-up block too
            report = await c.twin.health_report()
            out["down_breaker_state_after"] = next(
                (h.breaker for h in report.models if h.model == FIRST), "unknown"
            )
            out["down"] = summarize(down)
        finally:
            await control.clear()
    await control.reset()

    async with contenders(groq_url, checked, "concurrent") as c:
        out["concurrent"] = await throughput_rounds(
            {"bare": c.bare, "twin": c.fresh}, CONVERSATIONS, per_worker, conc_rounds
        )
        out["prompt_chars"] = sum(len(m["content"]) for m in c.messages)
    await control.reset()
    out["unexpected_answers"] = checked.wrong
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groq_url")
    parser.add_argument("control_url")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--database-url", default="", help="only the healthy phase, on PostgreSQL")
    parser.add_argument("--healthy-only", action="store_true", help="only the healthy phase")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    if args.database_url or args.healthy_only:
        result = asyncio.run(run_postgres(args.groq_url, args.database_url, args.quick))
    else:
        result = asyncio.run(run(args.groq_url, args.control_url, args.quick))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
