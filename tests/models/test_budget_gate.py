"""The budget gate: an attempt after one that spent tokens goes only if the budget holds it."""

from __future__ import annotations

import pytest

from core.limits.budget import BudgetLedger
from core.models.outcomes import AllModelsFailed
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter


def _empty_from_20b(body: dict[str, object]) -> str:
    return "" if body["model"] == M20 else "Fine."


async def test_a_refusing_gate_stops_the_fallback_after_a_spending_failure(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reply = _empty_from_20b
    fake.usage = (100, 50)
    asked: list[int] = []

    def gate() -> bool:
        asked.append(1)
        return False

    built = await make_router()
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, gate=gate)
    assert failed.value.kind == "budget"
    assert fake.calls_to(M120) == 0 and asked == [1]
    assert [a.outcome for a in built.sink.attempts] == ["empty_answer"]


async def test_the_gate_is_not_asked_when_nothing_was_spent(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router({"retries": 0})

    def gate() -> bool:
        raise AssertionError("a failure that spent nothing needs no new reservation")

    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, gate=gate)
    assert routed.model == M120


async def test_an_allowing_gate_lets_the_fallback_answer(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reply = _empty_from_20b
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, gate=lambda: True)
    assert routed.model == M120 and routed.text == "Fine."


def test_ledger_top_up_holds_a_worst_case_again_only_within_the_cap() -> None:
    from datetime import UTC, datetime

    ledger = BudgetLedger(daily_tokens=1000, monthly_usd=0)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    ledger.load(now, 0, 0.0)
    held = ledger.book(400, 0.0)
    ledger.spend(now, 400, 0.0)
    ledger.settle(held, 400, 0.0)  # the first attempt used the whole reservation
    assert ledger.top_up(held, 400, 0.0) is True  # 400 spent + 400 held <= 1000
    ledger.spend(now, 400, 0.0)
    ledger.settle(held, 400, 0.0)
    assert ledger.top_up(held, 400, 0.0) is False  # 800 spent + 400 would pass 1000
    ledger.release(held)
    assert ledger.top_up(held, 1, 0.0) is False  # no longer open
    assert ledger.reserved_tokens == 0
