"""The answer without a model picks what a person would read out from their own notes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from core.persona.offline.degraded import DEGRADED_INTRO, degraded_reply, intent
from core.persona.profiles.profile import Profile, load_profile
from core.persona.profiles.timeline import entries, when
from core.persona.search.retrieval import Retriever

NO_ANSWER = "Not in my notes."

MARKDOWN = """# Ada Quinn

Platform engineer in Glasgow.

## Experience

### Junior Developer — Thistle Games
*Jun 2015 – Aug 2018*

- Built the leaderboard service.

### Site Reliability Engineer — Kelpie Cloud
*Sep 2018 – Mar 2022*

- Ran the on-call rota for the storage team.

### Platform Engineer — Heron Maps
*Apr 2022 – present*

- Own the deployment pipeline for 200 services.

## Skills

- **Languages:** Rust, Go, Python
- **Infrastructure:** Kubernetes, Nomad, Terraform
"""


@pytest.fixture
def ada(write: Callable[..., Path]) -> Profile:
    return load_profile(write("ada.md", MARKDOWN))


def answer(profile: Profile, question: str) -> str:
    hits = Retriever(profile.chunks).search(question, k=6)
    reply = degraded_reply(profile, hits, NO_ANSWER, question=question)
    assert reply.quoted
    assert reply.text.startswith(DEGRADED_INTRO)
    return reply.text


@pytest.mark.parametrize(
    "question", ["Where do you work now?", "What's your current role?", "What do you do?"]
)
def test_a_present_tense_question_quotes_the_role_marked_present(ada, question):
    text = answer(ada, question)
    assert "Heron Maps" in text
    assert "Kelpie Cloud" not in text and "Thistle Games" not in text


def test_the_current_role_is_found_even_when_no_word_of_the_question_matches(ada):
    reply = degraded_reply(ada, [], NO_ANSWER, question="What are you doing at the moment?")
    assert reply.quoted and "Heron Maps" in reply.text


def test_a_list_question_quotes_the_whole_list_line(ada):
    text = answer(ada, "What programming languages do you know?")
    assert "Rust, Go, Python" in text
    assert "Kubernetes" not in text  # the other list of the section is not what was asked


@pytest.mark.parametrize(
    ("question", "wanted", "not_wanted"),
    [
        ("Where did you work before Heron Maps?", "Kelpie Cloud", "Thistle Games"),
        ("What did you do after Thistle Games?", "Kelpie Cloud", "Heron Maps"),
        ("Where did you work before Kelpie Cloud?", "Thistle Games", "Heron Maps"),
        ("What was your first job?", "Thistle Games", "Heron Maps"),
    ],
)
def test_before_and_after_follow_the_timeline(ada, question, wanted, not_wanted):
    text = answer(ada, question)
    assert wanted in text and not_wanted not in text


def test_a_fact_said_twice_in_the_profile_is_quoted_once(write):
    data = {
        "personal": {"name": "Ben Ode", "title": "Chemist"},
        "experience": [
            {
                "company": "Lark Labs",
                "title": "Lab Lead",
                "duration": "2021 - Present",
                "summary": "Lead a team of six chemists testing battery electrolytes.",
            }
        ],
        "content_chunks": [
            {
                "id": "job",
                "title": "Lark Labs job",
                "content": "Lab Lead at Lark Labs: I lead a team of six chemists testing"
                " electrolytes.",
            }
        ],
    }
    profile = load_profile(write("ben.json", json.dumps(data)))
    text = answer(profile, "Tell me about your team at Lark Labs")
    assert text.count("six chemists") == 1
    assert text.count("\n- ") == 1


def test_a_timeline_in_one_section_gives_one_entry_per_dated_line(write):
    profile = load_profile(
        write(
            "cy.md",
            "# Cy\n\n## Work\n\n- **2021 – now** · Designer, Okapi\n- **2018 – 2021** · "
            "Illustrator, Marten Press\n- **2016** · Intern, Ibex\n",
        )
    )
    jobs = entries(profile.chunks)
    assert [e.current for e in jobs] == [True, False, False]
    assert "Marten Press" in answer(profile, "Where did you work before Okapi?")


def test_json_resume_dates_mark_the_job_without_an_end_as_current():
    assert when("Position: SRE\nStart date: 2022-08") == ((2022, 8), None)
    assert when("Start date: 2019-03\nEnd date: 2022-07") == ((2019, 3), (2022, 7))
    assert when("Since April 2024 I have been a designer") == ((2024, 4), None)
    assert when("Sep 2018 – Mar 2022") == ((2018, 9), (2022, 3))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where do you work now?", "current"),
        ("What do you do in your free time?", "topic"),  # an open question (issue 26)
        ("Where did you work before Klarna?", "before"),
        ("What tools do you use?", "list"),
        ("Where are you based?", "where"),
    ],
)
def test_the_kind_of_question_is_read_from_its_wording(question, kind):
    assert intent(question).kind == kind


def test_answers_stay_short_enough_for_chat(ada):
    for question in ("Tell me about your experience", "What are your skills?"):
        assert len(answer(ada, question)) < 700
