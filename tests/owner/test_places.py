"""Questions naming different places stay apart though their topic is one (travel, living):
the place list derived from WordNet (`core.owner.places`) and its use in `meaning.alike`."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.owner.gaps import question_terms, similar_terms
from core.owner.meaning import clearly_different
from core.owner.places import DATA, derive, place_stems, places
from core.owner.wordnet import WORDNET
from core.persona.search.retrieval import stem


def _alike(a: str, b: str) -> bool:
    terms_a, terms_b = question_terms(a), question_terms(b)
    return similar_terms(terms_a, terms_b) or similar_terms(terms_b, terms_a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Have you visited Japan?", "Have you visited Italy?"),
        ("Did you ever travel to Japan?", "How many countries have you visited?"),
        ("Have you ever travelled to Peru?", "Do you like to travel?"),
        ("Would you like to travel to Iceland?", "Would you like to travel to Norway?"),
        ("Have you ever lived in London?", "Have you lived abroad?"),
    ],
)
def test_questions_naming_other_places_are_apart(a: str, b: str) -> None:
    assert not _alike(a, b)


def test_two_places_are_clearly_different() -> None:
    """Never shown to a model as the same question; a place against none may be."""
    japan, italy = question_terms("Have you visited Japan?"), question_terms("Been to Italy?")
    assert clearly_different(japan, italy)
    assert not clearly_different(japan, question_terms("Have you been anywhere nice lately?"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Have you visited Japan?", "Did you ever travel to Japan?"),
        ("Have you been on a trip to Paris?", "Did you ever travel to Paris?"),
        ("Do you like to travel?", "Do you enjoy travelling?"),
    ],
)
def test_rewordings_naming_one_place_or_none_stay_together(a: str, b: str) -> None:
    assert _alike(a, b)


def test_common_words_and_heavenly_bodies_are_no_places() -> None:
    """A name whose usual sense is another ("turkey", "nice", "reading") or a planet ("which
    place on earth...") is not read as a place."""
    assert {stem(w) for w in ("italy", "japan", "paris", "bali")} <= place_stems()
    common = ("turkey", "nice", "reading", "bath", "earth", "moon", "mars")
    assert not {stem(w) for w in common} & place_stems()
    assert places(question_terms("Do you like turkey at Christmas?")) == frozenset()


def test_the_place_list_is_what_wordnet_says() -> None:
    """The shipped list is `python -m core.owner.places` over WordNet 3.0 (checked where the
    database is installed) and carries WordNet's licence."""
    text = DATA.read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in text
    if not (Path(WORDNET) / "index.noun").exists():
        pytest.skip("WordNet is not installed here (apt-get install wordnet-base)")
    listed = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert listed == derive(WORDNET)


def test_derive_keeps_named_locations_only(tmp_path: Path) -> None:
    """From a tiny WordNet: a country kept; a name that is also an adjective in use left out;
    a common noun and a named object (a planet) left out."""
    (tmp_path / "data.noun").write_text(
        "001 15 n 01 Ruritania 0 001 @i 009 n 0000 | a country\n"
        "002 15 n 01 Nice 0 001 @i 009 n 0000 | a city\n"
        "003 17 n 01 Mars 0 001 @i 009 n 0000 | a planet\n"
        "004 05 n 01 turkey 0 001 @ 009 n 0000 | a bird\n"
        "005 15 n 01 Turkey 0 001 @i 009 n 0000 | a country\n",
        encoding="latin-1",
    )
    (tmp_path / "index.noun").write_text(
        "ruritania n 1 1 @i 1 0 001\n"
        "nice n 1 1 @i 1 0 002\n"
        "mars n 1 1 @i 1 0 003\n"
        "turkey n 2 1 @ 2 1 004 005\n",
        encoding="latin-1",
    )
    (tmp_path / "index.adj").write_text("nice a 1 0 1 1 00100\n", encoding="latin-1")
    (tmp_path / "index.verb").write_text("ruritania v 1 0 1 0 00200\n", encoding="latin-1")
    (tmp_path / "index.adv").write_text("", encoding="latin-1")
    assert derive(tmp_path) == ["ruritania"]
