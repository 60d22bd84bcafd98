"""One question's budget, owned by one object from the first check to the last release.

`async with guard.session(question) as budget:` opens it; inside, the twin and the calls it makes
(the answer, a grounding correction) go through the session only:

- `admit()` counts the question in the rate windows (once per session, whatever asks);
- `reserve_for(prompt, max_tokens, prices, admit=True)` books a call's worst case, with the
  question's admission in the same trip to the store (an admission refusal wins, and a grant it
  makes useless is released at once);
- `top_up(reservation)` holds a call's worst case again before a further attempt;
  `call(reservation)` is that reservation as the router takes it (`Router.complete(budget=)`);
- `settle(routed, reservation)` waits for the answering attempt's usage row (which closes the
  reservation in the store) and releases what is left;
- leaving the block, by return, exception or cancellation, releases every reservation still
  held, each exactly once (a release already made is never repeated).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

from core.config import Price
from core.limits.budget import Reservation
from core.models.outcomes import RoutedCompletion
from core.types import Question, Refusal

__all__ = ["BookedCall", "Booking", "BudgetSession"]


class Booking(Protocol):
    """What a session asks of the guard (`core.limits.guard.Guard`), one call per step."""

    async def admit(self, question: Question) -> Refusal | None: ...

    async def reserve_for(
        self, prompt_tokens: int, max_tokens: int, prices: Sequence[Price]
    ) -> Reservation | Refusal: ...

    async def top_up(self, reservation: Reservation, tokens: int, usd: float) -> bool: ...

    async def release(self, reservation: Reservation) -> None: ...


class BudgetSession:
    """A question's admission, reservations, top-ups, settlements and releases."""

    def __init__(self, guard: Booking, question: Question) -> None:
        self._guard = guard
        self._question = question
        self._admitted: asyncio.Future[Refusal | None] | None = None
        self._held: list[Reservation] = []  # granted, not yet released

    async def __aenter__(self) -> BudgetSession:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def held(self) -> tuple[Reservation, ...]:
        """The reservations granted and not released yet."""
        return tuple(self._held)

    def admit(self) -> asyncio.Future[Refusal | None]:
        """The question counted in the rate windows: None, or a RATE_LIMITED refusal. Asked
        again, the same answer (the question is counted once)."""
        if self._admitted is None:
            self._admitted = asyncio.ensure_future(self._guard.admit(self._question))
        return self._admitted

    async def reserve_for(
        self,
        prompt_tokens: int,
        max_tokens: int,
        prices: Sequence[Price],
        *,
        admit: bool = False,
    ) -> Reservation | Refusal:
        """A call's worst case booked at the worst of `prices`, or a refusal. With `admit` the
        question is counted in the same trip, and its refusal comes first."""
        admission = self.admit() if admit else None
        try:
            booked = await self._guard.reserve_for(prompt_tokens, max_tokens, prices)
        finally:
            refusal = await admission if admission is not None else None
        if not isinstance(booked, Refusal):
            self._held.append(booked)
            if refusal is not None:
                await self.release(booked)  # counted out: the call is not made
        return refusal or booked

    async def top_up(self, reservation: Reservation) -> bool:
        """Hold `reservation`'s worst case again before a further attempt; False if the budget
        cannot."""
        return await self._guard.top_up(reservation, reservation.tokens, reservation.usd)

    def call(self, reservation: Reservation) -> BookedCall:
        """`reservation` as one model call's budget (`core.models.attempt.CallBudget`)."""
        return BookedCall(self, reservation)

    async def settle(self, routed: RoutedCompletion, reservation: Reservation) -> None:
        """The answering attempt's usage row written (it closes the reservation), then what is
        left of `reservation` released."""
        try:
            if routed.recorded is not None:
                await routed.recorded
        finally:
            await self.release(reservation)

    async def release(self, reservation: Reservation) -> None:
        """Stop holding what `reservation`'s call did not spend; a second release does nothing."""
        if any(r is reservation for r in self._held):
            self._held = [r for r in self._held if r is not reservation]
            await self._guard.release(reservation)

    async def close(self) -> None:
        """Release every reservation still held, each once, even while being cancelled."""
        if not self._held:
            return
        held, self._held = self._held, []
        await asyncio.shield(asyncio.gather(*(self._guard.release(r) for r in held)))


class BookedCall:
    """One reservation of a session, handed to the router: it tops up through the session."""

    def __init__(self, session: BudgetSession, reservation: Reservation) -> None:
        self.session = session
        self.reservation = reservation

    async def top_up(self) -> bool:
        """Hold the call's worst case again before a further attempt; False if the budget can't."""
        return await self.session.top_up(self.reservation)
