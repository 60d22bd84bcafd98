"""One question's budget, owned by one object from the first check to the last release.

`async with guard.session(question) as budget:` opens it; inside, the twin and the calls it makes
(the answer, a grounding correction) go through the session only:

- `admit()` counts the question in the rate windows (once per session, whatever asks);
- `reserve_for(prompt, max_tokens, prices, admit=True)` books a call's worst case, with the
  question's admission in the same trip to the store and the same atomic step
  (`Store.admit_and_reserve`: an admission refusal wins, and nothing is reserved then);
- `call(reservation)` is that reservation as the router takes it (`Router.complete(budget=)`):
  the router tops it up before a further attempt and records every attempt's usage row through
  it (`BookedCall.record`, awaited before the next attempt; the answering attempt's row is
  started at once, `BookedCall.answered`, and goes out with the caller's own writes);
- `release(reservation)` waits for the usage rows of that call still being written (the
  answering one closes the reservation in the store), then stops holding what is left;
- leaving the block, by return, exception or cancellation, does the same for every reservation
  still held, each exactly once (a release already made is never repeated).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

from core.config import Price
from core.limits.budget import Reservation
from core.models.usage import Attempt
from core.types import Question, Refusal, RefusalKind

__all__ = ["BookedCall", "Booking", "BudgetSession"]

log = logging.getLogger(__name__)


class Booking(Protocol):
    """What a session asks of the guard (`core.limits.guard.Guard`), one call per step."""

    async def admit(self, question: Question) -> Refusal | None: ...

    async def reserve_for(
        self,
        prompt_tokens: int,
        max_tokens: int,
        prices: Sequence[Price],
        admit: Question | None = None,
    ) -> Reservation | Refusal: ...

    async def top_up(self, reservation: Reservation, tokens: int, usd: float) -> bool: ...

    async def release(self, reservation: Reservation) -> None: ...

    async def record_attempt(self, attempt: Attempt) -> None: ...


class BudgetSession:
    """A question's admission, reservations, top-ups, settlements and releases."""

    def __init__(self, guard: Booking, question: Question) -> None:
        self._guard = guard
        self._question = question
        self._admitted: asyncio.Future[Refusal | None] | None = None
        self._held: list[Reservation] = []  # granted, not yet released
        self._writing: dict[int, list[asyncio.Future[None]]] = {}  # reservation id -> usage rows

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
        question is counted in the same trip, and its refusal comes first (nothing reserved)."""
        if admit and self._admitted is not None:  # counted before: its answer stands
            if (refusal := await self._admitted) is not None:
                return refusal
        elif admit:  # a rate refusal (the request's or the minute's tokens) stands from now on
            admitted: asyncio.Future[Refusal | None] = asyncio.get_running_loop().create_future()
            self._admitted = admitted
            booked: Reservation | Refusal | None = None
            try:
                booked = await self._guard.reserve_for(
                    prompt_tokens, max_tokens, prices, admit=self._question
                )
            finally:
                rate = booked.kind if isinstance(booked, Refusal) else None
                admitted.set_result(
                    booked
                    if isinstance(booked, Refusal) and rate is RefusalKind.RATE_LIMITED
                    else None
                )
            return self._hold(booked)
        return self._hold(await self._guard.reserve_for(prompt_tokens, max_tokens, prices))

    def _hold(self, booked: Reservation | Refusal) -> Reservation | Refusal:
        if not isinstance(booked, Refusal):
            self._held.append(booked)
        return booked

    async def top_up(self, reservation: Reservation) -> bool:
        """Hold `reservation`'s worst case again before a further attempt; False if the budget
        cannot."""
        return await self._guard.top_up(reservation, reservation.tokens, reservation.usd)

    def call(self, reservation: Reservation) -> BookedCall:
        """`reservation` as one model call's budget (`core.models.attempt.CallBudget`)."""
        return BookedCall(self, reservation)

    def record(self, reservation: Reservation, attempt: Attempt) -> asyncio.Future[None]:
        """Start writing `attempt`'s usage row (it books the spend; an answer's row closes
        `reservation`); releasing `reservation` waits for it. A failed write is logged."""
        write = asyncio.ensure_future(self._write(attempt))
        self._writing.setdefault(reservation.id, []).append(write)
        return write

    async def _write(self, attempt: Attempt) -> None:
        try:
            await self._guard.record_attempt(attempt)
        except Exception:
            log.exception("budget: recording an attempt of %s failed", attempt.model)

    async def release(self, reservation: Reservation) -> None:
        """Once its call's usage rows are written, stop holding what `reservation`'s call did not
        spend; a second release does nothing."""
        if any(r is reservation for r in self._held):
            self._held = [r for r in self._held if r is not reservation]
            await self._settle(reservation)

    async def _settle(self, reservation: Reservation) -> None:
        for write in self._writing.pop(reservation.id, ()):
            await write  # never raises: `_write` logs a failure
        await self._guard.release(reservation)

    async def close(self) -> None:
        """Release every reservation still held, each once, even while being cancelled."""
        if not self._held:
            return
        held, self._held = self._held, []
        await asyncio.shield(asyncio.gather(*(self._settle(r) for r in held)))


class BookedCall:
    """One reservation of a session, handed to the router (`core.models.attempt.CallBudget`): it
    tops up and records the call's attempts through the session."""

    def __init__(self, session: BudgetSession, reservation: Reservation) -> None:
        self.session = session
        self.reservation = reservation

    async def top_up(self) -> bool:
        """Hold the call's worst case again before a further attempt; False if the budget can't."""
        return await self.session.top_up(self.reservation)

    async def record(self, attempt: Attempt) -> None:
        """Write `attempt`'s usage row; returns once it is written (a second cancel of the
        caller does not stop the write, and the release still waits for it)."""
        await asyncio.shield(self.session.record(self.reservation, attempt))

    def answered(self, attempt: Attempt) -> None:
        """Start writing the answering attempt's usage row: it goes out with the caller's own
        writes, and releasing the reservation waits for it."""
        self.session.record(self.reservation, attempt)
