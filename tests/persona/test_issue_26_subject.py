"""Issue 26, second round: the answer without a model quotes a passage only when it speaks of
the question's subject, and otherwise says the question is not written down (a gap).

Each test fails on the code before this round (main at 2793225): there the twin quoted an
interview question it rehearses, a project whose name shares a word with a question about a
taste, the degree for "after graduating", and a section found by one incidental word. The
profiles are built here and the questions are not the bench's.
"""

from __future__ import annotations

from pathlib import Path

from core.persona.search.retrieval import knows, terms
from tests.persona.offline import is_gap as _gap
from tests.persona.offline import offline_answer as _answer
from tests.persona.offline import profile_of as _profile

REHEARSAL = """# Lena Voss

Backend developer in Graz.

## Experience
### Backend Developer at Murtal Logistics (2021 - present)
I build the routing service in Go.

## Interview prep
Behavioral questions: Describe a time you disagreed with a product manager.; How do you \
prioritise support tickets against roadmap work?; Give an example of a risky release.
"""


def test_an_interview_question_the_owner_rehearses_is_not_quoted_as_an_answer(
    tmp_path: Path,
) -> None:
    reply = _answer(_profile(tmp_path, REHEARSAL), "How do you prioritise support tickets?")
    assert "roadmap work?" not in reply.text
    assert _gap(reply)


REHEARSED_WITH_ANSWER = """# Lena Voss

Backend developer in Graz.

## Interview prep
Common questions: How do you prioritise support tickets against roadmap work? (answer: I \
triage every morning with the support lead and keep one day a week for tickets.)
"""


def test_the_answer_to_a_rehearsed_question_is_found_by_the_question(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, REHEARSED_WITH_ANSWER), "How do you prioritise tickets?")
    assert reply.quoted
    assert "triage every morning" in reply.text


TASTE = """# Omar Haddad

Mobile developer in Lyon.

## Projects
### Verse Engine
A poetry generator app for iOS built with Swift; 2,000 downloads.

## Interests
Climbing at the local bouldering gym.
"""


def test_a_question_about_a_taste_is_not_answered_by_a_project_sharing_its_word(
    tmp_path: Path,
) -> None:
    reply = _answer(_profile(tmp_path, TASTE), "What kind of poetry do you like?")
    assert "Verse Engine" not in reply.text
    assert _gap(reply)


def test_a_question_about_a_taste_quotes_a_passage_that_states_one(tmp_path: Path) -> None:
    text = TASTE.replace("Climbing at", "I love reading poetry and climbing at")
    reply = _answer(_profile(tmp_path, text), "What kind of poetry do you like?")
    assert reply.quoted
    assert "love reading poetry" in reply.text


def test_a_taste_for_a_kind_of_thing_the_profile_lists_is_answered(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, TASTE), "Which project did you enjoy the most?")
    assert reply.quoted
    assert "Verse Engine" in reply.text


MOMENT = """# Priya Nair

Data analyst in Pune.

## Awards
Winner of the Pune Open Data weekend hackathon (2022).
"""


def test_a_moment_of_the_owners_days_is_not_written_down(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, MOMENT), "What are you up to this weekend?")
    assert "hackathon" not in reply.text
    assert _gap(reply)


NO_ROLE_AFTER = """# Ines Costa

Student in Porto.

## Education
### BSc Computer Science, University of Porto (2019 - 2023)
Final-year project on route planning for buses.

## Experience
### Summer Intern at Douro Software (2021)
Wrote tests for a billing service.
"""


def test_after_graduating_with_no_later_role_does_not_quote_the_degree(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, NO_ROLE_AFTER), "What did you do after you graduated?")
    assert "University of Porto" not in reply.text
    assert _gap(reply)


NAMES = """# Tariq Aziz

Platform engineer in Leeds.

## Skills
Databases: PostgreSQL, MySQL

## Experience
### Platform Engineer at Aire Systems (2020 - present)
Evaluated alternative schedulers before moving batch jobs to Kubernetes.
"""


def test_a_common_word_ending_alike_is_not_a_technology_family(tmp_path: Path) -> None:
    profile = _profile(tmp_path, NAMES)
    spoken = _answer(profile, "Are you a native Spanish speaker?")
    assert _gap(spoken)  # "native" is not in "alternative"
    chunks = tuple(profile.chunks)
    (sql,), (native,) = terms("SQL"), terms("native")
    assert knows(chunks, sql)  # a technology's family: "sql" is in the name PostgreSQL
    assert not knows(chunks, native)


SECTION = """# Hana Sato

Designer in Osaka.

## Career goals
Lead a design team at a community health charity.

## Volunteering
### Mentor at Kansai Code Club (2020 - present)
I run weekly sessions for children learning to draw on tablets.
"""


def test_a_section_named_by_the_question_is_quoted(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, SECTION), "Do you do volunteer work?")
    assert reply.quoted
    assert "weekly sessions for children" in reply.text


STANCE = """# Rui Alves

Support engineer in Braga.

## Experience
### Support Engineer at Minho Cloud (2022 - present)
Company context: Hosting provider with 80 staff and a 24/7 support desk.

### Helpdesk Analyst at Cávado Retail (2019 - 2022)
Answered store tills' tickets for 40 shops.
"""


def test_a_why_question_is_not_answered_by_a_fact_that_states_no_reason(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, STANCE), "Why did you quit Cávado Retail?")
    assert _gap(reply)


def test_a_why_question_quotes_the_reason_the_profile_gives(tmp_path: Path) -> None:
    text = STANCE.replace(
        "Answered store tills' tickets for 40 shops.",
        "Answered store tills' tickets for 40 shops. I left Cávado Retail because I wanted to"
        " work on cloud hosting.",
    )
    reply = _answer(_profile(tmp_path, text), "Why did you quit Cávado Retail?")
    assert reply.quoted
    assert "because I wanted to work on cloud hosting" in reply.text


DEGREE_ONLY = """# Mei Tan

Lab technician in Penang.

## Education
BSc Chemistry, Universiti Sains Malaysia (2016 - 2019), second-class upper honours.

## Experience
### Lab Technician at Pinang Water (2019 - present)
I run the weekly water-quality assays.
"""


def test_a_degree_line_does_not_tell_a_thesis(tmp_path: Path) -> None:
    reply = _answer(_profile(tmp_path, DEGREE_ONLY), "What was your dissertation on?")
    assert _gap(reply)
    degree = _answer(_profile(tmp_path, DEGREE_ONLY), "What did you study at university?")
    assert degree.quoted and "BSc Chemistry" in degree.text  # the degree is still answered
