"""A large profile's outline rides in the constant first message, so a question in other words
than the profile still reaches the model with what the profile holds."""

from __future__ import annotations

from pathlib import Path

from core.persona.profiles.profile import load_profile
from core.persona.prompt import build_messages, retrieval_query
from core.persona.search.retrieval import Retriever

EXAMPLE = Path(__file__).resolve().parents[2] / "profiles"
NO_ANSWER = "That isn't something I've written down yet."


def _prompt(path: Path, question: str, private: tuple[str, ...] = ()) -> list[str]:
    profile = load_profile(path, private)
    hits = Retriever(profile.chunks).search(retrieval_query(question, []), k=6)
    return [m.content for m in build_messages(profile, hits, [], question, no_answer=NO_ANSWER)]


def test_a_question_in_other_words_still_reaches_the_model_with_what_the_profile_holds() -> None:
    # the example profile is large (its chunks are retrieved per question), and "uni" is not a
    # word the profile uses: before the outline, the education chunk was not sent
    prompt = "\n".join(_prompt(EXAMPLE / "example.json", "what uni did u go to?"))
    assert "University of Sheffield" in prompt


def test_the_outline_names_every_employer_project_and_section_once_for_every_question() -> None:
    first = _prompt(EXAMPLE / "example.json", "what do you do for fun?")[0]
    again = _prompt(EXAMPLE / "example.json", "which databases do you know?")[0]
    assert first == again  # the same first message: a prefix cache serves it
    glance = first.split("FACTS AT A GLANCE", 1)[1]
    for held in ("Northwind Freight", "Brightwell Health", "Kestrel Energy", "dbt-guardrails"):
        assert held in glance
    for section in ("Experience:", "Education:", "Projects portfolio:", "Career goals:"):
        assert section in glance


def test_a_small_profile_is_sent_whole_without_an_outline() -> None:
    prompt = _prompt(EXAMPLE / "example.md", "what do you do?")
    assert "FACTS AT A GLANCE" not in "\n".join(prompt)


def test_a_private_field_stays_out_of_the_outline() -> None:
    shown = _prompt(EXAMPLE / "example.json", "who can vouch for you?")[0]
    withheld = _prompt(EXAMPLE / "example.json", "who can vouch for you?", ("references",))[0]
    assert "Ruth Adeyemi" in shown
    assert "Ruth Adeyemi" not in withheld
