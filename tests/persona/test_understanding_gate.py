"""The gate in front of understanding's patterns (`core.persona.anchors.Gate`): it skips only
patterns that cannot match, case-insensitive ones too, and its table is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.persona.anchors import Gate, Prefilter, Seen
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


def test_a_text_asked_twice_in_a_row_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer path asks the gate of the question as written and as texted (often the same):
    the second ask reuses the first reading, and gives the same ids."""
    python = re.compile(r"\bpython\b", re.I)
    gate = Gate([python], tmp_path / "none.json")
    read: list[str] = []
    seen = Prefilter.seen

    def counted(self: Prefilter, text: str) -> Seen:
        read.append(text)
        return seen(self, text)

    monkeypatch.setattr(Prefilter, "seen", counted)
    first = gate.allowed("Do you write Python?")
    assert gate.allowed("do you write python?") == first  # the same text once case-folded
    assert read == ["do you write python?"]
    assert id(python) not in gate.allowed("what do you do?")
    assert gate.allowed("Do you write Python?") == first  # not the last one: read again
    assert len(read) == 3
    assert gate.allowed("") == gate.allowed("")  # the empty text is read, not taken as the last
