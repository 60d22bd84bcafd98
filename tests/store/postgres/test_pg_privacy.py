"""PostgreSQL: purge old text on a real server, as the SQLite store does (forgetting a member
runs on both backends in tests/store/test_member_privacy.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.store.postgres import PostgresStore
from core.store.records import CachedAnswer, QuestionRecord, StoredTurn
from core.store.urls import parse_database_url
from tests.pg import PgTarget

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def test_purge_deletes_old_text_and_blanks_old_question_records(pg_target: PgTarget) -> None:
    store = await PostgresStore.open(parse_database_url(await pg_target.new_schema()))
    try:
        for at in (NOW - timedelta(days=40), NOW):
            await store.add_turns("c", [StoredTurn("user", f"q {at.day}")], at, platform="slack")
            await store.add_gap(at, "slack", "U1", f"gap {at.day}")
            await store.cache_put(f"k{at.day}", "f", CachedAnswer("a", "m", 1, 0, at))
            await store.record_question(
                QuestionRecord(at, f"r{at.day}", "slack", "U1", "C1", "answered", question="Q?")
            )
        purged = await store.purge_text_before(NOW - timedelta(days=30))
        assert (purged.turns, purged.gaps, purged.cached, purged.question_texts) == (1, 1, 1, 1)
        assert [t.text for t in await store.last_turns("c", 5)] == [f"q {NOW.day}"]
        kept = await store.fetch("SELECT question FROM questions ORDER BY at")
        assert kept == [("",), ("Q?",)]
    finally:
        await store.close()
