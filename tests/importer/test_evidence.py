"""Each imported profile answers a stranger's factual questions with the evidence in the prompt.

The measure is the project's own (bench/degraded_hits.py): a question is a hit when every
string it needs is in what the twin sends, here the system messages `build_messages` makes
after `retrieval_query` and `Retriever.search` with the default `context_chunks`, as
`Twin.answer` does. Small profiles go into the prompt whole (`whole_profile_chars`), which would
make this trivial, so the test also forces the retrieved-chunks layout (`whole_profile_chars=0`)
that large real profiles get: the sections and headings the importer writes must retrieve well.
The questions (`inputs.QUESTIONS`) were written before the importer read any of these inputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import DEFAULT_NO_ANSWER, PersonaConfig
from core.persona.profiles.profile import Profile
from core.persona.prompt import build_messages, retrieval_query
from core.persona.search.retrieval import Retriever
from tests.importer import inputs
from tests.importer.conftest import BUILDERS

GOAL = 0.95


def prompt_for(profile: Profile, question: str, whole_profile_chars: int) -> str:
    k = PersonaConfig(profile=Path()).context_chunks
    hits = Retriever(profile.chunks).search(retrieval_query(question, ()), k=k)
    messages = build_messages(
        profile, hits, (), question, no_answer=DEFAULT_NO_ANSWER,
        whole_profile_chars=whole_profile_chars,
    )  # fmt: skip
    return "\n".join(m.content for m in messages if m.role == "system")


def misses(
    profile: Profile, whole_profile_chars: int, questions: list[tuple[str, list[str]]]
) -> list[str]:
    out = []
    for question, expected in questions:
        prompt = prompt_for(profile, question, whole_profile_chars).casefold()
        if not all(e.casefold() in prompt for e in expected):
            out.append(question)
    return out


@pytest.mark.parametrize("kind", list(BUILDERS))
@pytest.mark.parametrize("whole", [6000, 0], ids=["default-layout", "retrieved-chunks-only"])
@pytest.mark.parametrize("wordings", ["first", "reworded"])
def test_imported_profile_puts_the_evidence_in_the_prompt(profiles, kind, whole, wordings):
    _, profile = profiles[kind]
    questions = inputs.QUESTIONS if wordings == "first" else inputs.REWORDED
    missed = misses(profile, whole, questions)
    rate = 1 - len(missed) / len(questions)
    assert rate >= GOAL, f"{kind}: {rate:.0%} < {GOAL:.0%}; missed {missed}"


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_no_private_value_reaches_a_prompt(profiles, kind):
    _, profile = profiles[kind]
    for question in ("How can I contact you?", "What's your email or phone?", "Where do you live?"):
        prompt = prompt_for(profile, question, 6000)
        for value in inputs.PRIVATE_VALUES:
            assert value not in prompt, (kind, question, value)
    assert profile.withheld, "the private section is listed by `twin privacy`"
