"""What counts as a claim: things a member would repeat as the owner's word."""

from __future__ import annotations

import pytest

from core.grounding.claims import claims


def kinds(sentence: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in claims(sentence, frozenset({"maya", "okafor"}))]


def test_the_issues_invented_sentences_are_claims() -> None:
    got = kinds(
        "I was awarded a PhD in Data Science and Machine Learning, which I completed in 2023."
    )
    assert ("year", "2023") in got and ("degree", "PhD") in got
    assert ("name", "Data Science and Machine Learning") in got
    assert kinds("I'm a data scientist at a tech startup.") == [("title", "data scientist")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "I worked at Globex Dynamics in Berlin.",
            [("name", "Globex Dynamics"), ("name", "Berlin")],
        ),
        ("That cut costs by 35%.", [("percent", "35%")]),
        ("It saved $1.2M a year.", [("money", "$1.2M")]),
        ("Write to me at maya@example.org.", [("email", "maya@example.org")]),
        ("My site is https://maya.dev/cv.", [("url", "https://maya.dev/cv")]),
        ("I led a team of 14 engineers.", [("number", "14")]),
        ("I spent three years there.", [("number", "three")]),
        (
            "I hold the AWS Solutions Architect certification.",
            [("name", "AWS Solutions Architect")],
        ),
    ],
)
def test_each_kind_of_claim(sentence: str, expected: list[tuple[str, str]]) -> None:
    got = kinds(sentence)
    for item in expected:
        assert item in got


@pytest.mark.parametrize(
    "sentence",
    [
        "I love clean, well-tested code.",  # an opinion
        "Honestly, that was a fun challenge.",  # a feeling; the capital opens the sentence
        "Python is a popular language for data work.",  # general knowledge, not about the owner
        "I worked on two projects there.",  # a small count
        "I'd be happy to tell you more!",
    ],
)
def test_opinions_feelings_general_knowledge_and_small_counts_are_not_claims(
    sentence: str,
) -> None:
    assert kinds(sentence) == []


def test_numbers_inside_names_are_not_figures() -> None:
    got = kinds("I moved our files to S3 and tried gpt-4 once.")
    assert all(kind not in ("number", "year") for kind, _ in got)


def test_a_list_item_describing_a_certification_is_checked_not_taken_as_general() -> None:
    # SmolLM2 wrote these through the twin: "is a" later in the sentence made them "general
    # knowledge" and they reached the member unchecked
    got = kinds("AWS Certified Data Engineer - Associate (2024): This certification is a must.")
    assert ("year", "2024") in got and ("name", "AWS Certified Data Engineer") in got
    assert ("name", "This") not in got
    assert ("name", "Dummiesguide") in kinds("Dummiesguide: This is a comprehensive guide.")
