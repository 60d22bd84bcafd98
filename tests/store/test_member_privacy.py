"""Members' privacy in the store and through the twin: forget one member, purge text past the
retention on an injected clock, DM text kept out of the database, the v1 -> v2 migration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite

from core.clock import FakeClock
from core.models.usage import Attempt, CallContext
from core.store.base import Store as BaseStore
from core.store.privacy import FORGOTTEN
from core.store.records import CachedAnswer, QuestionRecord, StoredTurn
from core.store.records_feedback import FeedbackRow
from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore as Store
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.store.old_database import old_database

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def ask(text: str, user: str, conversation: str, dm: bool = False) -> Question:
    return Question(
        text=text,
        platform="slack",
        user_id=user,
        channel_id="D1" if dm else "C1",
        conversation=conversation,
        is_dm=dm,
    )


async def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    async with aiosqlite.connect(path) as db, db.execute(sql) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def test_forget_member_deletes_text_and_keeps_anonymous_usage(store: BaseStore) -> None:
    """On both backends (the `store` fixture)."""
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


async def test_the_twin_forgets_a_member_everywhere(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    twin = await make_twin()
    await twin.answer(ask("Where did you study?", "U1", "slack:T:C1:1"))
    await twin.answer(ask("And after that?", "U1", "slack:T:C1:1"))
    await twin.answer(ask("What are your skills?", "U2", "slack:T:C1:2"))
    gone = await twin.privacy.forget("slack", "U1")
    assert gone.turns == 4 and gone.cached == 1
    # U1's cached first question is gone from memory too: asked again, the model answers
    before = len(fake_groq.requests)
    again = await twin.answer(ask("Where did you study?", "U3", "slack:T:C1:3"))
    assert not again.cached and len(fake_groq.requests) == before + 1
    # and the thread has no memory of U1's turns
    await twin.answer(ask("Go on", "U2", "slack:T:C1:1"))
    assert "And after that?" not in str(fake_groq.requests[-1]["messages"])
    await twin.close()
    texts = await rows(tmp_path / "twin.db", "SELECT text FROM turns")
    assert not any("And after that?" in str(t[0]) for t in texts)


async def test_retention_purges_old_text_on_the_injected_clock(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock, tmp_path: Path
) -> None:
    twin = await make_twin("[privacy]\nretention_days = 30\n")
    await twin.answer(ask("Where did you study?", "U1", "slack:T:C1:1"))
    await twin.answer(ask("Do you play the bagpipes?", "U1", "slack:T:C1:2"))
    fake_groq.reply = "That isn't something I've written down yet"
    await twin.answer(ask("Do you knit?", "U1", "slack:T:C1:3"))
    assert (await twin.gaps_report()).total == 1
    fake_groq.reply = "I studied computer science."
    clock.advance(29 * 86_400)
    await twin.answer(ask("What are your skills?", "U2", "slack:T:C1:4"))
    assert (await twin.gaps_report()).total == 1  # 29 days: kept
    clock.advance(2 * 86_400)
    await twin.answer(ask("What are your hobbies?", "U2", "slack:T:C1:5"))  # runs the purge
    assert (await twin.gaps_report()).total == 0
    await twin.close()
    texts = [str(t[0]) for t in await rows(tmp_path / "twin.db", "SELECT text FROM turns")]
    assert "What are your hobbies?" in texts and "What are your skills?" in texts
    assert not any("bagpipes" in t or "study" in t for t in texts)
    usage = await rows(tmp_path / "twin.db", "SELECT COUNT(*) FROM questions")
    assert usage == [(5,)]  # usage rows stay
    asked = [str(r[0]) for r in await rows(tmp_path / "twin.db", "SELECT question FROM questions")]
    assert not any("bagpipes" in q or "study" in q for q in asked)  # their text is blanked
    assert "What are your hobbies?" in asked


async def test_retention_runs_at_start_up(
    make_twin: MakeTwin, clock: FakeClock, tmp_path: Path
) -> None:
    first = await make_twin()
    await first.answer(ask("Where did you study?", "U1", "slack:T:C1:1"))
    await first.close()
    clock.advance(31 * 86_400)
    await make_twin()
    assert await rows(tmp_path / "twin.db", "SELECT COUNT(*) FROM turns") == [(0,)]


async def test_dm_text_stays_out_of_the_database_when_told(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    twin = await make_twin("[privacy]\nstore_dm_text = false\n")
    await twin.answer(ask("Where did you study?", "U1", "slack:T:D1", dm=True))
    fake_groq.reply = "That isn't something I've written down yet"
    await twin.answer(ask("Do you knit?", "U1", "slack:T:D1", dm=True))
    assert "Where did you study?" in str(fake_groq.requests[-1]["messages"])  # memory holds
    await twin.answer(ask("Do you knit?", "U2", "slack:T:C1:9"))  # a channel: stored
    await twin.close()
    texts = [str(t[0]) for t in await rows(tmp_path / "twin.db", "SELECT text FROM turns")]
    assert "Where did you study?" not in texts and "Do you knit?" in texts
    assert await rows(tmp_path / "twin.db", "SELECT user_id FROM gaps") == [("U2",)]
    assert await rows(tmp_path / "twin.db", "SELECT COUNT(*) FROM cache") == [(0,)]
    records = await rows(tmp_path / "twin.db", "SELECT user_id, question FROM questions")
    assert sorted(records) == [("U1", ""), ("U1", ""), ("U2", "Do you knit?")]


async def test_an_older_database_gains_the_member_columns_and_keeps_its_turns(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    turn = (
        "INSERT INTO turns (conversation, at, role, text) VALUES ('c', '2026-11-25', 'user', 'hi')"
    )
    await old_database(path, 1, [turn])
    store = await Store.open(path)
    assert await store.schema_version() == SCHEMA_VERSION  # no schema number of its own
    assert await store.fetch("SELECT platform, user_id, text FROM turns") == [("", "", "hi")]
    assert (await store.forget_member("slack", "U1")).turns == 0  # no member: left alone
    await store.close()
    again = await Store.open(path)  # opening again changes nothing
    assert await again.fetch("SELECT platform, user_id, text FROM turns") == [("", "", "hi")]
    await again.close()


async def test_old_dashboard_decisions_on_a_forgotten_members_wordings_go_with_them(
    tmp_path: Path,
) -> None:
    store = await Store.open(tmp_path / "t.db")
    await store.add_gap(NOW, "slack", "U1", "Do you knit?")
    await store.add_gap(NOW, "slack", "U1", "Do you sing?")
    await store.add_gap(NOW, "slack", "U2", "Do you sing?")
    # the retired gap_status table (unread, but text; part of the one schema since version 8)
    await store._db.executescript(
        "INSERT INTO gap_status VALUES ('do you knit', 'ignored', '2026-11-25T12:00:00.000000Z');"
        "INSERT INTO gap_status VALUES ('do you sing', 'ignored', '2026-11-25T12:00:00.000000Z');"
    )
    gone = await store.forget_member("slack", "U1")
    assert gone.gap_decisions == 1  # "do you sing" was asked by U2 too: the decision stays
    left = await store._db.execute_fetchall("SELECT normalized FROM gap_status")
    assert [r[0] for r in left] == ["do you sing"]
    purged = await store.purge_text_before(NOW + timedelta(days=1))
    assert (purged.gaps, purged.gap_decisions) == (1, 1)
    assert list(await store._db.execute_fetchall("SELECT * FROM gap_status")) == []
    await store.close()


async def test_forget_takes_the_member_out_of_the_owner_loop_too(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    twin = await make_twin()
    await twin.answer(ask("Where did you study?", "U1", "slack:T:C1:1"))
    fake_groq.reply = "That isn't something I've written down yet"
    await twin.answer(ask("Do you knit?", "U1", "slack:T:C1:2"))
    await twin.answer(ask("Do you sing?", "U2", "slack:T:C1:3"))
    assert (await twin.gaps_report()).total == 2
    await twin.privacy.forget("slack", "U1")
    [group] = (await twin.gaps_report()).groups  # U1's group had no other asker: gone
    assert group.example == "Do you sing?"
    await twin.close()
    db = tmp_path / "twin.db"
    examples = [str(r[0]) for r in await rows(db, "SELECT example FROM gap_groups")]
    assert examples == ["Do you sing?"]
    askers = {str(r[0]) for r in await rows(db, "SELECT user_id FROM answer_sources")}
    assert FORGOTTEN in askers and "U1" not in askers  # /twin-why keeps its facts, not the asker
