"""Whether a new unanswered question asks what an open gap group asks, decided by the model.

The lexicon (`meaning`) groups the rewordings it knows ("favourite film" / "movie you love
most"); people ask about anything, in words no list holds ("got any ink?" for tattoos). When a
question a model answered becomes a gap and open groups exist, the cheapest usable model is
shown the new question and the open groups' examples (the one its concepts are like first, then
the newest) and picks the one that asks the same, or none: one small call, metered and held
inside the budget like any other, never counted as a member's question. It decides both ways:
a likeness of words the model rejects is a new group. Any failure (no key, no budget, every
model down, a reply that is not a number) leaves the choice to the concepts, as without a
model.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.models.outcomes import AllModelsFailed
from core.models.providers.base import ChatMessage, estimate_tokens
from core.store.attempts import CallContext
from core.types import Question, Refusal

if TYPE_CHECKING:
    from core.config import Config
    from core.limits.guard import Guard
    from core.models.router import Router

log = logging.getLogger(__name__)

CANDIDATES = 25  # the newest open groups shown to the model
MAX_TOKENS = 256  # a number, with room for a reasoning model's thoughts
MARKER = "You sort the questions people asked a person's digital twin."

_RULES = (
    f"{MARKER} Two questions are the same when one answer from the person would answer both: "
    "rewordings, synonyms, casual or indirect forms, typos. Questions about different things "
    "are not the same, nor are two about one topic that want different answers (where you "
    "went last time vs where you would love to go). Reply with the number of the open "
    "question that asks the same as the new one, or 0 if none does. Only the number."
)


def same_question_messages(question: str, examples: Sequence[str]) -> list[ChatMessage]:
    """The prompt: the new question and the open groups' examples, numbered from 1."""
    listed = "\n".join(f"{n}. {example}" for n, example in enumerate(examples, 1))
    asked = f"New question: {question}\n\nOpen questions:\n{listed}\n\nThe number:"
    return [ChatMessage("system", _RULES), ChatMessage("user", asked)]


def picked(reply: str, count: int) -> int | None:
    """The 1-based choice in the model's reply, 0 for none, or None (no number, or out of
    range: not an answer)."""
    found = re.search(r"\b(\d{1,3})\b", reply)
    if found is None:
        return None
    n = int(found.group(1))
    return n if 0 <= n <= count else None


class SameQuestion:
    """Asks the model which open gap group a new question belongs to (see the module)."""

    def __init__(self, router: Router, guard: Guard, config: Config) -> None:
        self._router = router
        self._guard = guard
        self._config = config

    @property
    def ready(self) -> bool:
        """Turned on, and some model could be tried now."""
        return self._config.owner.group_by_model and self._router.available()

    async def match(
        self,
        question: Question,
        request_id: str,
        text: str,
        groups: Sequence[tuple[int, str]],
    ) -> int | None:
        """The id of the group in `groups` ((id, example), best candidates first) that asks what
        `text` asks, 0 when the model says none does, None when it was not asked (nothing to
        compare, no model, no budget) or its reply cannot be read. Never raises (logged)."""
        shown = list(groups[:CANDIDATES])
        if not shown or not self.ready:
            return None
        messages = same_question_messages(text, [example for _, example in shown])
        prompt = estimate_tokens([m.content for m in messages])
        prices = [self._config.price(m) for m in self._config.llm.models]
        try:
            async with self._guard.session(question) as budget:
                booked = await budget.reserve_for(prompt, MAX_TOKENS, prices)
                if isinstance(booked, Refusal):
                    log.info("request %s: no budget to group the gap by meaning", request_id)
                    return None
                context = CallContext(
                    request_id=f"{request_id}:group",
                    platform=question.platform,
                    user_id=question.user_id,
                    channel_id=question.channel_id,
                    reservation=booked.id,
                )
                try:
                    routed = await self._router.complete(
                        messages,
                        context,
                        max_tokens=booked.max_tokens or MAX_TOKENS,
                        budget=budget.call(booked),
                        cheapest_first=True,
                    )
                except AllModelsFailed as failure:
                    log.info("request %s: no model to group the gap (%s)", request_id, failure)
                    return None
                await budget.release(booked)
        except Exception:
            log.exception("request %s: grouping the gap by meaning failed", request_id)
            return None
        n = picked(routed.text, len(shown))
        if n is None:
            log.info("request %s: the model's choice of group was unreadable", request_id)
            return None
        return shown[n - 1][0] if n else 0
