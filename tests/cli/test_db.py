"""`twin db status` and `twin db copy --to URL` as real processes, on SQLite and a real
PostgreSQL; no output ever holds the password."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from core.models.usage import Attempt, CallContext
from core.store.postgres import PostgresStore
from core.store.records import BudgetCaps, QuestionRecord, StoredTurn
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq
from tests.pg import PgTarget

NOW = datetime.now(UTC).replace(microsecond=0)


def _password(url: str) -> str:
    password = urlsplit(url).password
    assert password
    return password


async def _history(path: Path) -> None:
    """A SQLite twin's history: two attempts (one failed), questions, a thread, a claim."""
    store = await SqliteStore.open(path)
    try:
        for i, outcome in enumerate(("ok", "server_error")):
            await store.record_attempt(
                Attempt(
                    at=NOW,
                    context=CallContext(f"r{i}", "slack", "U1", "C1"),
                    model="openai/gpt-oss-20b",
                    prompt_tokens=100,
                    completion_tokens=50 if outcome == "ok" else 0,
                    cost_usd=0.002 if outcome == "ok" else 0.0,
                    latency_ms=40.0,
                    outcome=outcome,
                )
            )
        await store.record_question(QuestionRecord(NOW, "r0", "slack", "U1", "C1", "answered"))
        await store.add_turns(
            "slack:C1:T1", [StoredTurn("user", "hi"), StoredTurn("assistant", "hello")], NOW
        )
        await store.add_gap(NOW, "slack", "U1", "What is your salary?")
        assert await store.claim("slack:event:Ev1", NOW)
    finally:
        await store.close()


async def test_status_of_a_new_sqlite_twin_creates_nothing(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    code, out, err = await run_twin("db", "status", "--config", str(config), env=base_env(None))
    assert code == 0, err
    assert "Backend: SQLite" in out and str(tmp_path / "twin.db") in out and "empty" in out
    assert not (tmp_path / "twin.db").exists()


async def test_copy_moves_the_history_and_the_twin_reads_it_on_postgresql(
    tmp_path: Path, pg_target: PgTarget, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    await _history(tmp_path / "twin.db")
    url = await pg_target.new_database()
    secret = _password(url)
    env = base_env(fake_groq)

    code, sqlite_usage, err = await run_twin("usage", "--json", "--config", str(config), env=env)
    assert code == 0, err
    code, out, err = await run_twin("db", "copy", "--to", url, "--config", str(config), env=env)
    assert code == 0, err
    assert "usage" in out and secret not in out + err and "***" in err

    on_pg = {**env, "TWIN_DATABASE_URL": url}
    code, out, err = await run_twin("db", "status", "--json", "--config", str(config), env=on_pg)
    assert code == 0, err
    status = json.loads(out)
    assert status["backend"] == "postgresql" and status["state"] == "current"
    counts = dict(status["counts"])
    assert counts["usage"] == 2 and counts["questions"] == 1 and counts["turns"] == 2
    assert counts["gaps"] == 1 and counts["seen"] == 1 and counts["spend"] == 2
    assert secret not in out + err and "***" in status["where"]

    code, pg_usage, err = await run_twin("usage", "--json", "--config", str(config), env=on_pg)
    assert code == 0, err
    before, after = json.loads(sqlite_usage), json.loads(pg_usage)
    for period in ("today", "month"):
        for key in ("questions", "calls", "failed_calls", "prompt_tokens", "completion_tokens"):
            assert after[period][key] == before[period][key], (period, key)
        assert abs(after[period]["cost_usd"] - before[period]["cost_usd"]) < 1e-9

    code, out, err = await run_twin("db", "copy", "--to", url, "--config", str(config), env=env)
    assert code == 2 and "already holds history" in err and secret not in out + err
    code, out, _ = await run_twin("db", "status", "--json", "--config", str(config), env=on_pg)
    assert dict(json.loads(out)["counts"])["usage"] == 2  # the refused copy wrote nothing

    store = await PostgresStore.open(parse_database_url(url))
    try:  # the spend was copied, not booked twice; a new call's usage row books its own
        caps = BudgetCaps(daily_tokens=10_000)
        assert (await store.ledger(NOW, caps)).day_tokens == 250
        await store.record_attempt(Attempt(NOW, CallContext("r9"), "m", 20, 10, 0.0, 1.0, "ok"))
        assert (await store.ledger(NOW, caps)).day_tokens == 280
    finally:
        await store.close()


async def test_a_wrong_password_exits_2_naming_host_and_database_only(
    tmp_path: Path, pg_target: PgTarget
) -> None:
    config = write_config(tmp_path)
    url = urlsplit(await pg_target.new_database())
    wrong = url._replace(netloc=f"{url.username}:wrong-pw-123@{url.hostname}:{url.port}").geturl()
    database = url.path.lstrip("/")
    for args in (("db", "status"), ("ask", "hi")):
        env = base_env(None, TWIN_DATABASE_URL=wrong)
        code, out, err = await run_twin(*args, "--config", str(config), env=env)
        assert code == 2, (args, err)
        assert f"{url.hostname}:{url.port}" in err and database in err, err
        assert "wrong-pw-123" not in out + err and "Traceback" not in err
        assert "[storage] path" not in err, err  # the variable chose the database, not the file
