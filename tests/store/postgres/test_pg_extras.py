"""PostgreSQL: members' votes (the last click wins), answer records, the alerts history and gap
decisions, as the SQLite store keeps them; on a real server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.insight.alerts import Alert
from core.store.postgres import PostgresStore
from core.store.records import QuestionRecord
from core.store.records_feedback import FeedbackRow
from core.store.urls import parse_database_url
from tests.pg import PgTarget

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def _store(pg_target: PgTarget) -> PostgresStore:
    return await PostgresStore.open(parse_database_url(await pg_target.new_schema()))


async def test_votes_replace_each_other_and_say_what_came_before(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        first = FeedbackRow("slack", "a1", "U1", True, NOW)
        assert await store.record_feedback(first) is None
        again = FeedbackRow("slack", "a1", "U1", False, NOW + timedelta(seconds=5))
        assert await store.record_feedback(again) is True
        assert await store.record_feedback(FeedbackRow("slack", "a1", "U2", True, NOW)) is None
        assert [(v.user_id, v.helpful) for v in await store.feedback_for("a1")] == [
            ("U2", True),
            ("U1", False),
        ]
        assert [v.user_id for v in await store.feedback_since(NOW + timedelta(seconds=1))] == ["U1"]
        assert await store.feedback_for("other") == []
    finally:
        await store.close()


async def test_an_answer_record_is_the_question_row_of_its_request(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        assert await store.answer_record("r1") is None
        await store.record_question(QuestionRecord(NOW, "r1", "slack", "U1", "C1", "answered"))
        record = await store.answer_record("r1")
        assert record is not None
        assert (record.answer_id, record.user_id, record.outcome) == ("r1", "U1", "answered")
        assert record.at == NOW
    finally:
        await store.close()


async def test_alerts_history(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        for i in range(3):
            at = NOW + timedelta(minutes=i)
            await store.record_alert(Alert("budget", f"k{i}", f"t{i}", "x", "y", "warning", at))
        history = await store.alerts_history(limit=2)
        assert [a.key for a in history] == ["k2", "k1"] and history[0].at == NOW + timedelta(
            minutes=2
        )
    finally:
        await store.close()
