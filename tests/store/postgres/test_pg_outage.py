"""PostgreSQL going away mid-run and coming back: the store says so (naming the server, never the
password) and recovers by itself; the twin fails closed as with a full disk."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.cli.terminal import owner_question
from core.store.postgres import PostgresStore
from core.store.records import QuestionRecord, StoreUnavailable
from core.store.urls import parse_database_url
from core.types import Answer, RefusalKind
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.pg import PASSWORD, PgServer, PgTarget

MODEL = "openai/gpt-oss-20b"


async def _database(server: PgServer) -> str:
    return await PgTarget(server.url("postgres")).new_database()


async def test_the_store_fails_with_a_clear_cause_and_recovers_when_the_server_returns(
    own_pg: PgServer,
) -> None:
    store = await PostgresStore.open(parse_database_url(await _database(own_pg)))
    try:
        now = datetime.now(UTC)
        record = QuestionRecord(now, "r1", "cli", "owner", "cli", "answered")
        await store.record_question(record)
        await asyncio.to_thread(own_pg.stop)
        for _ in range(2):  # stale pooled connections and new ones alike
            with pytest.raises(StoreUnavailable) as down:
                await store.record_question(record)
            assert "cannot record a question" in down.value.cause
            assert (
                f"127.0.0.1:{own_pg.port}" in down.value.cause and PASSWORD not in down.value.cause
            )
        await asyncio.to_thread(own_pg.start)
        await store.record_question(record)
        assert (await store.period_usage("all", now.replace(year=2000))).questions == 2
    finally:
        await store.close()


async def test_a_twin_answers_degraded_without_model_calls_while_the_server_is_down(
    own_pg: PgServer, make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(env={"TWIN_DATABASE_URL": await _database(own_pg)})

    async def ask(text: str) -> Answer:
        return await twin.answer(owner_question(text, "cli:outage"))

    first = await ask("Where did you study?")
    assert not first.degraded and fake_groq.calls_to(MODEL) == 1

    await asyncio.to_thread(own_pg.stop)
    during = [await ask("What are your skills?"), await ask("What projects have you built?")]
    for answer in during:
        assert answer.degraded and answer.refusal is not None, answer
        assert answer.refusal.kind is RefusalKind.STORAGE
    assert fake_groq.calls_to(MODEL) == 1  # no model call whose usage cannot be written
    storage_alerts = [a for a in twin.alerts.sent if a.kind == "storage"]
    assert len(storage_alerts) == 1  # one alert per outage
    assert PASSWORD not in storage_alerts[0].text and str(own_pg.port) in storage_alerts[0].text
    assert "PostgreSQL server is running" in storage_alerts[0].action

    await asyncio.to_thread(own_pg.start)
    after = await ask("What did you study?")  # the first write that succeeds resumes the twin
    assert not after.degraded and fake_groq.calls_to(MODEL) == 2
    assert len([a for a in twin.alerts.sent if a.kind == "storage"]) == 1
