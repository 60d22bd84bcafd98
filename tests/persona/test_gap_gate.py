"""Issue 26, gaps round two: the answer without a model quotes a passage only when that passage
answers, and otherwise says the question is not written down (a gap). One test per mechanism;
each fails on the code before it (5ad88a2). Profiles are built here.
"""

from __future__ import annotations

from pathlib import Path

from core.persona.questions.asking import intent
from tests.persona.offline import is_gap as _gap
from tests.persona.offline import offline_answer as _answer
from tests.persona.offline import profile_of as _profile

NOEMI = """# Noemi Brandt

Backend developer in Utrecht.

## Experience
### Backend Developer at Kanaal Logistics (2021 - present)
I build the routing service in Go and run it on Kubernetes.

## Education
Bachelor of Science in Computer Science, University of Twente (2016 - 2020).
Relevant courses: Operating Systems, Compilers.

## Skills
- Languages: Go, Python, Dutch (native), English (fluent)
- Tools: Grafana, Terraform

## Links
SoundCloud: https://soundcloud.example.com/noemi
"""


def test_a_kind_of_thing_asked_is_not_answered_by_a_neighbour_of_it(tmp_path: Path) -> None:
    """Courses are no certificate: "certifications" asked of a profile listing only courses is
    not written down (the synonym map made them one)."""
    reply = _answer(_profile(tmp_path, NOEMI), "What certifications do you have?")
    assert _gap(reply), reply.text


def test_a_certificate_named_answers_the_certificate_question(tmp_path: Path) -> None:
    """(A guard for the rule above: it passed before, and must still pass.)"""
    text = NOEMI.replace("## Links", "## Certifications\nCKA: Certified Kubernetes Admin\n\n## L")
    reply = _answer(_profile(tmp_path, text), "What certifications do you have?")
    assert reply.quoted and "Certified Kubernetes" in reply.text


def test_a_degree_level_asked_is_not_answered_by_another_level(tmp_path: Path) -> None:
    """A PhD is a thing of the kind "degree"; a bachelor's line does not answer it."""
    reply = _answer(_profile(tmp_path, NOEMI), "Do you have a PhD?")
    assert _gap(reply), reply.text


def test_spoken_languages_are_answered_by_a_human_language(tmp_path: Path) -> None:
    profile = _profile(tmp_path, NOEMI.replace(", Dutch (native), English (fluent)", ""))
    reply = _answer(profile, "What languages can you hold a conversation in?")
    assert _gap(reply), reply.text
    reply = _answer(_profile(tmp_path, NOEMI), "What languages can you hold a conversation in?")
    assert reply.quoted and "Dutch" in reply.text


def test_a_programming_language_is_not_answered_by_a_spoken_one(tmp_path: Path) -> None:
    text = "# Ilse Maar\n\nTranslator in Ghent.\n\n## Languages\nDutch (native), French (C1)\n"
    reply = _answer(_profile(tmp_path, text), "What's your main programming language?")
    assert _gap(reply), reply.text


def test_a_kind_of_technology_is_not_answered_by_a_name_ending_in_its_word(
    tmp_path: Path,
) -> None:
    """ "SoundCloud" is no cloud platform, and the passage quoted must hold one (not a
    "multi-platform" app)."""
    text = NOEMI.replace(
        "## Links", "## Projects\n### Tram Times\nA multi-platform app for tram times.\n\n## L"
    )
    reply = _answer(_profile(tmp_path, text), "Have you worked with any cloud platforms?")
    assert _gap(reply), reply.text


def test_a_kind_of_technology_asked_needs_one_of_its_members(tmp_path: Path) -> None:
    """ "Which testing frameworks?" with courses about testing and no test framework named."""
    text = NOEMI.replace("Compilers.", "Compilers, Software Testing.")
    reply = _answer(_profile(tmp_path, text), "Which testing frameworks do you use?")
    assert _gap(reply), reply.text


def test_the_passage_quoted_holds_the_whole_subject(tmp_path: Path) -> None:
    """ "Taught at a university": a degree line holds the university, a mentoring line the
    teaching; neither says the owner taught at one."""
    text = NOEMI.replace(
        "## Skills", "## Volunteering\nMentor at a coding club for teenagers.\n\n## Skills"
    )
    reply = _answer(_profile(tmp_path, text), "Have you ever taught programming at Twente?")
    assert _gap(reply), reply.text


def test_a_name_is_never_the_one_word_a_long_question_may_lack(tmp_path: Path) -> None:
    """ "Google Cloud services" with no Google: the rest of the words are not enough."""
    text = NOEMI.replace("Terraform", "Terraform, cloud services on AWS")
    reply = _answer(_profile(tmp_path, text), "Which Google Cloud services have you used?")
    assert _gap(reply), reply.text


def test_a_kind_with_members_is_never_the_word_a_question_may_lack(tmp_path: Path) -> None:
    text = NOEMI.replace("## Skills", "## Projects\n### Tram Times\nAn app built in Go.\n\n## S")
    reply = _answer(_profile(tmp_path, text), "What mobile apps have you built?")
    assert _gap(reply), reply.text


def test_where_i_come_from_is_not_where_i_live(tmp_path: Path) -> None:
    assert intent("Where are you from originally?").kind == "origin"
    assert intent("Where are you based?").kind == "where"
    reply = _answer(_profile(tmp_path, NOEMI), "Where are you from originally?")
    assert _gap(reply), reply.text
    text = NOEMI.replace("in Utrecht.", "in Utrecht. I grew up in Groningen.")
    reply = _answer(_profile(tmp_path, text), "Which country do you come from originally?")
    assert reply.quoted and "Groningen" in reply.text


def test_people_managed_are_not_a_product_of_the_same_name(tmp_path: Path) -> None:
    text = NOEMI.replace(
        "## Education", "### Stock Management System\nA tool for warehouse stock.\n\n## Education"
    )
    reply = _answer(_profile(tmp_path, text), "Do you manage people?")
    assert _gap(reply), reply.text
    text = NOEMI.replace("in Go and", "in Go, manage a team of four engineers and")
    reply = _answer(_profile(tmp_path, text), "Do you manage people?")
    assert reply.quoted and "team of four" in reply.text


def test_offered_choices_need_one_held(tmp_path: Path) -> None:
    """ "AWS, Azure or GCP?": one of them in the passage is enough (the kind and name rules do
    not ask for all of them). A guard: it passed before, and must still pass."""
    text = NOEMI.replace("Terraform", "Terraform, AWS")
    reply = _answer(_profile(tmp_path, text), "Have you worked with AWS, Azure or GCP?")
    assert reply.quoted and "AWS" in reply.text


GOALS = NOEMI.replace(
    "## Links",
    "## Career goals\nLead a platform team one day; my dream job is staff engineer.\n\n"
    "## Projects\n### Hand Tracker\nA by-hand stock count app; I was right about it.\n\n## L",
)


def test_a_childhood_question_is_not_answered_by_a_goal(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, GOALS), "childhood dream job?")
    assert _gap(reply), reply.text


def test_handedness_is_not_answered_by_a_word_of_the_same_spelling(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, GOALS), "Are you left- or right-handed?")
    assert _gap(reply), reply.text


def test_others_volunteering_is_not_mine(tmp_path: Path) -> None:
    """ "Tested with 20 volunteers" does not say the owner volunteers."""
    text = NOEMI.replace("on Kubernetes.", "on Kubernetes; I tested it with 20 volunteers.")
    reply = _answer(_profile(tmp_path, text), "Do you do any volunteering?")
    assert _gap(reply), reply.text


def test_remote_or_office_is_answered_only_where_the_profile_says_so(tmp_path: Path) -> None:
    """ "On-site" is not a web site."""
    site = NOEMI.replace("on Kubernetes.", "on Kubernetes, and keep the company site up.")
    reply = _answer(_profile(tmp_path, site), "Is your job remote, hybrid or on-site?")
    assert _gap(reply), reply.text
    text = site.replace("(2021 - present)", "(2021 - present, hybrid)")
    reply = _answer(_profile(tmp_path, text), "Is your job remote, hybrid or on-site?")
    assert reply.quoted and "hybrid" in reply.text
