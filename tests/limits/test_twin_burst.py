"""200 questions at once through the whole twin (fake Groq, real SQLite): the budget holds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.twin import Twin
from core.types import Question, RefusalKind
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq

MAX_TOKENS = 256
DAILY = 40_000


def question(i: int) -> Question:
    return Question(
        text=f"Where did you study? ({i})",
        platform="discord",
        user_id=f"user{i}",
        channel_id=f"channel{i % 7}",
        conversation=f"discord:channel{i % 7}:{i}",
    )


async def used_tokens(twin: Twin) -> int:
    tokens, _ = await twin._p.store.usage_since(datetime(2000, 1, 1, tzinfo=UTC))
    return tokens


async def test_200_questions_at_once_never_spend_past_the_daily_budget(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(
        f"[budget]\ndaily_tokens = {DAILY}\nmonthly_usd = 0\nstep_down = false\n"
        "[limits]\nuser_per_minute = 0\nchannel_per_minute = 0\nglobal_per_minute = 0\n"
        "tokens_per_minute = 0\n"
        "[cache]\nenabled = false\n",
        llm=f"check_models_at_start = false\nmax_tokens = {MAX_TOKENS}\n",
    )
    fake_groq.usage = (300, MAX_TOKENS)  # every call spends a full answer
    answered = 0
    for burst in range(10):  # bursts of 200 until the budget refuses a whole burst
        answers = await asyncio.gather(
            *(twin.answer(question(200 * burst + i)) for i in range(200))
        )
        by_model = [a for a in answers if a.model is not None and not a.degraded]
        refused = [a for a in answers if a.refusal is not None]
        assert all(
            a.refusal is not None and a.refusal.kind is RefusalKind.BUDGET and a.degraded
            for a in refused
        )
        assert len(by_model) + len(refused) == 200  # no apology: the store holds under load
        answered += len(by_model)
        spent = await used_tokens(twin)
        assert spent == len(fake_groq.requests) * (300 + MAX_TOKENS)  # every call is stored
        assert spent <= DAILY  # the store's total never passes the budget
        assert twin._p.guard.status().daily_tokens_used == spent
        if not by_model:
            break
    assert len(refused) == 200  # the budget ran out,
    assert answered >= DAILY // (2_000 + MAX_TOKENS)  # after a fair number of answers
