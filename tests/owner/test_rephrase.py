"""A question asked in another order (the progressive, a fronted noun with its preposition
left at the end) is grouped with its plain wording. Written before the change, with wordings
of our own; the silent-e list stays what WordNet says."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.owner.gaps import question_terms, similar_terms
from core.owner.rephrase import rephrased
from core.owner.silent_e import DATA, base, derive, silent_e
from core.owner.wordnet import WORDNET


def alike(a: str, b: str) -> bool:
    return similar_terms(question_terms(a), question_terms(b))


@pytest.mark.parametrize(
    ("other_order", "plain"),
    [
        ("What are you driving nowadays?", "What car do you drive?"),
        ("What team are you a fan of?", "Which team do you support?"),
        ("Which club are you a fan of?", "Which football club do you support?"),
    ],
)
def test_another_order_joins_the_plain_wording(other_order: str, plain: str) -> None:
    assert alike(other_order, plain)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Which hand do you write with?", "Are you left-handed?"),
        ("What are you reading at the moment?", "What book are you reading right now?"),
        ("What are you afraid of?", "What scares you?"),
    ],
)
def test_a_question_its_phrases_read_already_is_unchanged(one: str, other: str) -> None:
    """The order more of the lexicon's phrases are written for wins: a phrase written for the
    fronted order ("which hand do you write with") keeps reading it."""
    assert alike(one, other)


def test_different_questions_in_another_order_stay_apart() -> None:
    assert not alike("What are you driving these days?", "Can you drive?")
    assert not alike("What club are you a fan of?", "Do you play football?")


@pytest.mark.parametrize(
    "question", ["Are you licensed to drive a car?", "Do you know how to drive a car?"]
)
def test_being_able_to_drive_a_car_is_not_which_car(question: str) -> None:
    """ "Are you able / allowed / licensed to", "do you know how to" ask what "can you" asks,
    and a car named on the way does not make it "what car do you drive?"."""
    assert alike(question, "Can you drive?") or "licence" in question_terms(question)
    assert not alike(question, "What car do you drive?")


def test_the_plain_order() -> None:
    assert rephrased(" what club are you a fan of ") == " are you a fan of club "
    assert rephrased(" what are you driving ") == " what do you drive driving "
    assert rephrased(" do you drive ") == " do you drive "


@pytest.mark.parametrize(
    ("ing", "verb"),
    [
        ("driving", "drive"),
        ("running", "run"),
        ("singing", "sing"),
        ("hoping", "hope"),
        ("hopping", "hop"),
        ("calling", "call"),
        ("changing", "change"),
        ("baking", "bake"),
    ],
)
def test_the_verb_of_an_ing_form(ing: str, verb: str) -> None:
    assert base(ing) == verb


def test_the_silent_e_list_is_what_wordnet_says() -> None:
    """The shipped list is `python -m core.owner.silent_e` over WordNet 3.0 (checked where the
    database is installed) and carries WordNet's licence."""
    text = DATA.read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in text
    assert {"drive", "make", "hope"} <= silent_e().keys() and silent_e()["hope"]
    if not (Path(WORDNET) / "index.verb").exists():
        pytest.skip("WordNet is not installed here (apt-get install wordnet-base)")
    listed = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert listed == derive(WORDNET)
