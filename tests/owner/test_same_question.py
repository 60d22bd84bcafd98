"""Gaps grouped by the model where the lexicon cannot see the rewording: through the whole twin
(real store, the groq SDK against the fake Groq). The call is metered, never counted as a
member's question, and any failure leaves the question to its own group."""

from __future__ import annotations

from typing import Any

from core.config import DEFAULT_NO_ANSWER
from core.owner.same_question import MARKER, picked, same_question_messages
from tests.conftest import MakeTwin
from tests.core.test_twin import ask
from tests.fakes.groq_server import FakeGroq, Fault

# Two wordings of one question that share no concept the lexicon knows.
FIRST = "Is there a ritual you never skip before an important meeting?"
SECOND = "Any superstition you follow ahead of big presentations?"


def script(choice: str) -> Any:
    """Groq's reply: `choice` to the grouping prompt, the no-answer sentence to a question."""

    def reply(body: dict[str, Any]) -> str:
        system = body["messages"][0]["content"]
        return choice if MARKER in system else DEFAULT_NO_ANSWER

    return reply


def grouping_calls(fake: FakeGroq) -> list[dict[str, Any]]:
    return [r for r in fake.requests if MARKER in r["messages"][0]["content"]]


async def gaps_after(make_twin: MakeTwin, *questions: str) -> list[int]:
    twin = await make_twin()
    for n, question in enumerate(questions):
        answer = await twin.answer(ask(question, conversation=f"c{n}", user=f"U{n}"))
        assert answer.gap
    report = await twin.gaps_report()
    return sorted(g.count for g in report.groups)


async def test_the_model_puts_a_rewording_into_its_group(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("1")
    assert await gaps_after(make_twin, FIRST, SECOND) == [2]
    (call,) = grouping_calls(fake_groq)  # the first question had no open group to compare
    assert FIRST in call["messages"][1]["content"] and SECOND in call["messages"][1]["content"]


async def test_the_call_is_metered_and_not_a_members_question(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("1")
    twin = await make_twin()
    for n, question in enumerate((FIRST, SECOND)):
        await twin.answer(ask(question, conversation=f"c{n}", user=f"U{n}"))
    attempts = await twin._p.store.recent_attempts()
    grouping = [a for a in attempts if a.context.request_id.endswith(":group")]
    assert len(grouping) == 1 and grouping[0].outcome == "ok"
    assert grouping[0].prompt_tokens > 0
    assert len(attempts) == len(fake_groq.requests)  # every call the model served is booked


async def test_a_model_that_says_none_keeps_two_groups(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("0")
    assert await gaps_after(make_twin, FIRST, SECOND) == [1, 1]
    assert len(grouping_calls(fake_groq)) == 1


async def test_an_unreadable_choice_files_the_gap_on_its_own(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("Both are about routines, I think.")
    assert await gaps_after(make_twin, FIRST, SECOND) == [1, 1]
    assert len(grouping_calls(fake_groq)) == 1


async def test_an_answer_without_a_model_spends_nothing_on_grouping(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    """Every model down (or no budget): the profile-only answer, and no grouping call."""
    fake_groq.reply = script("1")
    twin = await make_twin()
    await twin.answer(ask(FIRST, conversation="c0", user="U0"))
    for model in twin.config.llm.models:
        fake_groq.fail(model, Fault.server_error(503), times=10)
    served = len(fake_groq.requests)
    answer = await twin.answer(ask(SECOND, conversation="c1", user="U1"))
    assert answer.gap and answer.degraded
    assert len(grouping_calls(fake_groq)) == 0 and len(fake_groq.requests) > served
    assert sorted(g.count for g in (await twin.gaps_report()).groups) == [1, 1]


async def test_without_a_key_no_call_is_made(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    twin = await make_twin(env={"GROQ_API_KEY": ""})
    for n, question in enumerate((FIRST, SECOND)):
        assert (await twin.answer(ask(question, conversation=f"c{n}", user=f"U{n}"))).gap
    assert fake_groq.requests == []
    assert len((await twin.gaps_report()).groups) == 2


async def test_turned_off_in_config(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    fake_groq.reply = script("1")
    twin = await make_twin("[owner]\ngroup_by_model = false\n")
    for n, question in enumerate((FIRST, SECOND)):
        await twin.answer(ask(question, conversation=f"c{n}", user=f"U{n}"))
    assert grouping_calls(fake_groq) == []
    assert len((await twin.gaps_report()).groups) == 2


async def test_the_model_decides_over_a_likeness_of_words(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    """Words alike ("favourite film" / "movie"), the model asked all the same, the group its
    concepts are like shown first: its "none" makes a new group."""
    fake_groq.reply = script("0")
    film = ("What's your favourite film?", "Which movie do you love?")
    assert await gaps_after(make_twin, *film) == [1, 1]
    (call,) = grouping_calls(fake_groq)
    assert '1. "What\'s your favourite film?"' in call["messages"][1]["content"]


async def test_an_unreadable_choice_falls_back_to_the_likeness_of_words(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("Hard to say.")
    film = ("What's your favourite film?", "Which movie do you love?")
    assert await gaps_after(make_twin, *film) == [2]
    assert len(grouping_calls(fake_groq)) == 1


def test_the_reply_is_read_as_one_number_in_range() -> None:
    assert picked("2", 3) == 2
    assert picked("The answer is 3.", 3) == 3
    assert picked("0", 3) == 0  # none of them
    assert picked("7", 3) is None
    assert picked("none of them", 3) is None
    assert picked("<think>Maybe 2? No, 1 is closer.</think>1", 3) == 1  # thoughts left out
    assert picked("1 shares a word, but none asks the same: 0", 3) == 0  # the last number
    prompt = same_question_messages("q?", ["a?", 'say "2"\nnow'])[1].content
    assert '1. "a?"' in prompt and "2. \"say '2' now\"" in prompt  # quoted, one line each


async def test_a_group_the_lexicon_knows_is_another_question_is_never_shown(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    """A model that merges on a shared theme ("food") cannot mix the favourite with the hated:
    the only open group is another question, so no grouping call is made at all."""
    fake_groq.reply = script("1")
    assert await gaps_after(
        make_twin, "What's your favourite food?", "Which food do you hate?"
    ) == [1, 1]
    assert grouping_calls(fake_groq) == []


async def test_only_the_groups_that_may_ask_the_same_are_shown(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = script("0")
    questions = ("Do you have any pets?", "What's your biggest pet peeve?", FIRST, SECOND)
    assert await gaps_after(make_twin, *questions) == [1, 1, 1, 1]
    last = grouping_calls(fake_groq)[-1]["messages"][1]["content"]
    assert FIRST in last and "pets?" not in last and "peeve" not in last
