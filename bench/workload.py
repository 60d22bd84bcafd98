"""What every contender is asked: the twin's config, the question, the exact messages sent.

The bare client and LiteLLM send the very messages the twin would build for the benchmark
question (persona rules plus the retrieved profile facts), with the same model, `max_tokens`,
temperature and reasoning fields, so that "extra time over bare" is only what the twin (or
LiteLLM) does around an identical request.
"""

from __future__ import annotations

import itertools
import json
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "profiles" / "example.json"
FIRST, SECOND = "openai/gpt-oss-20b", "openai/gpt-oss-120b"
QUESTION = "What did you study at university, and what do you build now?"
MAX_TOKENS = 1024
TEMPERATURE = 0.3
EXTRA_BODY = {"include_reasoning": False, "reasoning_effort": "low"}  # what the twin sends
CONVERSATIONS = 64
API_KEY = "bench-key"

# Limits and budgets are set (every check runs) but high enough that nothing is refused.
CONFIG = """\
[persona]
profile = "{profile}"

[llm]
models = ["{first}", "{second}"]

[budget]
daily_tokens = 1000000000000
monthly_usd = 1000000000.0

[limits]
user_per_minute = 1000000
channel_per_minute = 1000000
global_per_minute = 1000000
tokens_per_minute = 1000000000000

[storage]
path = "{db}"
"""


def write_config(directory: Path, *, slack_port: int | None = None) -> Path:
    """A twin config in `directory` (its database there too); `slack_port` adds [slack]."""
    text = CONFIG.format(
        profile=PROFILE.as_posix(), first=FIRST, second=SECOND, db=(directory / "twin.db")
    )
    if slack_port is not None:
        text += f'\n[slack]\nhost = "127.0.0.1"\nport = {slack_port}\n'
    path = directory / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def twin_env(groq_url: str) -> dict[str, str]:
    return {"GROQ_API_KEY": API_KEY, "GROQ_BASE_URL": groq_url}


def bench_messages(config_path: Path) -> list[dict[str, str]]:
    """The messages the twin builds for QUESTION (first question of a conversation)."""
    from core.config import load_config
    from core.persona.profiles.profile import load_profile
    from core.persona.prompt import build_messages, retrieval_query
    from core.persona.search.retrieval import Retriever

    config = load_config(config_path)
    profile = load_profile(config.persona.profile, config.persona.private)
    hits = Retriever(profile.chunks).search(
        retrieval_query(QUESTION, []), k=config.persona.context_chunks
    )
    messages = build_messages(profile, hits, [], QUESTION, no_answer=config.persona.no_answer)
    return [{"role": m.role, "content": m.content} for m in messages]


def request_fields(model: str, messages: list[dict[str, str]]) -> dict[str, Any]:
    """The chat-completions arguments of one call, as the twin's provider sends them."""
    return {
        "model": model,
        "messages": messages,
        "max_tokens": MAX_TOKENS,
        "temperature": TEMPERATURE,
        "extra_body": dict(EXTRA_BODY),
    }


class Questions:
    """Fresh benchmark questions: each one a new conversation, and (unless `same_text`) a text
    the answer cache has not seen, so every answer takes the whole path."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._ids = itertools.count()

    def next(self, *, same_text: bool = False) -> Any:
        from core.types import Question

        i = next(self._ids)
        text = QUESTION if same_text else f"{QUESTION} ({self._prefix} {i})"
        return Question(
            text=text,
            platform="slack",
            user_id=f"U{i % CONVERSATIONS:03d}",
            channel_id=f"C{i % 8}",
            conversation=f"bench:{self._prefix}:{uuid.uuid4().hex}",
        )


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, default=str)
