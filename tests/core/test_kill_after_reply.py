"""A process killed right after it replied has already recorded the usage of that reply."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

from core.store.sqlite import SqliteStore as Store
from tests.cli.test_cli import base_env
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq


async def test_regression_kill_right_after_reply_loses_no_usage_row(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "ask",
        "--json",
        "--config",
        str(config),
        "--questions",
        str(_questions(tmp_path)),
        "--concurrency",
        "1",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=base_env(fake_groq),
    )
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), timeout=60)
    proc.send_signal(signal.SIGKILL)  # no clean shutdown, no close of the database
    await proc.wait()
    replied = json.loads(line)
    assert replied["model"] == "openai/gpt-oss-20b"

    store = await Store.open(tmp_path / "twin.db")
    usage = await store.fetch("SELECT request_id, outcome, prompt_tokens FROM usage")
    asked = await store.fetch("SELECT request_id, outcome FROM questions")
    await store.close()
    assert (replied["request_id"], "ok") in {(r[0], r[1]) for r in usage}
    assert (replied["request_id"], "answered") in set(asked)


def _questions(tmp_path: Path) -> Path:
    path = tmp_path / "q.txt"
    # many questions with a concurrency of 1: the process is still busy when it is killed
    path.write_text("\n".join(f"Question {i} about your projects?" for i in range(200)))
    return path
