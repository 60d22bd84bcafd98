"""Through the whole twin (fake Groq, real SQLite): near the cap the model is asked for fewer
answer tokens, never fewer than the floor, and never more than the budget still holds."""

from __future__ import annotations

from datetime import UTC, datetime

from core.store.records import BudgetCaps
from core.types import Question, RefusalKind
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq

NO_LIMITS = (
    "[limits]\nuser_per_minute = 0\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
    "tokens_per_minute = 0\n[cache]\nenabled = false\n"
)


def question(i: int) -> Question:
    return Question(
        text=f"What did you build? ({i})",
        platform="discord",
        user_id="u",
        channel_id="c",
        conversation=f"discord:c:{i}",
    )


async def test_near_the_cap_the_model_is_asked_for_what_the_budget_still_holds(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.usage = (100, 50)
    daily = 3_000
    twin = await make_twin(
        f"[budget]\ndaily_tokens = {daily}\nmonthly_usd = 0\nmin_answer_tokens = 300\n" + NO_LIMITS,
        llm="check_models_at_start = false\nmax_tokens = 1024\n",
    )
    answers = [await twin.answer(question(i)) for i in range(30)]
    asked = [int(body["max_tokens"]) for body in fake_groq.requests]
    assert asked[0] == 1024  # far from the cap: what the config says
    assert any(300 <= n < 1024 for n in asked)  # near it: less, but at least the floor
    assert all(n >= 300 for n in asked)
    spent, _ = await twin._p.store.usage_since(datetime(2000, 1, 1, tzinfo=UTC))
    assert spent <= daily
    assert answers[-1].degraded  # in the end nothing worth a call is left


async def test_a_rate_limited_question_holds_no_budget_and_calls_no_model(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    # its rate count and its reservation go to the store together: the refused one is let go
    twin = await make_twin(
        "[budget]\ndaily_tokens = 100000\n[cache]\nenabled = false\n"
        "[limits]\nuser_per_minute = 2\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
    )
    answers = [await twin.answer(question(i)) for i in range(3)]
    assert [a.refusal is None for a in answers] == [True, True, False]
    assert answers[2].refusal is not None and answers[2].refusal.kind is RefusalKind.RATE_LIMITED
    assert len(fake_groq.requests) == 2
    store = twin._p.store
    view = await store.ledger(twin._p.wall(), BudgetCaps(daily_tokens=100_000))
    assert view.open_reservations == 0 and view.held_tokens == 0
    assert await store.fetch("SELECT outcome FROM questions ORDER BY id") == [
        ("answered",),
        ("answered",),
        ("rate_limited",),
    ]
