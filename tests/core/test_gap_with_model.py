"""Issue 26, gaps round two, with a model (real store, fake Groq): the rules tell the model to
say the question is not written down when the facts only hold something near it, and the
common ways a model words that become a gap the owner hears of. Both fail on 5ad88a2 (the rule
said only "if they do not answer the question", and "I don't have that information" or "I
can't answer that from my profile" were read as answers, so nothing was filed)."""

from __future__ import annotations

import pytest

from tests.conftest import MakeTwin
from tests.core.test_twin import ask
from tests.fakes.groq_server import FakeGroq


async def test_the_rules_say_a_fact_near_the_question_is_no_answer(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    await twin.answer(ask("Do you have a PhD?"))
    rules = fake_groq.requests[-1]["messages"][0]["content"]
    assert "do not state what is asked" in rules
    assert "no answer" in rules


@pytest.mark.parametrize(
    "reply",
    [
        "I don't have that information in my profile.",
        "There's nothing about that in my profile, sorry.",
        "I can't answer that from my profile.",
        "My profile is silent on that, I'm afraid.",
    ],
)
async def test_a_model_saying_it_is_not_written_down_files_a_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq, reply: str
) -> None:
    fake_groq.reply = reply
    twin = await make_twin()
    answer = await twin.answer(ask("Do you have a PhD?"))
    assert not answer.degraded and answer.gap
    assert (await twin.gaps_report()).total == 1


# Gaps round four: the ways a model says a detail near the profile is not written down (the
# team's size, a GPA at another school, a thesis) were read as answers on 59d0623.
@pytest.mark.parametrize(
    "reply",
    [
        "That's not something my profile covers.",
        "I didn't note the size of my team anywhere.",
        "There's no record of a thesis in my profile.",
        "I never wrote that down.",
        "The profile doesn't specify how many users it had.",
        "My profile lists no certifications.",
        "Sorry, that detail isn't available.",
    ],
)
async def test_a_model_saying_a_detail_is_not_written_files_a_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq, reply: str
) -> None:
    fake_groq.reply = reply
    twin = await make_twin()
    answer = await twin.answer(ask("How big was your team?"))
    assert not answer.degraded and answer.gap
    assert (await twin.gaps_report()).total == 1


async def test_a_model_answering_with_a_figure_files_no_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = "The information on my team is on my profile: I mentor two junior engineers."
    twin = await make_twin()
    answer = await twin.answer(ask("How big was your team?"))
    assert not answer.gap
