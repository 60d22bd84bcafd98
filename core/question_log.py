"""Each question's row in the store (what `/twin-usage` counts and feedback refers to), with the
counters beside it: the metrics' outcome counter and the failure watch."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from core.clock import WallClock
from core.insight.failure_watch import FailureWatch
from core.insight.metrics import Metrics
from core.store.base import Store
from core.store.records import QuestionRecord
from core.types import Question

log = logging.getLogger(__name__)


def ms_since(started: float) -> float:
    """Milliseconds since `started` (a `time.perf_counter()` reading)."""
    return (time.perf_counter() - started) * 1000.0


class QuestionLog:
    """Writes one row per question, whatever became of it (answered, cached, refused...)."""

    def __init__(
        self,
        store: Store,
        metrics: Metrics,
        failures: FailureWatch,
        wall: WallClock,
        keeps: Callable[[Question], bool],
    ) -> None:
        self._store = store
        self._metrics = metrics
        self._failures = failures
        self._wall = wall
        self._keeps = keeps  # whether the question's text may be stored (`store_dm_text`)

    async def record(
        self,
        question: Question,
        request_id: str,
        outcome: str,
        started: float,
        *,
        model: str | None = None,
        tokens: int = 0,
        cost_usd: float = 0.0,
        saved_usd: float = 0.0,
        failed: bool = False,
        texts: tuple[str, str] = ("", ""),  # question and answer, kept for feedback
    ) -> None:
        """The question's row; an answered, degraded or failed one also feeds the failure
        watch (`failed`: the models failed, not the budget)."""
        self._metrics.observe_question(outcome)
        kept = self._keeps(question)
        await self._store.record_question(
            QuestionRecord(
                at=self._wall(),
                request_id=request_id,
                platform=question.platform,
                user_id=question.user_id,
                channel_id=question.channel_id,
                outcome=outcome,
                model=model,
                tokens=tokens,
                cost_usd=cost_usd,
                saved_usd=saved_usd,
                latency_ms=ms_since(started),
                question=texts[0] if kept else "",
                answer=texts[1] if kept else "",
            )
        )
        if outcome in ("answered", "degraded", "failed"):
            await self._failures.observe(failed or outcome == "failed")

    async def record_safely(
        self, question: Question, request_id: str, outcome: str, started: float
    ) -> None:
        """`record`, for the path of an unexpected failure: a failure here is only logged."""
        try:
            await self.record(question, request_id, outcome, started)
        except Exception:
            log.exception("error id %s: could not record the failed question", request_id)
