"""Group commit, the one rule both backends follow: the writes issued in one turn of the event
loop are sent together, and each caller still gets what its write alone would have got.

A write is queued with a future for its caller; once every task ready in this turn has added
its writes (`loop.call_soon`), the set goes out, in groups the backend chooses (SQLite: one
transaction on its thread, `sqlite_batch`; PostgreSQL: one statement of data-modifying CTEs,
`pg_batch`). A lone write goes as it would without batching. When a group fails as a whole
(full, locked, a constraint one write breaks), its writes are tried again one by one, so each
succeeds or fails as it would have alone. Every caller is resolved only once its write is
committed: durability is what it was for a lone write. A group runs in a task of its own, so a
caller that is cancelled does not take its neighbours' writes (or its own) with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Generic, TypeAlias, TypeVar

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741  # what a backend queues for one write
R = TypeVar("R")  # what its caller gets
Queued: TypeAlias = "tuple[I, asyncio.Future[R]]"  # a write and its caller's future


async def settle(
    waiting: Sequence[asyncio.Future[T]], outcomes: Awaitable[Sequence[T | Exception]]
) -> None:
    """Give each caller in `waiting` its own outcome (a result, or the error of its write alone).
    If the batch itself is cancelled, so is every caller still waiting, and the cancel goes on."""
    try:
        results = await outcomes
    except BaseException as error:
        for done in waiting:
            if not done.done():
                done.set_exception(error)
        raise
    for done, outcome in zip(waiting, results, strict=True):
        if done.done():  # its caller was cancelled
            continue
        if isinstance(outcome, Exception):
            done.set_exception(outcome)
        else:
            done.set_result(outcome)


class LoopTurn(Generic[I, R]):
    """Collects the writes of one loop turn; a backend says how a group runs together
    (`_together`) and how one write runs alone (`_alone`)."""

    def __init__(self) -> None:
        self._pending: list[Queued[I, R]] = []
        self._running: set[asyncio.Task[None]] = set()

    async def _submit(self, item: I) -> R:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[R] = loop.create_future()
        self._pending.append((item, done))
        if len(self._pending) == 1:
            loop.call_soon(self._flush)  # after every task ready now has added its writes
        return await done

    def _groups(self, pending: list[Queued[I, R]]) -> list[list[Queued[I, R]]]:
        """How the writes of one turn are split into groups sent together (default: one)."""
        return [pending]

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        for group in self._groups(pending):
            task = asyncio.ensure_future(self._commit(group))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _commit(self, group: list[Queued[I, R]]) -> None:
        await settle([done for _, done in group], self._outcomes([item for item, _ in group]))

    async def _outcomes(self, items: list[I]) -> Sequence[R | Exception]:
        if len(items) == 1:
            return [await self._try_alone(items[0])]
        try:
            return await self._together(items)
        except Exception:  # each alone: one that fails must not take the others
            return await asyncio.gather(*(self._try_alone(item) for item in items))

    async def _try_alone(self, item: I) -> R | Exception:
        try:
            return await self._alone(item)
        except Exception as error:
            return error

    async def _together(self, items: list[I]) -> Sequence[R | Exception]:
        """Every write of a group in one go: each its outcome (raise: each is tried alone)."""
        raise NotImplementedError

    async def _alone(self, item: I) -> R:
        """One write on its own, as it would run without batching."""
        raise NotImplementedError
