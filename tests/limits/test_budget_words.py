"""Budget words that say what is true (issue 31): a budget refusal is never labelled as if a
lighter model answered, and a day with some budget left - only not enough for one answer - is
not called "used up", neither to members nor in the admins' alert."""

from __future__ import annotations

from core.limits.step_down import LABELS
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq, Fault

M20, M120 = "openai/gpt-oss-20b", "openai/gpt-oss-120b"
# 3,000 tokens a day; an answer needs at least 1,100 of room plus its prompt
CONFIG = (
    "[budget]\ndaily_tokens = 3000\nmonthly_usd = 0\nmin_answer_tokens = 1100\n"
    "[limits]\nuser_per_minute = 0\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
    "tokens_per_minute = 0\n[cache]\nenabled = false\n"
)


def ask(i: int) -> Question:
    return Question(f"What do you work on? ({i})", "slack", f"U{i}", "C1", f"slack:C1:{i}")


async def test_a_refusal_under_the_step_down_is_labelled_by_what_answered_and_says_what_is_left(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(
        CONFIG,
        llm=f'check_models_at_start = false\nmodels = ["{M20}", "{M120}"]\nmax_tokens = 1100\n',
    )
    fake_groq.usage = (888, 888)  # 1,776 tokens by noon: the day's pace projects 3,552 of 3,000
    fake_groq.prefix_cache = None
    first = await twin.answer(ask(1))
    assert first.model == M20 and not first.degraded

    second = await twin.answer(ask(2))
    state = twin.budget_step()
    assert state is not None and state.step == 1  # stepped down: the cheapest model first
    assert second.degraded and second.model is None  # yet the cap refused the call
    assert LABELS[1] not in second.text  # no "a lighter model is answering": none did
    assert "used up" not in second.text
    assert second.text.startswith(
        "There isn't enough of today's thinking budget left for a full answer; it resets at "
        "00:00 UTC (in 12 h)."
    )
    [alert] = [a for a in twin.alerts.sent if a.kind == "budget" and a.key.endswith(":1.0")]
    assert alert.title == "Daily token budget: 1,224 tokens left, not enough for an answer"
    assert "used 1,776 of 3,000 tokens today (59%)" in alert.text
    assert "the next answer could need up to" in alert.text and "which is not left" in alert.text


async def test_an_answer_a_model_gave_under_the_step_down_keeps_its_label(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(
        CONFIG.replace("daily_tokens = 3000", "daily_tokens = 6000"),
        llm=f'check_models_at_start = false\nmodels = ["{M120}", "{M20}"]\nmax_tokens = 1100\n',
    )
    fake_groq.usage = (888, 888)
    fake_groq.prefix_cache = None
    await twin.answer(ask(1))
    await twin.answer(ask(2))  # 3,552 by noon: the pace projects 7,104 of 6,000
    third = await twin.answer(ask(3))
    state = twin.budget_step()
    assert state is not None and state.step == 1
    assert third.model == M20 and not third.degraded
    assert third.text.startswith(LABELS[1])


async def test_an_answer_no_model_gave_under_the_step_down_carries_no_step_label(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    # Every model fails after the step-down chose "a lighter model": the profile answers, and
    # neither the answer nor what was streamed before the call says a lighter model answered.
    twin = await make_twin(
        CONFIG.replace("daily_tokens = 3000", "daily_tokens = 6000"),
        llm=f'check_models_at_start = false\nmodels = ["{M120}", "{M20}"]\nmax_tokens = 1100\n',
    )
    fake_groq.usage = (888, 888)
    fake_groq.prefix_cache = None
    await twin.answer(ask(1))
    await twin.answer(ask(2))  # the pace now projects past the cap: step 1
    for model in (M20, M120):
        fake_groq.fail(model, Fault.server_error(503))
    streamed: list[str] = []

    async def on_text(text: str) -> None:
        streamed.append(text)

    third = await twin.answer(ask(3), on_text=on_text)
    state = twin.budget_step()
    assert state is not None and state.step == 1
    assert third.degraded and third.model is None
    assert LABELS[1] not in third.text
    assert LABELS[1] not in "".join(streamed)
