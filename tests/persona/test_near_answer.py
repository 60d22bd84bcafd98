"""Issue 26, gaps round three, with a model: a reply that denies the thing asked and offers
something near it ("I don't have a PhD, but I hold a BSc") is no answer from the profile, so
the question is a gap. The replies were written before the module; `is_no_answer` read every
one of the near ones as an answer on 0ffa0a5."""

from __future__ import annotations

import pytest

from core.config import DEFAULT_NO_ANSWER
from core.persona.prompt import is_no_answer

NEAR = [
    "I don't have a PhD, but I hold a BSc in Mathematics with Computer Science from Sheffield.",
    "No, I haven't worked with Azure - my cloud experience is with AWS and Google Cloud.",
    "I haven't used Kubernetes, though I do use Docker and Terraform day to day.",
    "I've never published a paper. I did write up my soil sensor project as a blog post, though.",
    "Not really - I haven't managed a budget, but I led the streaming migration working group.",
    "The closest thing I have is a department prize for my final-year project.",
    "Unfortunately I don't speak Spanish; I speak English, Igbo and some French instead.",
    "I'm not certified in Kubernetes, but I hold the AWS Certified Data Engineer - Associate.",
    "I don't manage people directly, but I mentor two junior data engineers.",
]
ANSWERS = [
    "Yes - I hold the AWS Certified Data Engineer - Associate (2024).",
    "I work mostly in Python and SQL, and I know some Scala and Bash.",
    "No, I'm not willing to relocate, but I'm open to remote work in the UK.",
    "I studied Mathematics with Computer Science at the University of Sheffield.",
]


@pytest.mark.parametrize("reply", NEAR)
def test_a_denial_turned_to_a_neighbour_is_no_answer(reply: str) -> None:
    assert is_no_answer(reply, DEFAULT_NO_ANSWER), reply


@pytest.mark.parametrize("reply", ANSWERS)
def test_an_answer_is_still_an_answer(reply: str) -> None:
    assert not is_no_answer(reply, DEFAULT_NO_ANSWER), reply
