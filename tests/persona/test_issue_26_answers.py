"""Issue 26, third round: the answer without a model finds the sentence that answers in words
of the same family, and keeps quiet (a gap) when only the question's frame matched.

Each test fails on the code before this round (main at c419fbb). The profiles are built here
and the questions are not the bench's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.persona.questions.understanding import subject_terms, topic
from core.persona.search.retrieval import kin, terms
from tests.persona.offline import is_gap as _gap
from tests.persona.offline import offline_answer as _answer
from tests.persona.offline import profile_of as _profile

FAMILY = """# Ines Baptista

Platform engineer in Porto.

## Experience
### Platform Engineer at Douro Payments (2021 - present)
Runs the card-processing cluster on Kubernetes. Made the ledger service secure with mutual TLS \
and short-lived certificates.

### Volunteer at Porto Code Club (2018 - 2020)
Weekend teacher for children learning Scratch and Python.

## Skills
Go, Kubernetes, Terraform, PostgreSQL
"""


def test_a_word_of_the_same_family_answers(tmp_path: Path) -> None:
    """ "Security" asked, "secure" written; "teaching" asked, "teacher" written: one family the
    stemmer leaves apart. Before, neither question was answered (not written down)."""
    ines = _profile(tmp_path, FAMILY)
    security = _answer(ines, "Have you done security work?")
    assert security.quoted and "mutual TLS" in security.text
    teaching = _answer(ines, "Any experience teaching?")
    assert teaching.quoted and "Scratch" in teaching.text


def test_kin_is_a_derivation_not_a_shared_start() -> None:
    assert kin("secur", "security") and kin("teach", "teacher")
    assert kin("prioritis", "priority")
    # a compound or an unrelated longer word is not family
    assert not kin("smart", "smartphone") and not kin("intern", "international")
    assert not kin("break", "breakfast") and not kin("public", "publicat")


RESULTS = """# Tomas Ferreira

Backend engineer in Braga.

## Experience
### Backend Engineer at Minho Freight (2020 - present)
Rewrote the settlement batch in Rust; settlement now runs in 4 hours instead of 3 days.
Moved invoices to an event queue, and support tickets about missing invoices went down 70%.

### Contractor at Cávado Studio (2018 - 2020)
Highlights: Shipped the booking system for the city museum
"""


def test_pride_without_the_word_quotes_the_measured_results(tmp_path: Path) -> None:
    """No section says "achievements": the results the profile measures are what a person
    is proud of. Before, "not written down"."""
    tomas = _profile(tmp_path, RESULTS.split("### Contractor")[0])
    reply = _answer(tomas, "What are you proudest of?")
    assert reply.quoted
    assert "3 days" in reply.text or "70%" in reply.text


def test_highlights_are_achievements(tmp_path: Path) -> None:
    """JSON Resume and many résumés call achievements "highlights"."""
    tomas = _profile(tmp_path, RESULTS)
    reply = _answer(tomas, "What was your main achievement at Cávado Studio?")
    assert reply.quoted and "city museum" in reply.text


def test_the_question_frame_is_no_subject() -> None:
    """Verbs that only frame a question, however inflected, name no subject."""
    assert subject_terms("Which certificates have you received?") == terms("certificates")
    assert subject_terms("What tools have you loved using?") == terms("tools")
    assert subject_terms("Have you dealt with stakeholders?") == terms("stakeholders")


def test_one_known_word_of_two_is_not_the_subject(tmp_path: Path) -> None:
    """ "Do you sail on the Douro?": the profile has "Douro" (a company's name) but nothing
    about sailing; it is not written down and becomes a gap, instead of quoting the job."""
    ines = _profile(tmp_path, FAMILY)
    assert _gap(_answer(ines, "Do you sail on the Douro?"))
    # one of several alternatives is enough, and a known subject is still answered
    assert _answer(ines, "Do you know Terraform or Pulumi?").quoted
    assert _answer(ines, "Do you use Kubernetes?").quoted


def test_a_question_that_is_only_its_frame_quotes_nothing(tmp_path: Path) -> None:
    """Every word of it frames a question and none names a subject: nothing in a profile can
    be said to answer it, so it is not written down (before, the best chunk was quoted)."""
    ines = _profile(tmp_path, FAMILY)
    assert _gap(_answer(ines, "Where do you usually go?"))
    assert _gap(_answer(ines, "How many do you have?"))


def test_one_alternative_known_is_enough_but_the_rest_must_be_known(tmp_path: Path) -> None:
    """ "On Azure or GCP": one of the choices must be there. Before, any known word with an
    "or" anywhere made the question answered ("Kubernetes" alone)."""
    ines = _profile(tmp_path, FAMILY)
    assert _gap(_answer(ines, "Do you run Kubernetes on Azure or GCP?"))
    assert _answer(ines, "Have you run Kubernetes, Nomad or ECS?").quoted


def test_what_your_company_does_and_the_position_you_hold_are_the_current_role(
    tmp_path: Path,
) -> None:
    ines = _profile(tmp_path, FAMILY)
    reply = _answer(ines, "Which position do you hold?")
    assert reply.quoted and "Douro Payments" in reply.text
    assert "current role" in reply.text
    # What the company does is quoted from a line describing it; this profile has none (the
    # evidence2 round: the role line alone does not say what the company does).
    assert not _answer(ines, "What does your company do?").quoted


CAREER = """# Priya Raman

Data analyst in Pune. I love turning messy spreadsheets into answers people trust.

## Experience
### Analyst at Sahyadri Mills (Jan 2015 - Dec 2021)
Built the monthly yield report with Python and a small REST API for the plant managers.

### Senior Analyst at Deccan Grid (Jan 2022 - Jun 2023)
Forecast demand for the regional grid.

### Volunteer tutor at Pune Code Circle (2010 - present)
Taught SQL to school leavers on Saturdays.
"""


def test_irregular_past_forms_and_acronym_plurals_meet_their_words(tmp_path: Path) -> None:
    """ "Have you taught?" finds "Taught SQL"... and "teaching"; "APIs" finds "API". Before,
    "taught" and "apis" were terms of their own, and both were not written down."""
    assert terms("taught led apis") == terms("teach lead api")
    priya = _profile(tmp_path, CAREER)
    assert "REST API" in _answer(priya, "Have you built APIs?").text
    assert "Taught SQL" in _answer(priya, "Have you ever taught anyone?").text


def test_the_job_held_longest_is_read_from_the_dates(tmp_path: Path) -> None:
    """Seven years at Sahyadri Mills is the longest job (the volunteering still going is no
    job). Before, the question was answered with whatever shared its words."""
    priya = _profile(tmp_path, CAREER)
    for question in ("Where did you work the longest?", "What was your longest job?"):
        reply = _answer(priya, question)
        assert reply.quoted and "Sahyadri Mills" in reply.text
        assert "Deccan Grid" not in reply.text and "Code Circle" not in reply.text


def test_what_you_love_about_your_work_is_a_stated_taste(tmp_path: Path) -> None:
    """ "What do you love about your job?" quotes where the profile says what it loves; with
    no such passage it is not written down (the summary is not a taste)."""
    priya = _profile(tmp_path, CAREER)
    reply = _answer(priya, "What do you love about your job?")
    assert reply.quoted and "messy spreadsheets" in reply.text
    ines = _profile(tmp_path, FAMILY)
    assert _gap(_answer(ines, "What do you enjoy most about your work?"))


def test_the_size_of_my_team_is_where_the_profile_counts_it(tmp_path: Path) -> None:
    """ "How big is your team?" quotes the sentence that counts it; a profile that never does
    says it is not written down (before: the first chunk with "team" in it, or anything)."""
    text = CAREER.replace(
        "Forecast demand for the regional grid.",
        "Forecast demand for the regional grid. The forecasting team has 4 analysts.",
    )
    priya = _profile(tmp_path, text)
    for question in ("How big is your team?", "How many people are on your team?"):
        reply = _answer(priya, question)
        assert reply.quoted and "4 analysts" in reply.text
    assert _gap(_answer(_profile(tmp_path, FAMILY), "How big is your team?"))


def test_a_request_s_own_words_and_the_owner_s_name_are_no_missing_subject(
    tmp_path: Path,
) -> None:
    """ "List", "overview", "hey Priya": the request's frame and the owner's own name are not a
    subject the profile lacks. Before this round's two-word rule they did not matter; with it
    they must not turn an answer into a gap."""
    priya = _profile(tmp_path, CAREER)
    assert _answer(priya, "List your forecasts.").quoted
    assert _answer(priya, "hey Priya, any forecasting work?").quoted
    assert _answer(priya, "What's the full list of your analyst jobs?").quoted


def test_and_offers_choices_like_or(tmp_path: Path) -> None:
    """ "SQL and Haskell": the one the profile holds is the answer."""
    priya = _profile(tmp_path, CAREER)
    assert _answer(priya, "Do you know SQL and Haskell?").quoted
    assert _gap(_answer(priya, "Do you know Haskell and Elixir?"))


def test_list_your_jobs_is_the_career(tmp_path: Path) -> None:
    priya = _profile(tmp_path, CAREER)
    for question in ("list your positions", "List all the places you've worked."):
        reply = _answer(priya, question)
        assert "Sahyadri Mills" in reply.text and "Deccan Grid" in reply.text


def test_the_part_of_the_job_enjoyed_and_the_present_job(tmp_path: Path) -> None:
    priya = _profile(tmp_path, CAREER)
    assert "messy spreadsheets" in _answer(priya, "Which part of your job do you enjoy most?").text
    assert _gap(_answer(_profile(tmp_path, FAMILY), "What part of your job do you enjoy least?"))
    reply = _answer(_profile(tmp_path, FAMILY), "What do you do in your present job?")
    assert "current role" in reply.text and "Douro Payments" in reply.text


def test_the_tools_of_the_current_role_are_the_sentence_naming_them(tmp_path: Path) -> None:
    """ "What tools do you use in your current job?" quotes the sentence of the current role
    that names the most of the skills listed (before: the role's first sentence)."""
    text = FAMILY.replace(
        "Runs the card-processing cluster on Kubernetes.",
        "Chose the technology for the new ledger after a six-week review with the auditors.\n"
        "Runs the card-processing cluster for three banks and a dozen merchants, and answers "
        "for its uptime to the regulator every quarter with a written report and a review.\n"
        "Agreed the on-call rota with the support desk so that nobody is paged twice in one "
        "week, and wrote the runbooks the desk follows at night.\n"
        "Day to day I write Go services, keep the Terraform modules tidy and tune PostgreSQL.",
    )
    ines = _profile(tmp_path, text)
    reply = _answer(ines, "What tools do you use in your current job?")
    assert "current role" in reply.text and "Terraform" in reply.text


def test_a_concept_in_two_words_is_found_in_the_words_profiles_use(tmp_path: Path) -> None:
    """ "Machine learning" is written "ML", "communication skills" are soft skills, "open
    source" is on GitHub, "technical" and "methods" only qualify: each found the answer before
    the two-word rule only by half, and must still find it."""
    text = FAMILY.replace(
        "## Skills\nGo, Kubernetes, Terraform, PostgreSQL",
        "## Skills\nTechnical: Go, Kubernetes, Terraform, PostgreSQL, ML pipelines\n"
        "Soft skills: calm incident calls, writing runbooks\n"
        "Ways of working: Scrum, trunk-based development\n"
        "Open work: GitHub: https://github.com/ines-example/ledger-tools",
    )
    ines = _profile(tmp_path, text)
    for question, said in (
        ("Do you know machine learning?", "ML pipelines"),
        ("How are your communication skills?", "runbooks"),
        ("Do you contribute to open source?", "github.com"),
        ("Do you know agile methods?", "Scrum"),
    ):
        reply = _answer(ines, question)
        assert reply.quoted and said in reply.text, question


SECTIONS = """# Ola Nordmann

I enjoy building tools that outlast the projects they were built for.

## Experience
### Developer at Fjord Ferries (2019 - present)
Maintains the booking engine and the timetable feed.

## Projects
### Tide tables
A small site that shows the next high tide for every harbour in Vestland.
Made with Svelte and SQLite, hosted on a single Raspberry Pi.
"""


def test_a_question_naming_a_section_is_answered_from_it(tmp_path: Path) -> None:
    """ "What did you use for your projects?": the Projects section's sentence, not a summary
    that happens to say "projects" too."""
    ola = _profile(tmp_path, SECTIONS)
    reply = _answer(ola, "What did you use for your projects?")
    assert reply.quoted and "Svelte" in reply.text


def test_how_long_is_answered_by_the_years_not_by_the_word_long(tmp_path: Path) -> None:
    """ "How long have you been in your field?" quotes "eight years", not a "Long term" goal
    (before, "long" was a subject word and matched it)."""
    text = (
        SECTIONS.replace(
            "I enjoy building tools",
            "Developer with eight years of experience in transport software. "
            "I enjoy building tools",
        )
        + "\n## Goals\nLong term: run a small studio that builds software for ferry operators.\n"
    )
    ola = _profile(tmp_path, text)
    reply = _answer(ola, "How long have you been working in your field?")
    assert reply.quoted and "eight years" in reply.text and "studio" not in reply.text


def test_a_thesis_is_not_any_project(tmp_path: Path) -> None:
    """The words profiles write a thesis with are "dissertation" or "capstone", not "project":
    a profile with projects and no thesis does not answer "what was your thesis about?"."""
    ola = _profile(tmp_path, SECTIONS)
    assert _gap(_answer(ola, "What was your thesis about?"))


def test_a_bare_number_is_no_subject_but_a_year_is(tmp_path: Path) -> None:
    """ "What did you build? (3)": the number is not something the profile must hold (with
    the two-word rule it turned the question into a gap); a year still is a subject."""
    assert subject_terms("What did you build? (3)") == subject_terms("What did you build?")
    assert "2019" in subject_terms("What did you do in 2019?")
    ola = _profile(tmp_path, SECTIONS)
    assert _answer(ola, "What tide tables did you make? (2)").quoted


def test_a_leading_label_and_the_word_question_are_no_subject(tmp_path: Path) -> None:
    """ "Quick question: ...", "a question about your projects": the label and the word
    "question" frame what is asked; a label that is the subject ("Svelte: ...") still counts."""
    ola = _profile(tmp_path, SECTIONS)
    assert _answer(ola, "Quick aside: which harbours do your tide tables cover?").quoted
    assert _answer(ola, "A question about your tide tables?").quoted
    assert _answer(ola, "Svelte: do you know it?").quoted


@pytest.mark.parametrize(
    "opener",
    [
        "what's ur background?",
        "can you take me through your CV?",
        "sum yourself up in 30 seconds",
        "Give me your elevator pitch.",
        "Give me the short version of you.",
        "walk me through your career.",
        "Who is this?",
    ],
)
def test_openers_in_other_shapes_are_read_as_about_me(opener: str) -> None:
    found = topic(opener)
    assert found is not None and found.name == "about"


def test_a_walk_through_a_technology_is_not_an_opener() -> None:
    found = topic("Take me through your experience with Kafka.")
    assert found is None or found.name != "about"
