"""The budget gate: an attempt after one that spent tokens goes only if the budget holds it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from core.models.outcomes import AllModelsFailed
from core.models.usage import Attempt
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, M120, MESSAGES, MakeRouter


class Gate:
    """A call's budget (`core.models.attempt.CallBudget`) that answers `top_up` with `answer`."""

    def __init__(
        self, answer: Callable[[], Awaitable[bool]], seen: Callable[[], object] = lambda: None
    ) -> None:
        self.answer = answer
        self.seen = seen  # what the world looked like when a row was written
        self.rows: list[tuple[str, str, object]] = []  # (how, outcome, seen)

    async def top_up(self) -> bool:
        return await self.answer()

    async def record(self, attempt: Attempt) -> None:
        self.rows.append(("written", attempt.outcome, self.seen()))

    def answered(self, attempt: Attempt) -> None:
        self.rows.append(("started", attempt.outcome, self.seen()))


async def allow() -> bool:
    return True


def _empty_from_20b(body: dict[str, object]) -> str:
    return "" if body["model"] == M20 else "Fine."


async def test_a_refusing_gate_stops_the_fallback_after_a_spending_failure(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reply = _empty_from_20b
    fake.usage = (100, 50)
    asked: list[int] = []

    async def gate() -> bool:
        asked.append(1)
        return False

    built = await make_router()
    with pytest.raises(AllModelsFailed) as failed:
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, budget=Gate(gate))
    assert failed.value.kind == "budget"
    assert fake.calls_to(M120) == 0 and asked == [1]
    assert [a.outcome for a in built.sink.attempts] == ["empty_answer"]


async def test_the_gate_is_not_asked_when_nothing_was_spent(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router({"retries": 0})

    async def gate() -> bool:
        raise AssertionError("a failure that spent nothing needs no new reservation")

    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, budget=Gate(gate))
    assert routed.model == M120


async def test_an_allowing_gate_lets_the_fallback_answer(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.reply = _empty_from_20b
    built = await make_router()
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, budget=Gate(allow))
    assert routed.model == M120 and routed.text == "Fine."


async def test_every_attempt_is_recorded_through_the_budget_a_failure_before_the_next(
    make_router: MakeRouter, fake: FakeGroq
) -> None:
    fake.fail(M20, Fault.server_error(503))
    built = await make_router({"retries": 0})
    gate = Gate(allow, seen=lambda: fake.calls_to(M120))
    routed = await built.router.complete(MESSAGES, CONTEXT, max_tokens=64, budget=gate)
    assert routed.model == M120
    # the failure's row was written before the fallback's request; the answer's was started
    assert gate.rows == [("written", "server_error", 0), ("started", "ok", 1)]
    assert built.sink.outcomes() == ["server_error", "ok"]  # the observers saw both
