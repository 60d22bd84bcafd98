"""Regression (#31 item 12): what Groq's prefix cache saved is priced when the call is
recorded, like its cost, not with the price table of whoever reads the report."""

from __future__ import annotations

import pytest

from core.types import Question
from tests.conftest import MakeTwin

M20 = "openai/gpt-oss-20b"
PRICED = f'[prices."{M20}"]\ninput = 1.0\noutput = 2.0\ncached_input = 0.25\n'


def question(text: str, conversation: str) -> Question:
    return Question(text, "cli", "owner", "cli", conversation, is_owner=True)


async def test_the_saving_keeps_the_price_of_the_twin_that_made_the_call(
    make_twin: MakeTwin,
) -> None:
    caller = await make_twin(PRICED)
    await caller.answer(question("Where did you study?", "one"))
    await caller.answer(question("What are your skills?", "two"))  # the prompt's prefix cached
    mine = await caller.usage_report()
    cached = mine.today.cached_input_tokens
    assert cached > 0
    assert mine.today.cache_saved_usd == pytest.approx(cached * (1.0 - 0.25) / 1e6)

    reader = await make_twin()  # another process on the database, with the default prices
    theirs = await reader.usage_report()
    assert theirs.today.cache_saved_usd == pytest.approx(mine.today.cache_saved_usd)
    (model,) = theirs.models
    assert model.cache_saved_usd == pytest.approx(cached * (1.0 - 0.25) / 1e6)
