"""A database that fills up while `twin chat` runs (SQLite's max_page_count via
[storage] max_size_mb): no model call whose usage cannot be written, degraded answers with a
plain note, one alert, and recovery by itself once space is freed."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from core.limits.messages import STORAGE_NOTE
from core.store.sqlite import SqliteStore
from tests.cli.test_cli import base_env
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq

PAGE = 4096


async def _filled_database(db: Path) -> int:
    """A twin database with a filler table that can be dropped to free space; its page count."""
    store = await SqliteStore.open(db)
    await store.close()
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE filler (blob BLOB)")
        raw.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 3000,) for _ in range(60)])
        pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    raw.close()
    return pages


class Chat:
    """`twin chat` driven line by line: one question in, its answer and footer out."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    async def ask(self, text: str) -> tuple[str, str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{text}\n".encode())
        await self.proc.stdin.drain()
        lines: list[str] = []
        while True:
            raw = await asyncio.wait_for(self.proc.stdout.readline(), 30)
            assert raw, "twin chat ended early"
            line = raw.decode().rstrip("\n")
            if line.startswith(("(degraded:", "(openai/", "(not answered", "(cached")):
                return "\n".join(lines), line
            lines.append(line)


async def test_a_full_database_stops_model_calls_alerts_once_and_recovers(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    db = tmp_path / "twin.db"
    pages = await _filled_database(db)
    config = write_config(
        tmp_path,
        "[llm]\ncheck_models_at_start = false\n"
        f"[storage]\nmax_size_mb = {(pages + 0.5) * PAGE / 1e6}\n"
        "[cache]\nenabled = false\n[limits]\ntokens_per_minute = 0\n"
        "[budget]\nstep_down = false\n",  # on the wall clock (the budget is not tested here)
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "chat",
        "--config",
        str(config),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=base_env(fake_groq),
    )
    chat = Chat(proc)
    answered = 0
    for i in range(80):  # every answer writes turns, usage and a question row: pages run out
        body, footer = await chat.ask(f"Question {i}: tell me about your projects in detail?")
        if footer.startswith("(degraded"):
            break
        answered += 1
    else:
        raise AssertionError("the database never filled up")
    assert answered >= 1 and STORAGE_NOTE in body
    calls = len(fake_groq.requests)
    for i in range(3):  # while full: degraded with the note, and no model call at all
        body, footer = await chat.ask(f"While full {i}: where did you study?")
        assert footer.startswith("(degraded") and STORAGE_NOTE in body
    assert len(fake_groq.requests) == calls

    with sqlite3.connect(db) as raw:  # an operator frees space
        raw.execute("DELETE FROM filler")
    raw.close()
    body, footer = await chat.ask("After: where did you study?")
    assert footer.startswith("(openai/"), body  # resumed by itself
    assert len(fake_groq.requests) == calls + 1

    assert proc.stdin is not None
    proc.stdin.write(b"/quit\n")
    await proc.stdin.drain()
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0
    text = err.decode()
    assert "Traceback" not in text
    assert text.count("alert storage:") == 1
    assert "database or disk is full" not in text and "the disk is full" in text
    with sqlite3.connect(db) as raw:
        usage_rows = raw.execute("SELECT COUNT(*) FROM usage").fetchone()[0]
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    assert usage_rows == len(fake_groq.requests)  # every model call has its usage row
