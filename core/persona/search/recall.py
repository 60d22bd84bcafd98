"""What a question is given: the chunks retrieval finds by its words, and the chunks that answer
it by its kind (the current job for "what do you use in your current role?", the job before X,
the goals section for "where do you see yourself in five years?"), which words alone miss."""

from __future__ import annotations

from core.persona.offline.job_answers import chunks as named_chunks
from core.persona.profiles.profile import Profile
from core.persona.questions.asking import intent
from core.persona.questions.roles import chunks_for
from core.persona.search.retrieval import Hit, Retriever


def recall(
    profile: Profile, retriever: Retriever, question: str, query: str, *, k: int = 6
) -> list[Hit]:
    """The chunks answering by kind first (scored as the best hit), then retrieval's hits for
    `query`; no chunk twice, at most `k` plus the ones answering by kind."""
    hits = retriever.search(query, k=k)
    pinned = chunks_for(profile, hits, question)
    pinned += tuple(
        c for c in named_chunks(profile, question, intent(question).kind) if c not in pinned
    )
    if not pinned:
        return hits
    top = hits[0].score if hits else 1.0
    ids = {c.id for c in pinned}
    return [Hit(c, top) for c in pinned] + [h for h in hits if h.chunk.id not in ids]
