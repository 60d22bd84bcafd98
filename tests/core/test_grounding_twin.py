"""Grounding end to end: the real groq SDK against the fake Groq told to invent facts, real
SQLite. No invented claim reaches the member, streamed or not; a grounded answer passes
unchanged; the correction call is metered; nothing unsupported is cached or remembered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.cli.render_text import gaps_text, health_text
from core.store.sqlite import SqliteStore as Store
from core.types import Answer, Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import INVENTED, FakeGroq

QUESTION = "What did you study, and where?"
GROUNDED = (
    "I'm a data engineer in Leeds. I studied Mathematics with Computer Science at the "
    "University of Sheffield, and I'm AWS certified."
)
LINE = "I'd rather not guess beyond what's in my profile."
INVENTED_TERMS = ("Globex", "from 2011", "37%", "Carnegie", "PhD")  # as a leak would read
ALL_FOUR = ("employer", "years", "percent", "school")


def ask(text: str = QUESTION, conversation: str = "c1") -> Question:
    return Question(
        text=text, platform="slack", user_id="U1", channel_id="C1", conversation=conversation
    )


async def streamed(twin: Any, question: Question) -> tuple[Answer, list[str]]:
    pieces: list[str] = []

    async def sink(delta: str) -> None:
        pieces.append(delta)

    return await twin.answer(question, on_text=sink), pieces


def nothing_invented(text: str) -> None:
    for term in INVENTED_TERMS:
        assert term not in text, f"{term!r} reached the member: {text!r}"


async def test_invented_claims_never_reach_the_member_in_a_stream(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    twin = await make_twin()
    answer, pieces = await streamed(twin, ask())
    assert fake_groq.requests[-1].get("stream") is True
    for piece in pieces:  # not even for a moment
        nothing_invented(piece)
    assert "".join(pieces) == answer.text == f"{GROUNDED} {LINE}"
    held = set(answer.held_claims)
    assert {"Globex Dynamics", "2011", "37%", "Carnegie Mellon University"} <= held


async def test_invented_claims_never_reach_the_member_without_streaming(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    twin = await make_twin(llm="check_models_at_start = false\nstream = false\n")
    answer, pieces = await streamed(twin, ask())
    assert fake_groq.requests[-1].get("stream") in (None, False)
    assert pieces == []
    nothing_invented(answer.text)
    assert answer.text == f"{GROUNDED} {LINE}"


async def test_a_grounded_answer_passes_unchanged(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    fake_groq.reply = GROUNDED
    twin = await make_twin()
    answer, pieces = await streamed(twin, ask())
    assert answer.text == GROUNDED and "".join(pieces) == GROUNDED
    assert answer.held_claims == ()


async def test_nothing_unsupported_is_cached_or_remembered(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent("employer", times=1)
    twin = await make_twin()
    first = await twin.answer(ask(conversation="a"))
    assert first.held_claims == ("Globex Dynamics",)
    again = await twin.answer(ask(conversation="b"))
    assert not again.cached and len(fake_groq.requests) == 2  # the held answer was not cached
    assert again.text == GROUNDED
    third = await twin.answer(ask(conversation="c"))
    assert third.cached and third.text == GROUNDED  # a clean answer is cached as shown
    # the conversation remembers what was shown, so an invention never becomes "given"
    await twin.answer(ask("And after that?", conversation="a"))
    assert "Globex" not in json.dumps(fake_groq.requests[-1]["messages"])


async def test_the_correction_call_is_metered_and_checked_again(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    def reply(body: dict[str, Any]) -> str:
        last = body["messages"][-1]["content"]
        if "named things the FACTS do not say" in last:
            return "My degree is from the University of Sheffield. I also worked at Initech."
        return GROUNDED

    fake_groq.reply = reply
    fake_groq.invent("employer", "percent", times=1)
    twin = await make_twin('[grounding]\non_held = "correct"\n')
    answer, pieces = await streamed(twin, ask())
    correction = fake_groq.requests[-1]["messages"][-1]["content"]
    assert len(fake_groq.requests) == 2
    assert '"Globex Dynamics"' in correction and '"37%"' in correction
    assert fake_groq.requests[-1]["model"] == fake_groq.requests[0]["model"]  # the same model
    # the corrected sentence is shown; its own invention (Initech) is held, then the line
    assert "".join(pieces) == answer.text
    assert answer.text == (f"{GROUNDED} My degree is from the University of Sheffield. {LINE}")
    nothing_invented(answer.text)
    assert "Initech" not in answer.text
    await twin.close()
    store = await Store.open(tmp_path / "twin.db")
    rows = await store.fetch(
        "SELECT request_id, prompt_tokens, completion_tokens, cost_usd, outcome FROM usage"
    )
    held = await store.fetch("SELECT id FROM reservations")
    await store.close()
    assert [r[4] for r in rows] == ["ok", "ok"] and rows[0][0] == rows[1][0] == answer.request_id
    assert answer.prompt_tokens == rows[0][1] + rows[1][1]
    assert answer.completion_tokens == rows[0][2] + rows[1][2]
    assert abs(answer.cost_usd - (rows[0][3] + rows[1][3])) < 1e-12
    assert held == []  # both reservations settled (closed by their usage rows, or released)


async def test_held_claims_reach_the_owner_as_a_possible_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent("school")
    twin = await make_twin()
    await twin.answer(ask())
    shown = gaps_text(await twin.gaps_report())  # what `twin gaps` prints
    assert QUESTION in shown and "The model wanted to say" in shown and "Carnegie" in shown
    await twin.close()
    store = await Store.open(tmp_path / "twin.db")
    groups = await store.gap_groups()
    await store.close()
    held = [g for g in groups if g.kind == "held_claim"]
    assert len(held) == 1 and held[0].questions[0] == QUESTION
    assert "The model wanted to say" in held[0].detail and "PhD" in held[0].detail


async def test_health_shows_invented_claims_per_100_answers_and_one_alert(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    twin = await make_twin(
        "[cache]\nenabled = false\n[grounding]\nalert_per_100 = 50\nalert_min_answers = 2\n"
    )
    await twin.answer(ask(conversation="a"))  # clean
    fake_groq.invent("employer")
    await twin.answer(ask(conversation="b"))
    health = (await twin.health_report()).models[0]
    assert health.answers_checked == 2 and health.invented_per_100 == 50.0
    assert "50.0 invented claims per 100 answers (of 2 checked)" in health_text(
        await twin.health_report()
    )
    await twin.answer(ask(conversation="c"))
    alerts = [a for a in twin.alerts.sent if a.kind == "grounding"]
    assert len(alerts) == 1 and "openai/gpt-oss-20b" in alerts[0].title


async def test_adaptive_routing_counts_invented_claims_like_failures(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    twin = await make_twin(llm='check_models_at_start = false\nrouting = "adaptive"\n')
    await twin.answer(ask())
    order = [m.model for m in (await twin.health_report()).models]
    assert order[0] == "openai/gpt-oss-120b"  # the inventing model goes behind the untried one


async def test_grounding_off_shows_the_model_text_as_it_came(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent("employer")
    twin = await make_twin("[grounding]\nenabled = false\n")
    answer = await twin.answer(ask())
    assert answer.text == f"{GROUNDED} {INVENTED['employer']}"


async def test_two_twins_on_one_database_raise_the_inventing_alert_once(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    # Each process counts its own answers, but the alert is claimed in the store: once a day.
    extra = "[cache]\nenabled = false\n[grounding]\nalert_per_100 = 50\nalert_min_answers = 1\n"
    first, second = await make_twin(extra), await make_twin(extra)
    fake_groq.reply = GROUNDED
    fake_groq.invent("employer", times=2)
    await first.answer(ask(conversation="a"))
    await second.answer(ask(conversation="b"))
    sent = [a for twin in (first, second) for a in twin.alerts.sent if a.kind == "grounding"]
    assert len(sent) == 1
