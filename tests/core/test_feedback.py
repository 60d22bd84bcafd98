"""Feedback on answers: one vote per member per answer, the last click wins, listeners hear it."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from core.insight.feedback import Feedback
from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore as Store
from core.types import Question
from tests.conftest import MakeTwin
from tests.store.old_sqlite_schema import MIGRATIONS as _MIGRATIONS


def ask(text: str, user: str = "U1") -> Question:
    return Question(
        text=text, platform="slack", user_id=user, channel_id="C1", conversation=f"c:{user}:{text}"
    )


async def test_the_last_click_wins_and_listeners_hear_each_vote_with_the_answer(
    make_twin: MakeTwin,
) -> None:
    twin = await make_twin()
    heard: list[Feedback] = []

    async def listener(feedback: Feedback) -> None:
        heard.append(feedback)

    async def broken(feedback: Feedback) -> None:
        raise RuntimeError("a listener bug")

    twin.feedback.subscribe(broken)
    twin.feedback.subscribe(listener)
    answer = await twin.answer(ask("Where did you go to university?"))
    assert answer.from_model and len(answer.answer_id) == 16

    await twin.record_feedback("slack", answer.answer_id, "U2", helpful=True)
    await twin.record_feedback("slack", answer.answer_id, "U2", helpful=False)
    await twin.record_feedback("slack", answer.answer_id, "U2", helpful=False)
    await twin.record_feedback("slack", answer.answer_id, "U3", helpful=True)

    votes = await twin.feedback.votes(answer.answer_id)
    assert sorted((v.user_id, v.helpful) for v in votes) == [("U2", False), ("U3", True)]
    assert [(f.vote.user_id, f.vote.helpful, f.changed) for f in heard] == [
        ("U2", True, True),
        ("U2", False, True),
        ("U2", False, False),
        ("U3", True, True),
    ]
    about = heard[0].answer
    assert about is not None
    assert about.question == "Where did you go to university?"
    assert about.answer == answer.text and about.model == answer.model
    assert about.user_id == "U1" and about.outcome == "answered"


async def test_a_vote_on_an_unknown_answer_is_kept_without_an_answer(make_twin: MakeTwin) -> None:
    twin = await make_twin()
    feedback = await twin.record_feedback("discord", "0123456789abcdef", "42", helpful=False)
    assert feedback.answer is None and feedback.previous is None
    assert [v.helpful for v in await twin.feedback.votes("0123456789abcdef")] == [False]


async def test_answer_ids_differ_and_a_cached_answer_has_its_own(make_twin: MakeTwin) -> None:
    twin = await make_twin()
    first = await twin.answer(ask("What do you do?", user="U1"))
    again = await twin.answer(ask("What do you do?", user="U2"))
    assert again.cached and again.from_model
    assert first.answer_id != again.answer_id
    record = await twin._p.store.answer_record(again.answer_id)
    assert record is not None and record.outcome == "cached" and record.answer == again.text


async def test_a_version_1_database_gains_the_feedback_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as db:
        await db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            + _MIGRATIONS[1]
            + "INSERT INTO meta VALUES ('schema_version', '1');"
            + "INSERT INTO questions (at, request_id, platform, user_id, channel_id, outcome)"
            " VALUES ('2026-11-01T00:00:00.000000Z', 'old1', 'slack', 'U1', 'C1', 'answered');"
        )
        await db.commit()
    store = await Store.open(path)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        record = await store.answer_record("old1")
        assert record is not None and record.question == "" and record.answer == ""
    finally:
        await store.close()
