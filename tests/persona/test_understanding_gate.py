"""The gate in front of understanding's patterns (`core.persona.anchors.Gate`): it skips only
patterns that cannot match, case-insensitive ones too, and its table is current."""

from __future__ import annotations

import re
from pathlib import Path

from core.persona.anchors import Gate
from core.persona.questions import understanding


def test_a_case_insensitive_pattern_is_skipped_only_when_it_cannot_match(tmp_path: Path) -> None:
    python = re.compile(r"\b(?:python|rust)\b", re.I)
    upper = re.compile(r"\bNASA\b", re.I)  # an upper-case anchor: never gated
    gate = Gate([python, upper], tmp_path / "none.json")
    for text in ("Do you write PYTHON?", "rust or go", "Ruſt?"):
        assert id(python) in gate.allowed(text) or not python.search(text)
    assert id(python) in gate.allowed("Do you write PYTHON?")
    assert id(python) not in gate.allowed("what do you do for fun?")
    assert id(upper) in gate.allowed("what do you do for fun?")


def _ungated(question: str) -> str:
    return " ".join(w.lstrip("=") for p, w in understanding._FACTS if p.search(question))


def test_the_entries_a_question_adds_are_those_every_pattern_finds() -> None:
    for question in (
        "What LANGUAGES do you code in?",
        "Any open-source work on GitHub?",
        "How do you handle Pressure and deadlines?",
        "Did you study abroad, or work remotely?",
        "tell me about your tech stack",
        "what's the weather like?",
    ):
        assert understanding._fact_words(question) == _ungated(question)


def test_the_anchors_worked_out_ahead_are_current() -> None:
    # a stale table costs only start-up time;
    # `python -m core.persona.questions.understanding` rewrites it
    assert not understanding._GATE.stale()
