"""Issue 26, gaps round three, with a model (real store, fake Groq): a model that answers from
a fact about something near the question ("I don't have a PhD, but I hold a BSc") files the
question as a gap, so the owner hears of it; a real answer files none. The near reply was read
as an answer on 0ffa0a5 (nothing filed)."""

from __future__ import annotations

from tests.conftest import MakeTwin
from tests.core.test_twin import ask
from tests.fakes.groq_server import FakeGroq


async def test_a_model_answering_from_a_neighbour_files_a_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = "I don't have a PhD, but I hold a BSc in Mathematics with Computer Science."
    twin = await make_twin()
    answer = await twin.answer(ask("Do you have a PhD?"))
    assert not answer.degraded and answer.gap
    assert (await twin.gaps_report()).total == 1


async def test_a_model_answering_files_no_gap(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    fake_groq.reply = "Yes - I hold the AWS Certified Data Engineer - Associate (2024)."
    twin = await make_twin()
    answer = await twin.answer(ask("Are you AWS certified?"))
    assert not answer.degraded and not answer.gap
    assert (await twin.gaps_report()).total == 0
