"""The bare client and LiteLLM as whole processes, for `bench.whole_process` (a bench child).

`python -m bench.whole_process_clients bare|litellm GROQ_URL FILE [--down]` answers the questions
of FILE (one per line) one at a time, as `twin ask --questions FILE --concurrency 1 --json` does,
and prints one JSON line per answer. Each question is sent with the messages the twin builds for
the benchmark question, its own text in the last (user) message.

- `bare`: `groq.AsyncGroq(api_key=..., base_url=...)` with the SDK's defaults (httpx, its default
  retries); with `--down` it asks the second model straight away (a bare client has no
  fallback: the floor is one call to a healthy model).
- `litellm`: LiteLLM's Router of `bench.litellm_run` (`fallbacks=[{"fast": ["big"]}]`,
  `num_retries=0`), asked for the group "fast"; with the first model down it falls back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.workload import API_KEY, FIRST, SECOND, bench_messages, request_fields, write_config


def _messages(question: str, template: list[dict[str, str]]) -> list[dict[str, str]]:
    return [*template[:-1], {"role": "user", "content": question}]


async def _bare(
    groq_url: str, questions: list[str], template: list[dict[str, str]], down: bool
) -> None:
    import groq

    model = SECOND if down else FIRST
    client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url)
    try:
        for question in questions:
            response = await client.chat.completions.create(
                **request_fields(model, _messages(question, template))
            )
            text = response.choices[0].message.content
            print(json.dumps({"question": question, "answer": text, "model": response.model}))
    finally:
        await client.close()


async def _litellm(groq_url: str, questions: list[str], template: list[dict[str, str]]) -> None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no cost-map download
    import litellm

    from bench.litellm_run import make_router

    litellm.suppress_debug_info = True
    logging.getLogger("LiteLLM").setLevel(logging.ERROR)
    logging.getLogger("LiteLLM Router").setLevel(logging.CRITICAL)
    router = make_router(groq_url, num_retries=0)
    for question in questions:
        messages = _messages(question, template)
        fields = request_fields(FIRST, messages)
        response: Any = await router.acompletion(
            model="fast",
            messages=messages,
            max_tokens=fields["max_tokens"],
            temperature=fields["temperature"],
            extra_body=fields["extra_body"],
        )
        text = response.choices[0].message.content
        print(json.dumps({"question": question, "answer": text, "model": str(response.model)}))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.whole_process_clients")
    parser.add_argument("client", choices=("bare", "litellm"))
    parser.add_argument("groq_url")
    parser.add_argument("file", type=Path)
    parser.add_argument("--down", action="store_true", help="the first model is down")
    args = parser.parse_args()
    questions = [q for q in args.file.read_text(encoding="utf-8").splitlines() if q.strip()]
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        template = bench_messages(write_config(Path(tmp)))
    if args.client == "bare":
        asyncio.run(_bare(args.groq_url, questions, template, args.down))
    else:
        asyncio.run(_litellm(args.groq_url, questions, template))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
