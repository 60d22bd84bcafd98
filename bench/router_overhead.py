"""What routing adds per answer over a bare `AsyncGroq` call, against the local fake Groq.

    python -m bench.router_overhead [-n 300]

Three timings, each the median and p95 of `n` sequential calls after a short warm-up:
  bare     `AsyncGroq.chat.completions.create` straight to the fake
  healthy  `Router.complete`, first model answering
  down     `Router.complete` with the first model answering 503 and its breaker already open
           (opened during warm-up), so the second model answers without a request to the first
The extra time is router minus bare, in ms, and the ratio router / bare. `measure(n)` returns
the figures as a dict for an all-in-one bench.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import groq

from core.config import parse_config
from core.insight.alerts import AlertBus
from core.models.providers.base import ChatMessage
from core.models.providers.registry import build_providers
from core.models.router import Router
from core.models.usage import Attempt, CallContext
from tests.fakes.groq_server import FakeGroq, Fault

FIRST, SECOND = "openai/gpt-oss-20b", "openai/gpt-oss-120b"
MESSAGES = (
    ChatMessage("system", "You are the twin. Answer in the first person from the profile."),
    ChatMessage("user", "Where did you study, and what did you work on there?"),
)
CONTEXT = CallContext(request_id="bench")
WARMUP = 20


class _NullSink:
    async def record_attempt(self, attempt: Attempt) -> None:
        return None


async def _no_sleep(seconds: float) -> None:
    return None


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def _time(n: int, call: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    for _ in range(WARMUP):
        await call()
    times: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(times), _p95(times)


async def measure(n: int = 300) -> dict[str, float]:
    """Median and p95 (ms) of bare, healthy-router and first-model-down calls, with the extra
    time per call over bare and the ratio to bare."""
    async with FakeGroq(
        reply="I studied computer science at Leeds, then built data tools."
    ) as fake:
        client = groq.AsyncGroq(base_url=fake.base_url, api_key="bench", max_retries=0)
        raw = {
            "persona": {"profile": "profile.json"},
            "llm": {
                "models": [FIRST, SECOND],
                "check_models_at_start": False,
                "breaker_cooldown_s": 3600.0,  # stays open for the whole measurement
            },
        }
        config = parse_config(raw, Path("bench.toml"))
        env = {"GROQ_API_KEY": "bench", "GROQ_BASE_URL": fake.base_url}
        providers = build_providers(config, env)
        router = Router(config, providers, (_NullSink(),), AlertBus(), sleep=_no_sleep)
        messages = [{"role": m.role, "content": m.content} for m in MESSAGES]

        async def bare() -> object:
            return await client.chat.completions.create(
                model=FIRST,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=256,
                extra_body={"include_reasoning": False, "reasoning_effort": "low"},
            )

        async def routed() -> object:
            return await router.complete(MESSAGES, CONTEXT, max_tokens=256)

        try:
            bare_p50, bare_p95 = await _time(n, bare)
            healthy_p50, healthy_p95 = await _time(n, routed)
            fake.fail(FIRST, Fault.server_error(503))
            await routed()  # 3 failures in a row: the first model's breaker opens
            sent_before = fake.calls_to(FIRST)
            down_p50, down_p95 = await _time(n, routed)
            assert fake.calls_to(FIRST) == sent_before, "a request reached the open breaker"
        finally:
            await providers.aclose()
            await client.close()
    return {
        "calls": float(n),
        "bare_p50_ms": bare_p50,
        "bare_p95_ms": bare_p95,
        "healthy_p50_ms": healthy_p50,
        "healthy_p95_ms": healthy_p95,
        "down_p50_ms": down_p50,
        "down_p95_ms": down_p95,
        "healthy_extra_ms": healthy_p50 - bare_p50,
        "down_extra_ms": down_p50 - bare_p50,
        "healthy_ratio": healthy_p50 / bare_p50,
        "down_ratio": down_p50 / bare_p50,
    }


def report(figures: dict[str, float]) -> str:
    """The figures as a few lines of text."""
    lines = [f"router overhead over a bare AsyncGroq call ({figures['calls']:.0f} calls each)"]
    lines.append(f"{'':28}{'median':>10}{'p95':>10}")
    for label, key in (
        ("bare AsyncGroq", "bare"),
        ("router, healthy", "healthy"),
        ("router, first model down", "down"),
    ):
        lines.append(
            f"{label:28}{figures[key + '_p50_ms']:>8.2f}ms{figures[key + '_p95_ms']:>8.2f}ms"
        )
    for label, key in (("healthy", "healthy"), ("first model down", "down")):
        lines.append(
            f"extra per call, {label}: {figures[key + '_extra_ms']:+.2f} ms "
            f"(x{figures[key + '_ratio']:.2f} of bare)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=300, help="calls per measurement")
    args = parser.parse_args()
    print(report(asyncio.run(measure(args.n))))


if __name__ == "__main__":
    main()
