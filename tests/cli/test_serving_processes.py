"""Regression (#31 item 10): a `twin ask` that ran a moment before is not another twin serving
from the database, so `twin run` keeps its conversations in memory and says nothing about it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from core.clock import utc_now
from core.store.sqlite import SqliteStore
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq


async def test_run_after_an_ask_does_not_count_the_ask_as_a_running_twin(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    env = base_env(fake_groq)
    code, _, err = await run_twin("ask", "Where did you study?", "--config", str(config), env=env)
    assert code == 0, err
    code, _, err = await run_twin("run", "--config", str(config), env=env, stdin=b"")
    assert code == 0, err
    assert "memory:" not in err  # alone: nothing to say (main said "turns read ... (shared)")


async def test_run_beside_a_serving_twin_says_so_in_words(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    other = await SqliteStore.open(tmp_path / "twin.db")
    await other.heartbeat("serving-elsewhere", utc_now(), timedelta(minutes=1))
    await other.close()
    code, _, err = await run_twin("run", "--config", str(config), env=base_env(fake_groq))
    assert code == 0, err
    assert "another twin serves from this database" in err
