"""The usage table keeps cached input and reasoning tokens; older databases migrate in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from core.models.usage import Attempt, CallContext
from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore as Store
from tests.store.old_database import old_database

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def attempt(cached: int = 0, reasoning: int = 0) -> Attempt:
    return Attempt(
        at=AT,
        context=CallContext("r1"),
        model="openai/gpt-oss-20b",
        prompt_tokens=1000,
        completion_tokens=200,
        cost_usd=0.0001,
        latency_ms=10.0,
        outcome="ok",
        cached_input_tokens=cached,
        reasoning_tokens=reasoning,
    )


async def test_cached_and_reasoning_tokens_round_trip(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "twin.db")
    try:
        await store.record_attempt(attempt(cached=768, reasoning=120))
        (back,) = await store.recent_attempts()
        assert (back.cached_input_tokens, back.reasoning_tokens) == (768, 120)
    finally:
        await store.close()


async def test_a_version_1_database_gains_the_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    usage = (
        "INSERT INTO usage (at, request_id, platform, user_id, channel_id, model,"
        " prompt_tokens, completion_tokens, cost_usd, latency_ms, outcome)"
        " VALUES ('2026-11-30T10:00:00.000000Z','old','cli','','','m',10,5,0.1,1,'ok')"
    )
    await old_database(path, 1, [usage])
    store = await Store.open(path)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        await store.record_attempt(attempt(cached=256))
        old, new = await store.recent_attempts()
        assert (old.prompt_tokens, old.cached_input_tokens, old.reasoning_tokens) == (10, 0, 0)
        assert new.cached_input_tokens == 256
    finally:
        await store.close()
