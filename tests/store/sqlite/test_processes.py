"""Several real `twin` processes on one SQLite file, against the fake Groq: the store is the one
ledger they share (budget, usage, health), and faults lose nothing that was spent."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq, Fault

NO_LIMITS = (
    "[limits]\nuser_per_minute = 0\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
    "tokens_per_minute = 0\n"
)
SPENT = (300, 150)  # what the fake reports for every answer: prompt, completion tokens


def _config(tmp_path: Path, daily: int, extra: str = "") -> Path:
    return write_config(
        tmp_path,
        "[llm]\ncheck_models_at_start = false\nmax_tokens = 300\nstream = false\n"
        # step_down off: these processes run on the wall clock, and early in a UTC day today's
        # pace projects far past any cap (the ledger is what is tested here)
        f"[budget]\ndaily_tokens = {daily}\nmonthly_usd = 0\nmin_answer_tokens = 100\n"
        "step_down = false\n"
        f"{NO_LIMITS}[cache]\nenabled = false\n{extra}",
    )


def _questions(tmp_path: Path, name: str, n: int) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(f"{name} question {i}: what did you build?" for i in range(n)))
    return path


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as raw:
        rows = raw.execute(sql).fetchall()
    raw.close()
    return rows


def _answers(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


async def _ask(config: Path, questions: Path, fake: FakeGroq, concurrency: int) -> list[Any]:
    code, out, err = await run_twin(
        "ask",
        "--json",
        "--config",
        str(config),
        "--questions",
        str(questions),
        "--concurrency",
        str(concurrency),
        env=base_env(fake),
    )
    assert code == 0, err
    assert "Traceback" not in err
    return _answers(out)


async def test_two_processes_on_one_file_never_spend_past_the_cap_together(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.usage = SPENT
    fake_groq.latency_s = 0.02
    # No answer until both processes are asking (each holds at most 2 worst cases, so the
    # first cannot take the whole cap before the second starts).
    both = fake_groq.hold = asyncio.Event()
    seen: set[str] = set()

    def note(body: dict[str, Any]) -> None:
        text = json.dumps(body["messages"])
        seen.update(name for name in ("alpha question", "bravo question") if name in text)
        if len(seen) == 2:
            both.set()

    fake_groq.on_request = note
    asked = 2 * 16 * sum(SPENT)  # what the two would spend with no cap
    cap = asked // 2
    config = _config(tmp_path, cap)
    first, second = await asyncio.gather(
        _ask(config, _questions(tmp_path, "alpha", 16), fake_groq, 2),
        _ask(config, _questions(tmp_path, "bravo", 16), fake_groq, 2),
    )
    for answers in (first, second):
        assert len(answers) == 16  # every question answered: by a model or from the profile
        assert all(a["error"] is None and a["answer"] for a in answers)
    spent = _rows(tmp_path / "twin.db", "SELECT SUM(prompt_tokens + completion_tokens) FROM usage")
    assert spent[0][0] <= cap
    assert any(a["model"] for a in first) and any(a["model"] for a in second)
    by_model = [a for a in first + second if not a["degraded"]]
    assert len(by_model) == len(fake_groq.requests)
    assert any(a["refused"] == "budget" for a in first + second)


async def test_a_burst_uses_most_of_the_cap_and_never_passes_it(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.usage = SPENT
    # 60 answers want 27,000 tokens; the cap leaves room for about 20, each reserving its
    # prompt (about 1,550 tokens with a large profile's outline) and 300 until it settles
    config = _config(tmp_path, 9_000)
    answers = await _ask(config, _questions(tmp_path, "burst", 60), fake_groq, 20)
    assert len(answers) == 60 and all(a["error"] is None for a in answers)
    spent = _rows(tmp_path / "twin.db", "SELECT SUM(prompt_tokens + completion_tokens) FROM usage")
    assert 0.75 * 9_000 <= spent[0][0] <= 9_000
    assert _rows(tmp_path / "twin.db", "SELECT COUNT(*) FROM reservations")[0][0] == 0


async def test_kill_9_in_a_burst_loses_no_usage_row_and_leaves_a_sound_file(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.usage = SPENT
    config = _config(tmp_path, 0)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "ask",
        "--json",
        "--config",
        str(config),
        "--questions",
        str(_questions(tmp_path, "kill", 400)),
        "--concurrency",
        "16",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=base_env(fake_groq),
    )
    assert proc.stdout is not None
    printed = [json.loads(await asyncio.wait_for(proc.stdout.readline(), 60)) for _ in range(25)]
    proc.send_signal(signal.SIGKILL)  # mid-burst: 16 questions in flight
    await proc.wait()
    db = tmp_path / "twin.db"
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    rows = {r[0] for r in _rows(db, "SELECT request_id FROM usage WHERE outcome = 'ok'")}
    assert {a["request_id"] for a in printed if a["model"]} <= rows
    assert len(rows) <= len(fake_groq.requests)  # no row for a call that was never made


async def test_a_breaker_opened_in_one_process_shows_in_twin_health_of_another(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.fail("openai/gpt-oss-20b", Fault.server_error(503))
    config = _config(tmp_path, 0, "")
    answers = await _ask(config, _questions(tmp_path, "h", 4), fake_groq, 1)
    assert all(a["model"] == "openai/gpt-oss-120b" for a in answers)
    code, out, err = await run_twin("health", "--json", "--config", str(config), env=base_env(None))
    assert code == 0, err
    models = {m["model"]: m for m in json.loads(out)["models"]}
    assert models["openai/gpt-oss-20b"]["breaker"] == "open"
    assert "server_error" in (models["openai/gpt-oss-20b"]["last_error"] or "")
    assert models["openai/gpt-oss-120b"]["breaker"] == "closed"


async def test_a_second_process_skips_a_model_whose_breaker_another_has_open(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.fail("openai/gpt-oss-20b", Fault.server_error(503))
    config = _config(tmp_path, 0, "")
    await _ask(config, _questions(tmp_path, "first", 4), fake_groq, 1)  # opens its breaker
    fake_groq.clear_faults()  # 20b is fine again, but the first process's breaker is still open
    tried = fake_groq.calls_to("openai/gpt-oss-20b")
    answers = await _ask(config, _questions(tmp_path, "second", 2), fake_groq, 1)
    assert [a["model"] for a in answers] == ["openai/gpt-oss-120b"] * 2
    assert fake_groq.calls_to("openai/gpt-oss-20b") == tried  # no member's question spent on it
