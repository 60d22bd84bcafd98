"""What the twin does when the store cannot write: records are lost, answers and money never.

`write_all` awaits a question's independent writes together and turns a failed one into one log
line; `storage_down_answer` answers from the profile, with the plain note, when the store failed
before any model call could be made.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from core.limits.messages import STORAGE_NOTE
from core.persona.prompt import degraded_reply
from core.store.base import Store
from core.store.records import StoreUnavailable
from core.types import Answer, Question, Refusal, RefusalKind

if TYPE_CHECKING:
    from core.twin import TwinParts

log = logging.getLogger("core.twin")


async def write_all(writes: Sequence[Awaitable[None]], request_id: str) -> None:
    """Independent writes, awaited together; a store that cannot write costs the records, never
    the answer (no money depends on them: the usage rows were written before)."""
    for result in await asyncio.gather(*writes, return_exceptions=True):
        if isinstance(result, StoreUnavailable):
            log.warning("request %s: not recorded: %s", request_id, result.cause)
        elif isinstance(result, Exception):  # the answer stands; the operator hears of it once
            log.error(
                "request %s: a record was not written (%s: %s)",
                request_id,
                type(result).__name__,
                result,
            )
        elif isinstance(result, BaseException):
            raise result


def storage_down_answer(
    parts: TwinParts, question: Question, request_id: str, down: StoreUnavailable, ms: float
) -> Answer:
    """A degraded answer with the storage note; nothing is written (the store is down)."""
    log.warning("request %s: answering without the store: %s", request_id, down.cause)
    persona = parts.config.persona
    hits = parts.retriever.search(question.text, k=persona.context_chunks)
    reply = degraded_reply(parts.profile, hits, persona.no_answer, question=question.text)
    return Answer(
        text=f"{STORAGE_NOTE}\n\n{reply.text}",
        request_id=request_id,
        degraded=True,
        latency_ms=ms,
        refusal=Refusal(RefusalKind.STORAGE, STORAGE_NOTE),
        error="storage",
        sources=reply.sources,
    )


async def claim_event(store: Store, key: str, now: datetime) -> bool:
    """True the first time a platform event is seen; True too when the store cannot record it
    (answering it, degraded, beats dropping it)."""
    try:
        return await store.claim(f"event:{key}", now)
    except StoreUnavailable as down:
        log.warning("event %s: dedupe not recorded: %s", key, down.cause)
        return True
