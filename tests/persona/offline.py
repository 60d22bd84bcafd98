"""Helpers for tests of the answer without a model: a Markdown profile written in a test's
folder, the twin's profile-only reply to a question, whether that reply is a gap, and for the
case sets, where a case profile is and whether a text holds a case's evidence."""

from __future__ import annotations

from pathlib import Path

from core.config import DEFAULT_NO_ANSWER
from core.persona.offline.degraded import Degraded, degraded_reply
from core.persona.profiles.profile import Profile, load_profile
from core.persona.prompt import is_small_talk, retrieval_query
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever

REPO = Path(__file__).resolve().parents[2]


def case_profile(file: str) -> Path:
    """A case set's profile path: absolute, or relative to the repository."""
    path = Path(file)
    return path if path.is_absolute() else REPO / path


def holds(text: str, evidence: str | list[str]) -> bool:
    """Every part of `evidence` is in `text`; a part is alternatives split by "|"."""
    low = text.lower()
    parts = [evidence] if isinstance(evidence, str) else evidence
    return all(any(alt.strip() and alt.strip() in low for alt in p.split("|")) for p in parts)


def profile_of(tmp_path: Path, text: str) -> Profile:
    """The profile `text` (Markdown), loaded as the twin loads it."""
    path = tmp_path / "owner.md"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def offline_answer(profile: Profile, question: str) -> Degraded:
    """The reply without a model, from what recall gives the question."""
    hits = recall(profile, Retriever(profile.chunks), question, retrieval_query(question, []), k=6)
    chat = is_small_talk(question)
    return degraded_reply(profile, hits, DEFAULT_NO_ANSWER, question=question, small_talk=chat)


def is_gap(reply: Degraded) -> bool:
    """The reply says the question is not written down (and quotes nothing)."""
    return not reply.quoted and DEFAULT_NO_ANSWER in reply.text
