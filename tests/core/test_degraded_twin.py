"""Degraded answers through the whole twin: what they quote, their sources, and gaps."""

from __future__ import annotations

from tests.conftest import MakeTwin
from tests.core.test_twin import ask


async def test_a_degraded_answer_that_quotes_the_profile_is_not_a_gap(make_twin: MakeTwin) -> None:
    twin = await make_twin(env={"GROQ_API_KEY": ""})
    now = await twin.answer(ask("What are you doing at the moment?"))  # no word of it matches
    assert now.degraded and "Northwind Freight" in now.text
    assert not now.gap and now.sources
    languages = await twin.answer(ask("What programming languages do you know?"))
    assert "Python" in languages.text and not languages.gap
    assert (await twin.gaps_report()).total == 0


async def test_a_degraded_answer_with_nothing_to_quote_is_a_gap(make_twin: MakeTwin) -> None:
    twin = await make_twin(env={"GROQ_API_KEY": ""})
    answer = await twin.answer(ask("What is your favourite volcano?"))
    assert answer.degraded and answer.gap and answer.sources == ()
    assert (await twin.gaps_report()).total == 1


async def test_a_model_answer_names_the_sections_it_drew_on(make_twin: MakeTwin) -> None:
    twin = await make_twin()
    answer = await twin.answer(ask("Where did you study?"))
    assert not answer.degraded and "Education" in answer.sources
