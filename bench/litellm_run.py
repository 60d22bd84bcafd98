"""LiteLLM's Router against the same fake, beside a bare AsyncGroq call (a bench child).

`python -m bench.litellm_run GROQ_URL CONTROL_URL [--quick]` prints one JSON object.

Two deployments of the fake's models through LiteLLM's OpenAI-compatible path (`openai/<id>` at
`<fake>/openai/v1`, the same request the Groq SDK sends), `fallbacks=[{"fast": ["big"]}]`,
`num_retries=0` (the twin's equivalent retries are counted separately: we compare routing, not
retry counts) and LiteLLM's default cooldowns (`allowed_fails` 3, `cooldown_time` 5 s at the
time of writing). LiteLLM is imported only here: never a runtime dependency of the twin.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from typing import Any

import groq

from bench.fake_proc import FakeControl
from bench.timing import interleaved, summary
from bench.workload import API_KEY, FIRST, SECOND, bench_messages, request_fields, write_config


async def run(groq_url: str, control_url: str, quick: bool) -> dict[str, Any]:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no cost-map download
    import tempfile
    from pathlib import Path

    import litellm
    from litellm.router import Router

    litellm.suppress_debug_info = True
    logging.getLogger("LiteLLM").setLevel(logging.ERROR)
    rounds, per_round = (3, 40) if quick else (6, 120)
    control = FakeControl(control_url)
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        messages = bench_messages(write_config(Path(tmp)))
    base = f"{groq_url}/openai/v1"
    router = Router(
        model_list=[
            {
                "model_name": "fast",
                "litellm_params": {
                    "model": f"openai/{FIRST}",
                    "api_base": base,
                    "api_key": API_KEY,
                },
            },
            {
                "model_name": "big",
                "litellm_params": {
                    "model": f"openai/{SECOND}",
                    "api_base": base,
                    "api_key": API_KEY,
                },
            },
        ],
        fallbacks=[{"fast": ["big"]}],
        num_retries=0,
    )
    client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url, max_retries=0)
    extra = request_fields(FIRST, messages)["extra_body"]
    first, second = request_fields(FIRST, messages), request_fields(SECOND, messages)

    async def bare_first() -> None:
        await client.chat.completions.create(**first)

    async def bare_second() -> None:
        await client.chat.completions.create(**second)

    async def lite() -> None:
        await router.acompletion(
            model="fast",
            messages=messages,
            max_tokens=first["max_tokens"],
            temperature=first["temperature"],
            extra_body=extra,
        )

    try:
        healthy = await interleaved({"bare": bare_first, "litellm": lite}, rounds, per_round)
        await control.fail(FIRST, 503)
        dead_before = await control.calls_to(FIRST)
        down = await interleaved({"bare": bare_second, "litellm": lite}, rounds, per_round)
        dead_after = await control.calls_to(FIRST)
        await control.clear()
    finally:
        await client.close()
    return {
        "version": getattr(litellm, "__version__", None) or _version(),
        "healthy": {name: summary(ms) for name, ms in healthy.items()},
        "down": {name: summary(ms) for name, ms in down.items()},
        "down_requests_to_dead_model": dead_after - dead_before,
        "down_litellm_answers": len(down["litellm"]) + 20,
    }


def _version() -> str:
    from importlib.metadata import version

    return version("litellm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groq_url")
    parser.add_argument("control_url")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    print(json.dumps(asyncio.run(run(args.groq_url, args.control_url, args.quick))))


if __name__ == "__main__":
    main()
