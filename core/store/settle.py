"""What the callers of a batched write get: each its own outcome, or the batch's cancellation.

Both backends' group commits (sqlite_batch, pg_batch) hand every write's caller a future; this is
the one rule for filling them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import TypeVar

T = TypeVar("T")


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
