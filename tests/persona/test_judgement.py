"""A judgement about me is mine to state (persona.offline.judgement): "what's your biggest
strength?" on a profile that lists skills but names no strength says so (a gap the owner hears
of) and still quotes what comes closest; a profile that states it is answered plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from .offline import offline_answer, profile_of

SKILLS_ONLY = """
# Noor Haddad

Backend engineer building payment systems in Go.

## Skills

Go, PostgreSQL, Kafka, Kubernetes.

## Experience

### Engineer at Ledgerly (2021 - present)

Built the settlement service that moves 2 million payments a day.
"""

STATES_THEM = (
    SKILLS_ONLY
    + """
## Strengths

Untangling legacy systems; calm on call.

## How I work

I work best with written design docs and small pull requests; colleagues describe me as
patient in review.
"""
)

JUDGEMENTS = [
    ("what's your biggest strength?", "calm on call"),
    ("whats ur superpower at work", "calm on call"),
    ("how would your teammates describe you?", "patient in review"),
    ("if i asked your old team about you, what would they say", "patient in review"),
]


@pytest.mark.parametrize(("question", "stated"), JUDGEMENTS)
def test_an_unstated_judgement_is_not_written_down_and_quotes_what_comes_closest(
    tmp_path: Path, question: str, stated: str
) -> None:
    reply = offline_answer(profile_of(tmp_path, SKILLS_ONLY), question)
    assert not reply.quoted, reply.text  # a gap: the owner hears the question
    assert "haven't written down" in reply.text
    assert "Go, PostgreSQL" in reply.text or "Backend engineer" in reply.text  # and a reply


@pytest.mark.parametrize(("question", "stated"), JUDGEMENTS)
def test_a_stated_judgement_is_answered(tmp_path: Path, question: str, stated: str) -> None:
    reply = offline_answer(profile_of(tmp_path, STATES_THEM), question)
    assert reply.quoted, reply.text
    assert stated in reply.text


@pytest.mark.parametrize(
    "question",
    ["what languages do you know?", "what did you build at Ledgerly?", "are you good at Go?"],
)
def test_a_question_of_fact_is_no_judgement(tmp_path: Path, question: str) -> None:
    reply = offline_answer(profile_of(tmp_path, SKILLS_ONLY), question)
    assert reply.quoted, reply.text
    assert "haven't written down" not in reply.text
