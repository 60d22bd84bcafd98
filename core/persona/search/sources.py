"""Which profile facts an answer was given: the record kept for `/twin-why`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.persona.profiles.profile import Profile
from core.persona.prompt import facts_for, headings
from core.persona.search.retrieval import Hit
from core.store.owner_records import AnswerSources
from core.types import Question


def answer_sources(
    question: Question,
    request_id: str,
    hits: Sequence[Hit],
    model: str | None,
    profile: Profile,
    at: datetime,
) -> AnswerSources:
    """Every fact in the prompt (id and heading) and the ones retrieval picked."""
    facts = facts_for(profile, hits)
    return AnswerSources(
        request_id=request_id,
        at=at,
        platform=question.platform,
        channel_id=question.channel_id,
        conversation=question.conversation,
        model=model,
        facts=headings(profile, facts),
        used=tuple(dict.fromkeys(h.chunk.id for h in hits)),
        user_id=question.user_id,
        reply_to=question.reply_to,
    )
