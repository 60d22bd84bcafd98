"""LiteLLM's Router against the same fake, beside a bare AsyncGroq call (a bench child).

`python -m bench.litellm_run GROQ_URL CONTROL_URL [--quick]` prints one JSON object.

The Router: two deployments, one per model group, through LiteLLM's OpenAI-compatible path
(`openai/<id>` at `<fake>/openai/v1`: the same request the Groq SDK sends; LiteLLM's own `groq/`
provider fails on this fake's answers, which carry no `service_tier` field), and
`fallbacks=[{"fast": ["big"]}]`, everything else at LiteLLM's defaults.

- `healthy`, `down`, `concurrent`: with `num_retries=0`, so that neither side retries the same
  model and the figures compare routing, not retry policy (the bare client and the twin's SDK
  run with `max_retries=0` too; the twin retries 5xx only while its breaker is closed);
- `down_defaults`: the first model down with LiteLLM's default `num_retries` (2): what a user
  gets out of the box. Cooldowns stay at LiteLLM's defaults throughout; their values are read
  from `litellm.constants` and reported. In the versions we read (1.110), a model group with a
  single deployment is not cooled down on 5xx errors unless every request of the last minute
  failed and there were at least `SINGLE_DEPLOYMENT_TRAFFIC_FAILURE_THRESHOLD` of them (1000),
  so every question is first sent to the dead model.

LiteLLM is imported only here: never a runtime dependency of the twin.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import groq

from bench.fake_proc import FakeControl
from bench.timing import interleaved, summarize, throughput_rounds
from bench.workload import (
    API_KEY,
    CONVERSATIONS,
    FIRST,
    SECOND,
    bench_messages,
    request_fields,
    write_config,
)

COOLDOWN_CONSTANTS = (
    "DEFAULT_COOLDOWN_TIME_SECONDS",
    "DEFAULT_ALLOWED_FAILS",
    "DEFAULT_FAILURE_THRESHOLD_PERCENT",
    "DEFAULT_FAILURE_THRESHOLD_MINIMUM_REQUESTS",
    "SINGLE_DEPLOYMENT_TRAFFIC_FAILURE_THRESHOLD",
    "DEFAULT_MAX_RETRIES",
)


NOT_INSTALLED = (
    "LiteLLM is not installed (the bench extra): .venv/bin/pip install -e '.[dev,bench]' "
    "(make bench does)"
)


def missing() -> str | None:
    """Why LiteLLM cannot be measured here (a venv made by `make` has the dev extra only; the
    child would exit 1 on its import), else None."""
    return None if importlib.util.find_spec("litellm") is not None else NOT_INSTALLED


def _version() -> str:
    from importlib.metadata import version

    return version("litellm")


def make_router(groq_url: str, **options: Any) -> Any:
    from litellm.router import Router

    base = f"{groq_url}/openai/v1"
    deployments = [
        {
            "model_name": name,
            "litellm_params": {"model": f"openai/{model}", "api_base": base, "api_key": API_KEY},
        }
        for name, model in (("fast", FIRST), ("big", SECOND))
    ]
    return Router(model_list=deployments, fallbacks=[{"fast": ["big"]}], **options)


class Side:
    """A LiteLLM Router and a bare client, and the calls that exercise them."""

    def __init__(self, groq_url: str, messages: list[dict[str, str]], **options: Any) -> None:
        self.router = make_router(groq_url, **options)
        self.client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url, max_retries=0)
        self.messages = messages
        self.bare_model = FIRST
        self.served: dict[str, int] = {}

    async def bare(self) -> None:
        await self.client.chat.completions.create(**request_fields(self.bare_model, self.messages))

    async def litellm(self) -> None:
        fields = request_fields(FIRST, self.messages)
        response = await self.router.acompletion(
            model="fast",
            messages=self.messages,
            max_tokens=fields["max_tokens"],
            temperature=fields["temperature"],
            extra_body=fields["extra_body"],
        )
        model = str(getattr(response, "model", ""))
        self.served[model] = self.served.get(model, 0) + 1

    async def close(self) -> None:
        await self.client.close()


async def run(groq_url: str, control_url: str, quick: bool) -> dict[str, Any]:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no cost-map download
    started = time.perf_counter()
    import litellm
    import litellm.constants

    out: dict[str, Any] = {"import_s": time.perf_counter() - started}
    litellm.suppress_debug_info = True
    logging.getLogger("LiteLLM").setLevel(logging.ERROR)
    logging.getLogger("LiteLLM Router").setLevel(logging.CRITICAL)
    rounds, per_round = (15, 8) if quick else (60, 12)
    per_worker, conc_rounds = (3, 3) if quick else (6, 3)
    defaults_answers = 1 if quick else 3
    control = FakeControl(control_url)
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        messages = bench_messages(write_config(Path(tmp)))
    out["version"] = _version()
    out["cooldown_defaults"] = {
        name: getattr(litellm.constants, name, None) for name in COOLDOWN_CONSTANTS
    }
    out["options"] = {"num_retries": 0, "fallbacks": [{"fast": ["big"]}]}

    side = Side(groq_url, messages, num_retries=0)
    try:
        out["healthy"] = summarize(
            await interleaved({"bare": side.bare, "litellm": side.litellm}, rounds, per_round)
        )
    finally:
        await side.close()
    await control.reset()

    side = Side(groq_url, messages, num_retries=0)
    side.bare_model = SECOND
    await control.fail(FIRST, 503)
    try:
        dead_before = await control.calls_to(FIRST)
        down = await interleaved({"bare": side.bare, "litellm": side.litellm}, rounds, per_round)
        out["down_requests_to_dead_model"] = await control.calls_to(FIRST) - dead_before
        out["down_litellm_answers"] = len(down["litellm"]["ms"]) + 20  # the warm-up block too
        out["down_served_by"] = side.served
        out["down"] = summarize(down)

        defaults = Side(groq_url, messages)  # LiteLLM's own num_retries
        try:
            dead_before = await control.calls_to(FIRST)
            samples = []
            for _ in range(defaults_answers):
                began = time.perf_counter()
                await defaults.litellm()
                samples.append((time.perf_counter() - began) * 1000)
            out["down_defaults"] = {
                "median_ms": sorted(samples)[len(samples) // 2],
                "answers": defaults_answers,
                "requests_to_dead_model": await control.calls_to(FIRST) - dead_before,
                "served_by": defaults.served,
            }
        finally:
            await defaults.close()
    finally:
        await control.clear()
        await side.close()
    await control.reset()

    side = Side(groq_url, messages, num_retries=0)
    try:
        out["concurrent"] = await throughput_rounds(
            {"bare": side.bare, "litellm": side.litellm}, CONVERSATIONS, per_worker, conc_rounds
        )
    finally:
        await side.close()
    await control.reset()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groq_url")
    parser.add_argument("control_url")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL, stream=sys.stderr)
    print(json.dumps(asyncio.run(run(args.groq_url, args.control_url, args.quick))))


if __name__ == "__main__":
    main()
