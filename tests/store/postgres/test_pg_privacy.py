"""PostgreSQL: forget one member and purge old text, as the SQLite store does (the same
checks as tests/store/test_member_privacy.py), on a real server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.models.usage import Attempt, CallContext
from core.store.postgres import PostgresStore
from core.store.privacy import FORGOTTEN
from core.store.records import CachedAnswer, QuestionRecord, StoredTurn
from core.store.records_feedback import FeedbackRow
from core.store.urls import parse_database_url
from tests.pg import PgTarget

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def test_forget_member_deletes_text_and_keeps_anonymous_usage(pg_target: PgTarget) -> None:
    store = await PostgresStore.open(parse_database_url(await pg_target.new_schema()))
    for user in ("U1", "U2"):
        await store.add_turns(
            "slack:T:C1:1",  # one thread, two members
            [StoredTurn("user", f"Where did {user} study?"), StoredTurn("assistant", "Leeds.")],
            NOW,
            platform="slack",
            user_id=user,
        )
        await store.add_gap(NOW, "slack", user, f"Do you knit, {user}?")
        await store.record_question(
            QuestionRecord(
                NOW,
                f"r{user}",
                "slack",
                user,
                "C1",
                "answered",
                tokens=30,
                cost_usd=0.01,
                question=f"Where did {user} study?",
                answer="Leeds.",
            )
        )
        await store.record_feedback(FeedbackRow("slack", f"r{user}", user, True, NOW))
        ctx = CallContext(request_id="r", platform="slack", user_id=user, channel_id="C1")
        await store.record_attempt(Attempt(NOW, ctx, "m", 20, 10, 0.01, 5.0, "ok"))
        await store.cache_put(
            f"where did {user.lower()} study", "f", CachedAnswer("L", "m", 1, 0, NOW)
        )
    gone = await store.forget_member("slack", "U1")
    assert (gone.turns, gone.gaps, gone.cached, gone.usage_rows, gone.votes) == (2, 1, 1, 2, 1)
    turns = await store.fetch("SELECT user_id, text FROM turns")
    assert {t[0] for t in turns} == {"U2"} and not any("U1" in str(t[1]) for t in turns)
    assert [g.question for g in await store.gaps()] == ["Do you knit, U2?"]
    assert sorted(r[0] for r in await store.fetch("SELECT user_id FROM questions")) == [
        "U2",
        FORGOTTEN,
    ]
    assert await store.usage_since(NOW - timedelta(days=1)) == (60, 0.02)  # budgets stay right
    assert [r[0] for r in await store.fetch("SELECT key FROM cache")] == ["where did u2 study"]
    texts = await store.fetch("SELECT user_id, question, answer FROM questions ORDER BY user_id")
    assert texts == [("U2", "Where did U2 study?", "Leeds."), (FORGOTTEN, "", "")]
    voters = sorted(r[0] for r in await store.fetch("SELECT user_id FROM feedback"))
    assert voters[0] == "U2" and voters[1].startswith(f"{FORGOTTEN}-")  # counted, unlinkable
    await store.close()


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
