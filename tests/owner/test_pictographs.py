"""Pictographs (emoji) in a question: one that names the subject groups the question with its
plain rewordings; one that says a mood (a face, a heart, a hand) changes nothing. Written
before the change, with wordings of our own."""

from __future__ import annotations

import pytest

from core.owner.gaps import question_terms, similar_terms
from core.owner.pictographs import pictographs


def alike(a: str, b: str) -> bool:
    return similar_terms(question_terms(a), question_terms(b))


@pytest.mark.parametrize(
    ("pictured", "plain"),
    [
        ("Which games are you hooked on at the moment? 🎮", "Do you play video games?"),
        ("What do you do on your special day each year? 🎂", "How do you celebrate your birthday?"),
        ("Any games you'd recommend 🎮", "What video games would you recommend?"),
    ],
)
def test_a_pictograph_naming_the_subject_joins_the_plain_wording(pictured: str, plain: str) -> None:
    assert alike(pictured, plain)


@pytest.mark.parametrize(
    ("pictured", "plain"),
    [
        ("What's your favourite film? 😂❤️", "What's your favourite film?"),
        ("Do you have any pets? 👍", "Do you have any pets?"),
        ("What music do you listen to 🎧", "What music do you listen to"),
        ("What meal could you eat every day 🍜", "What meal could you eat every day"),
    ],
)
def test_a_pictograph_beside_a_named_subject_changes_nothing(pictured: str, plain: str) -> None:
    """A face, a heart or a hand says a mood; a headphone beside "music" or a bowl beside
    "meal" repeats what the words say (and "bowl" is not bowling)."""
    assert question_terms(pictured) == question_terms(plain)


def test_a_pictograph_does_not_merge_different_questions() -> None:
    assert not alike("Which games are you into 🎮", "Do you like board games?")
    assert not alike("Any plans for the big day? 🎂", "What are you doing this weekend?")


def test_names_are_read_and_moods_dropped() -> None:
    text, names = pictographs("Fav team? ⚽😂 🐶")
    assert names == ("soccer ball", "dog")
    assert "⚽" not in text and "😂" not in text
    assert pictographs("plain text") == ("plain text", ())
