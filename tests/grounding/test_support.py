"""Support: the ordinary variations of one fact are the same fact; a new fact is not."""

from __future__ import annotations

import pytest

from core.grounding.check import Checker

GIVEN = (
    "## Experience\nData Engineer at Northwind Freight (2019-2022), Leeds. Cut data latency "
    "from 24 hours to under 5 minutes; incidents fell 40 percent. Saved £1.2 million.\n"
    "## Education\nBSc Mathematics with Computer Science, University of Sheffield.\n"
    "## Certifications\nAmazon Web Services (AWS) Certified Data Engineer. Worked with José "
    "Álvarez at Café Núñez. Contact: https://github.com/maya-example"
)
checker = Checker([GIVEN, "<question>\nWhat did you do at Globex?\n</question>"], "Maya Okafor")


@pytest.mark.parametrize(
    "sentence",
    [
        "I was a data engineer at Northwind Freight from 2019 to 2022.",  # case, range
        "Incidents fell by 40%.",  # "40 percent" written as a percentage
        "I cut latency from twenty-four hours to under five minutes.",  # number words
        "I studied maths and computer science at Sheffield University (bachelor's degree).",
        "I'm AWS certified.",  # the profile's own abbreviation
        "I hold an Amazon Web Services certification.",
        "I worked with Jose Alvarez at Cafe Nunez.",  # accents dropped
        "My GitHub is github.com/maya-example.",
        "I saved £1,200,000.",  # money as a different figure of the same value
        "I spent three years at Northwind.",  # 2019-2022 as a duration
        "I never worked at Globex.",  # the question named it
        "Northwind Freight's pipelines were mine.",  # possessive, plural
    ],
)
def test_rephrased_facts_are_supported(sentence: str) -> None:
    verdict = checker.check(sentence)
    assert verdict.ok, [c.text for c in verdict.unsupported]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("I worked at Contoso Ltd before that.", "Contoso Ltd"),
        ("I was there from 2015 to 2018.", "2015"),
        ("That cut costs by 35%.", "35%"),
        ("I have a PhD from the University of Leeds.", "PhD"),
        ("I studied at Leeds University.", "Leeds University"),  # both words given, never together
        ("I'm a data scientist.", "data scientist"),
        ("Email me at maya@northwind.com.", "maya@northwind.com"),
        ("I saved $3 million.", "$3 million"),
    ],
)
def test_invented_facts_are_not(sentence: str, term: str) -> None:
    verdict = checker.check(sentence)
    assert term in [c.text for c in verdict.unsupported]


def test_a_profile_in_another_language_checks_only_figures() -> None:
    french = Checker(
        ["Je suis ingénieure des données à Lyon depuis 2019. J'ai étudié à l'Université de Lyon."]
    )
    assert french.check("Je travaille à Lyon depuis 2019, à l'Université Lumière.").ok
    assert not french.check("J'ai commencé en 2012.").ok  # a year is a year in any language
