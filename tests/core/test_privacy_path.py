"""Privacy through the whole path: what the fake Groq receives, what degraded answers quote,
private questions declined (no model call, counted, never a gap)."""

from __future__ import annotations

import json

from bot.cli.render_text import usage_text
from bot.discord.render import usage_embeds
from bot.slack.render import usage_blocks
from core.types import Question, RefusalKind
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.persona.test_withheld import PUBLIC_FACTS, SENTENCES, THIRTEEN


def ask(text: str, conversation: str = "c1", user: str = "U1", dm: bool = False) -> Question:
    return Question(
        text=text,
        platform="slack",
        user_id=user,
        channel_id="D1" if dm else "C1",
        conversation=conversation,
        is_dm=dm,
    )


QUESTIONS = (
    "Tell me about yourself",
    "Where were you born?",
    "What did you do at Parcelbird?",
    "What was Nordvik like?",
    "Tell me about the internship in London",
    "What did you study?",
    "Anything else on admin?",
)


async def test_the_model_is_sent_public_facts_and_no_private_value(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(profile=SENTENCES)
    for n, q in enumerate(QUESTIONS):
        await twin.answer(ask(q, conversation=q, user=f"U{n}"))
    assert len(fake_groq.requests) == len(QUESTIONS)
    everything = json.dumps(fake_groq.requests, ensure_ascii=False)
    for value in THIRTEEN:
        assert value not in everything, value
    for fact in PUBLIC_FACTS:
        assert fact in everything, fact
    assert "born on [private] in Bremen" in everything


async def test_degraded_answers_quote_no_private_value(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(profile=SENTENCES, env={"GROQ_API_KEY": ""})
    quoted = []
    for n, q in enumerate(QUESTIONS):
        answer = await twin.answer(ask(q, conversation=q, user=f"U{n}"))
        assert answer.degraded
        quoted.append(answer.text)
    text = "\n".join(quoted)
    for value in THIRTEEN:
        assert value not in text, value
    # A sentence whose value was withheld is left out of a quote, never shown with the marker
    # (issue 26); the model is still sent it (the test above).
    assert "[private]" not in text
    assert "120 ms" in text
    assert fake_groq.requests == []


async def test_private_questions_are_declined_counted_and_never_gaps(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(profile=SENTENCES)
    for n, q in enumerate(
        ("What's your salary?", "What is your phone number?", "How old are you?")
    ):
        answer = await twin.answer(ask(q, conversation=f"p{n}"))
        assert answer.refusal is not None and answer.refusal.kind is RefusalKind.PRIVATE
        assert "private" in answer.text and answer.model is None and not answer.gap
    assert fake_groq.requests == []
    usage = await twin.usage_report()
    assert usage.today.declined_private == 3 and usage.today.questions == 3
    assert (await twin.gaps_report()).total == 0


async def test_every_usage_renderer_shows_the_declined_count(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(profile=SENTENCES)
    await twin.answer(ask("What's your salary?"))
    report = await twin.usage_report()
    assert "declined: private 1" in usage_text(report)
    assert "Declined: private 1" in json.dumps(usage_blocks(report))
    assert "Declined: private 1" in json.dumps([e.to_dict() for e in usage_embeds(report)])
