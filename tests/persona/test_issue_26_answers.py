"""Issue 26, third round: the answer without a model finds the sentence that answers in words
of the same family, and keeps quiet (a gap) when only the question's frame matched.

Each test fails on the code before this round (main at c419fbb). The profiles are built here
and the questions are not the bench's.
"""

from __future__ import annotations

from pathlib import Path

from core.config import DEFAULT_NO_ANSWER
from core.persona.degraded import Degraded, degraded_reply
from core.persona.profile import Profile, load_profile
from core.persona.prompt import is_small_talk, retrieval_query
from core.persona.recall import recall
from core.persona.retrieval import Retriever, kin


def _profile(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "owner.md"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def _answer(profile: Profile, question: str) -> Degraded:
    hits = recall(profile, Retriever(profile.chunks), question, retrieval_query(question, []), k=6)
    chat = is_small_talk(question)
    return degraded_reply(profile, hits, DEFAULT_NO_ANSWER, question=question, small_talk=chat)


def _gap(reply: Degraded) -> bool:
    return not reply.quoted and DEFAULT_NO_ANSWER in reply.text


FAMILY = """# Ines Baptista

Platform engineer in Porto.

## Experience
### Platform Engineer at Douro Payments (2021 - present)
Runs the card-processing cluster on Kubernetes. Made the ledger service secure with mutual TLS \
and short-lived certificates.

### Volunteer at Porto Code Club (2018 - 2020)
Weekend teacher for children learning Scratch and Python.

## Skills
Go, Kubernetes, Terraform, PostgreSQL
"""


def test_a_word_of_the_same_family_answers(tmp_path: Path) -> None:
    """ "Security" asked, "secure" written; "teaching" asked, "teacher" written: one family the
    stemmer leaves apart. Before, neither question was answered (not written down)."""
    ines = _profile(tmp_path, FAMILY)
    security = _answer(ines, "Have you done security work?")
    assert security.quoted and "mutual TLS" in security.text
    teaching = _answer(ines, "Any experience teaching?")
    assert teaching.quoted and "Scratch" in teaching.text


def test_kin_is_a_derivation_not_a_shared_start() -> None:
    assert kin("secur", "security") and kin("teach", "teacher")
    assert kin("prioritis", "priority")
    # a compound or an unrelated longer word is not family
    assert not kin("smart", "smartphone") and not kin("intern", "international")
    assert not kin("break", "breakfast") and not kin("public", "publicat")
