"""Issue 26, passage choice for questions nobody tuned for: each test is one general mechanism
of the answer without a model, and fails on the code before it (the evidence2 round). The
profile is made up here; the wordings are not the banks'."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.persona.profiles.profile import Profile, load_profile
from core.persona.questions.chat import written_out
from core.persona.search.retrieval import members_of, stem
from tests.persona.conftest import EXAMPLE_JSON
from tests.persona.offline import is_gap, offline_answer, profile_of

ROSA = """# Rosa Lindqvist

Backend engineer in Uppsala. I build payment and ledger services.

## Experience
### Backend Engineer at Fjordpay (2021 - present)
Fjordpay is a payments company for small Nordic shops.
I own the ledger service and the settlement batch.
Settlement now finishes in 40 minutes instead of 6 hours.
I work in the ledger team of 5 engineers.

### Developer at Norrsken Games (2018 - 2021)
Built the leaderboard and matchmaking backend.

### Software Intern at Tallskog Labs (2017 - 2018)
Wrote test tooling for the embedded team.

## Projects
### Birdcount
A mobile app that counts garden birds from photos. Impact: about 900 downloads.

### Ledgerlint
An open-source linter for double-entry bookkeeping files.

## Skills
Languages: Go, Python, Kotlin
Databases: PostgreSQL, Redis
Tools: Docker, Terraform, Grafana, Kubernetes

## Expertise
Distributed ledgers, idempotent payment APIs and batch settlement.

## Education
MSc Computer Science, Uppsala University (2015 - 2017)
School: Katedralskolan, natural sciences programme (2012 - 2015)
Born and raised in Gävle.

## Career goals
Learning focus: Rust, formal verification, technical leadership.
"""

# A profile whose current job says neither when it started nor what the company does.
ELI = """# Eli Moreau

Barista and junior web developer in Lyon.

## Experience
- Currently Barista at Café Lumière: serving customers and training new staff.
- Web Developer Intern at Pixelpont (2022 - 2023): built WordPress themes.

## Projects
### Velib Map
Group project for a 4-person team: a map of free bike docks.
"""


@pytest.fixture
def rosa(tmp_path: Path) -> Profile:
    return profile_of(tmp_path, ROSA)


@pytest.fixture
def eli(tmp_path: Path) -> Profile:
    (tmp_path / "eli").mkdir()
    return profile_of(tmp_path / "eli", ELI)


def _says(profile: Profile, question: str, *needles: str) -> None:
    reply = offline_answer(profile, question)
    low = reply.text.lower()
    assert reply.quoted and all(n.lower() in low for n in needles), (question, reply.text)


def test_chat_spellings_are_written_out() -> None:
    assert written_out("where r u working rn") == "where are you working right now"
    assert written_out("do you know R?") == "do you know R?"  # the language stays
    assert written_out("what did u do b4 Fjordpay tbh") == "what did you do before Fjordpay"
    assert written_out("what does ur company actually do") == "what does your company do"


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("do u know postgres or redis", "redis"),
        ("what databases have u worked with", "postgresql"),
        ("where r u working rn", "fjordpay"),
        ("which uni did u go to", "uppsala university"),
    ],
)
def test_a_question_in_chat_spellings_is_answered(
    rosa: Profile, question: str, needle: str
) -> None:
    _says(rosa, question, needle)


@pytest.mark.parametrize(
    "question",
    [
        "tell me about a cool project u did",
        "Can you describe a memorable project of yours?",
        "building anything on the side?",
        "any personal projects outside of your day job?",
    ],
)
def test_a_project_asked_with_any_adjective_quotes_the_projects(
    rosa: Profile, question: str
) -> None:
    reply = offline_answer(rosa, question)
    assert reply.quoted and (
        "birdcount" in reply.text.lower() or "ledgerlint" in reply.text.lower()
    )


def test_a_project_with_a_story_asked_is_not_any_project(rosa: Profile) -> None:
    # "a project that went wrong" asks for a story the profile does not tell
    assert "Birdcount" not in offline_answer(rosa, "Describe a project that went wrong.").text


@pytest.mark.parametrize(
    "question", ["what's your area of expertise?", "what r u an expert in", "your speciality?"]
)
def test_expertise_is_what_i_am_best_at(rosa: Profile, question: str) -> None:
    text = offline_answer(rosa, question).text
    assert "ledger" in text or "PostgreSQL" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "what do you want to get better at?",
        "what skill would u like to improve",
        "which area are you trying to grow in?",
    ],
)
def test_what_i_want_to_get_better_at_is_my_learning_focus(rosa: Profile, question: str) -> None:
    _says(rosa, question, "formal verification")


@pytest.mark.parametrize(
    "question",
    [
        "Name all your past and present employers.",
        "List every company you've worked at.",
        "give me every position you've held",
    ],
)
def test_every_employer_is_the_career(rosa: Profile, question: str) -> None:
    _says(rosa, question, "fjordpay", "norrsken", "tallskog")


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("which company are you at", "fjordpay"),
        ("What is your official role called?", "backend engineer"),
        ("what does your company actually do", "payments company"),
        ("what's your employer's business about?", "payments company"),
        ("which sector are you in?", "payments company"),
    ],
)
def test_the_current_job_in_other_words(rosa: Profile, question: str, needle: str) -> None:
    _says(rosa, question, needle)


def test_what_my_company_does_needs_a_line_about_the_company(eli: Profile) -> None:
    assert is_gap(offline_answer(eli, "what does your company do?"))


def test_which_team_i_am_on_is_my_current_jobs_team(rosa: Profile, eli: Profile) -> None:
    _says(rosa, "what team r u part of", "ledger team of 5")
    assert is_gap(offline_answer(eli, "which team are you on?"))  # a project's team is not it


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("How long have you been at Northwind Freight?", "March 2022 - present"),
        ("since when have u worked at Brightwell?", "August 2020 - February 2022"),
    ],
)
def test_how_long_at_a_named_place_quotes_its_dates(question: str, needle: str) -> None:
    # the example profile tells Northwind Freight in several chunks, the dated one is the job
    _says(load_profile(EXAMPLE_JSON), question, needle)


def test_how_long_in_my_job_needs_a_date(eli: Profile) -> None:
    assert is_gap(offline_answer(eli, "how long have you been in your current job?"))


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("what's in your toolbox?", "terraform"),
        ("sql or nosql, which dbs do you know", "postgresql"),
        ("any k8s experience?", "kubernetes"),
    ],
)
def test_other_names_for_a_kind_of_technology(rosa: Profile, question: str, needle: str) -> None:
    _says(rosa, question, needle)


def test_an_embedded_team_is_no_machine_learning() -> None:
    assert stem("embedded") not in members_of("ml")


def test_expertise_without_a_section_is_my_strengths_and_summary() -> None:
    text = offline_answer(load_profile(EXAMPLE_JSON), "what's your area of expertise?").text
    assert "Data engineer" in text, text


@pytest.mark.parametrize(
    "question", ["Where are you from originally?", "which country do u come from?"]
)
def test_where_i_come_from_is_not_where_i_live(rosa: Profile, eli: Profile, question: str) -> None:
    _says(rosa, question, "Gävle")
    assert is_gap(offline_answer(eli, question))  # Lyon is where Eli lives, not where from


@pytest.mark.parametrize(
    "question", ["Where did you go to high school?", "which secondary school did u go to"]
)
def test_the_school_before_university(rosa: Profile, eli: Profile, question: str) -> None:
    _says(rosa, question, "Katedralskolan")
    assert is_gap(offline_answer(eli, question))


def test_besides_x_leaves_x_out(rosa: Profile) -> None:
    text = offline_answer(rosa, "did you do anything besides studying at university?").text
    assert "MSc" not in text, text


@pytest.mark.parametrize(
    "question",
    ["name all ur projects", "Give me the full list of your projects.", "list every project"],
)
def test_a_list_of_entries_gathers_each_entry(question: str) -> None:
    text = offline_answer(load_profile(EXAMPLE_JSON), question).text
    for name in ("Leeds Bus Punctuality Tracker", "dbt-guardrails", "Allotment soil sensors"):
        assert name in text, text


def test_what_i_want_to_improve_is_the_learning_focus_wherever_it_is() -> None:
    # the example profile keeps its learning focus under career goals, not development
    text = offline_answer(load_profile(EXAMPLE_JSON), "what skill would u like to improve").text
    assert "Learning focus" in text, text


def test_oss_is_open_source() -> None:
    text = offline_answer(load_profile(EXAMPLE_JSON), "any OSS contributions?").text
    assert "dbt-guardrails" in text, text


def test_a_list_asked_in_other_words_quotes_the_line_labelled_so() -> None:
    # "interpersonal skills" is the profile's "Soft skills" line, not the whole skills section
    text = offline_answer(
        load_profile(EXAMPLE_JSON), "Which interpersonal skills would you highlight?"
    ).text
    assert "Soft skills: Explaining data" in text and "Programming languages" not in text, text
