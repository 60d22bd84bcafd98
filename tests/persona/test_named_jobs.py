"""Questions that name a job by its employer or a period by a year, my studies or the start of
my career (issue 26): the answer without a model quotes that job, and the model is given its
chunk, in both profile formats. Written before the code that answers them; each failed on the
code before it (see the commit log)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.persona.offline import passages
from core.persona.profiles import timeline
from core.persona.profiles.profile import Profile, load_profile
from core.persona.prompt import retrieval_query
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever

from .conftest import EXAMPLE_JSON
from .offline import is_gap, offline_answer, profile_of

LENA = """# Lena Novak

Platform engineer in Gdansk. I have been building software professionally since 2011.

## Experience

### Platform Engineer at Harbourline
*May 2019 - Present*

- Run the Kubernetes clusters for the payments team.
- Cut deploy times from 40 minutes to 6 minutes with a new CI pipeline.

### Backend Developer at Quillsoft
*June 2014 - April 2019*

- Responsible for the billing API in Java and PostgreSQL.
- Reduced invoice errors by 35% with contract tests.

### Support Technician at Ferrobyte
*July 2011 - May 2014*

- Answered customer tickets and wrote the internal knowledge base.

## Education

### BSc Computer Science, University of Gdansk (2008 - 2012)

## Skills

- Languages: Java, Go, Python
- Databases: PostgreSQL, Redis
"""

# A founder whose own studio has run since 2005, with jobs held alongside it since.
OMAR = {
    "basics": {
        "name": "Omar Haddad",
        "label": "Software Consultant",
        "summary": "I build web apps.",
    },
    "work": [
        {
            "name": "Tidewell Studio",
            "position": "Founder",
            "startDate": "2005-02",
            "summary": "A two-person studio building web apps for charities.",
        },
        {
            "name": "Corvane Systems",
            "position": "Lead Developer",
            "startDate": "2012-04",
            "endDate": "2019-06",
            "summary": "Corvane Systems makes tide-gauge sensors for ports.",
            "highlights": ["Led a team of five engineers on the sensor dashboard."],
        },
        {
            "name": "Brimlow Media",
            "position": "Web Developer",
            "startDate": "2008-01",
            "endDate": "2010-11",
            "highlights": ["Built the video archive in PHP."],
        },
        {
            "name": "Ostrava Labs",
            "position": "Junior Developer",
            "startDate": "2003-01",
            "endDate": "2007-08",
            "highlights": ["Wrote test tools in Perl."],
        },
    ],
}


@pytest.fixture
def lena(tmp_path: Path) -> Profile:
    return profile_of(tmp_path, LENA)


@pytest.fixture
def omar(tmp_path: Path) -> Profile:
    path = tmp_path / "omar.json"
    path.write_text(json.dumps(OMAR), encoding="utf-8")
    return load_profile(path)


def _says(profile: Profile, question: str, *wanted: str) -> None:
    reply = offline_answer(profile, question)
    assert reply.quoted, reply.text
    for text in wanted:
        assert text.lower() in reply.text.lower(), reply.text


def _given(profile: Profile, question: str) -> str:
    hits = recall(profile, Retriever(profile.chunks), question, retrieval_query(question, []))
    return "\n".join(f"{h.chunk.title}\n{h.chunk.text}" for h in hits)


# --- a job named by its employer --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what were your responsibilities at Quillsoft",
        "what did your work at Quillsoft involve",
        "what did you do at quillsoft?",
    ],
)
def test_a_past_job_named_is_that_job_not_the_current_one(lena: Profile, question: str) -> None:
    _says(lena, question, "billing API")


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("when did you join Quillsoft", "June 2014"),
        ("when did you leave Quillsoft?", "April 2019"),
        ("what year did you join Quillsoft", "2014"),
        ("are you still at Harbourline?", "Present"),
    ],
)
def test_when_i_joined_or_left_a_named_job_is_its_dates(
    lena: Profile, question: str, wanted: str
) -> None:
    _says(lena, question, wanted)


def test_my_title_at_a_named_job(lena: Profile) -> None:
    _says(lena, "what was your title at Ferrobyte", "Support Technician")


def test_results_at_a_named_job(lena: Profile) -> None:
    _says(lena, "what results did you get at Quillsoft?", "35%")


def test_what_a_named_company_does_is_its_description(omar: Profile) -> None:
    _says(omar, "what does Corvane Systems do", "tide-gauge sensors")


def test_a_named_past_job_is_given_to_the_model(omar: Profile) -> None:
    assert "Perl" in _given(omar, "what did you work on at Ostrava Labs?")


# --- a period named -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["what were you up to in 2016?", "where were you working in 2016", "your job back in 2016?"],
)
def test_a_year_asked_is_the_job_held_then(lena: Profile, question: str) -> None:
    _says(lena, question, "Quillsoft")
    assert "Quillsoft" in _given(lena, question)


@pytest.mark.parametrize(
    "question", ["did you work while you were at uni", "any jobs during your studies?"]
)
def test_work_during_my_studies_is_the_job_held_then(lena: Profile, question: str) -> None:
    _says(lena, question, "Ferrobyte")
    assert "Ferrobyte" in _given(lena, question)


@pytest.mark.parametrize(
    "question", ["when did you start working", "what year did your career begin"]
)
def test_when_my_career_began(lena: Profile, question: str) -> None:
    _says(lena, question, "2011")


def test_when_i_started_uni_is_the_studies_dates(lena: Profile) -> None:
    _says(lena, "when did you start uni", "2008")


def test_a_year_with_no_job_is_not_written_down(lena: Profile) -> None:
    assert is_gap(offline_answer(lena, "what were you up to in 1995?"))


# --- the order of jobs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["what was your last job before this one", "whats your previous role"]
)
def test_my_last_job_is_the_one_that_ended_last(omar: Profile, question: str) -> None:
    """The studio (2005 - present) began before the jobs held alongside it: my last job is the
    one that ended last, not the one before the studio began."""
    _says(omar, question, "Corvane")


def test_after_x_is_what_began_after_x_ended(omar: Profile) -> None:
    _says(omar, "what did you do after Ostrava Labs?", "Brimlow")


def test_after_my_first_job(omar: Profile) -> None:
    _says(omar, "where did you go after your first job", "Brimlow")


def test_a_gig_may_be_a_concert(lena: Profile) -> None:
    """ "Gig" is a job and a concert: the first gig I went to is no job of mine."""
    assert is_gap(offline_answer(lena, "what was the first gig you went to?"))


def test_when_my_last_job_ended(lena: Profile) -> None:
    _says(lena, "when did your last job end", "April 2019")


def test_past_jobs_listed(lena: Profile) -> None:
    _says(lena, "can you list your past jobs", "Quillsoft", "Ferrobyte")


# --- results ------------------------------------------------------------------------------------


def test_a_count_with_a_word_before_its_unit_is_a_result(tmp_path: Path) -> None:
    profile = profile_of(
        tmp_path,
        "# Kit\n\n## Experience\n\n### Analyst at Dunmore\n*2020 - 2022*\n\n"
        "- Saved 12 analyst hours a week.\n",
    )
    chunk = next(c for c in profile.chunks if "Dunmore" in c.title)
    found = passages.results([chunk], passages.Asked("what did you achieve?"))
    assert any("12 analyst hours" in s.unit.text for s in found)


def test_a_project_named_like_a_job_is_not_one(tmp_path: Path) -> None:
    """A project called "Job Tracker" (or "Professional ...") is on no timeline of jobs: else it
    is the job that "ended last"."""
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(
            {
                "personal": {"name": "Ida", "title": "Developer"},
                "experience": [
                    {"company": "Velmora", "title": "Developer", "duration": "Feb 2025 - Present"},
                    {"company": "Sandvik Ro", "title": "Intern", "duration": "May 2023 - Nov 2024"},
                ],
                "projects_portfolio": [
                    {
                        "name": "Job Tracker",
                        "duration": "Aug 2025 - Oct 2025",
                        "description": "A web app that tracks job applications and interviews, "
                        "with reminders for follow-ups and a board of every application's stage.",
                        "technologies": ["Next.js", "PostgreSQL", "Prisma"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert all("Tracker" not in e.chunk.title for e in timeline.entries(profile.chunks))
    _says(profile, "what was your last job before this one", "Sandvik Ro")


@pytest.mark.parametrize(
    "question", ["what does Northwind Freight do", "what kind of company is Northwind Freight"]
)
def test_what_a_named_employer_does_beside_an_achievement_named_after_it(question: str) -> None:
    """The example profile tells a Northwind Freight achievement in a chunk of its own: the
    firm's description is in the job, not in the achievement."""
    _says(load_profile(EXAMPLE_JSON), question, "logistics")


# --- my level of study ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what's your highest level of education",
        "highest qualification?",
        "how far did you go in school",
    ],
)
def test_my_highest_level_of_study_is_my_degree(question: str) -> None:
    """The example profile names a school (A levels) and a BSc: the degree answers."""
    _says(load_profile(EXAMPLE_JSON), question, "BSc")


def test_a_degree_not_held_is_still_not_written_down(lena: Profile) -> None:
    assert is_gap(offline_answer(lena, "did you do a PhD?"))


def test_a_year_first_is_still_a_year_asked(lena: Profile) -> None:
    _says(lena, "2016 - what job did you have then?", "Quillsoft")


def test_a_year_with_no_job_is_my_studies_then(lena: Profile) -> None:
    _says(lena, "what were you up to in 2009?", "University of Gdansk")


def test_a_year_quotes_what_i_did_not_where_the_firm_is(omar: Profile) -> None:
    _says(omar, "what were you up to in 2009?", "video archive")


def test_an_employer_named_tech_is_not_a_question_about_tech(tmp_path: Path) -> None:
    profile = profile_of(
        tmp_path,
        "# Ava\n\n## Experience\n\n### Developer at Korvald Tech\n*2021 - present*\n\n"
        "- Technical skills used: React, Flask\n- Result: Reduced deployment time by 40%.\n\n"
        "## Skills\n\n- React, Flask\n",
    )
    _says(profile, "what have you accomplished at Korvald Tech so far?", "40%")


def test_when_i_finished_at_named_studies(tmp_path: Path) -> None:
    profile = profile_of(
        tmp_path,
        "# Bo\n\n## Education\n\n### MSc Data Science, Harlow University (2019 - 2023)\n\n"
        "### BSc Physics, Tarn College (2012 - 2015)\n",
    )
    _says(profile, "when did you finish at Tarn College?", "2015")


def test_a_normal_week_is_my_current_job_s_duties(tmp_path: Path) -> None:
    profile = profile_of(
        tmp_path,
        "# Ada\n\n## Experience\n\n### Engineer at Solvik\n*2021 - present*\n\n"
        "- Company context: a ferry operator in the Baltic.\n"
        "- Responsibilities: run the booking platform and the on-call rota.\n\n"
        "### Analyst at Brenna\n*2018 - 2021*\n\n- Responsibilities: weekly sales reports.\n",
    )
    question = "what does a normal week look like in your role"
    _says(profile, question, "booking platform")
    assert "booking platform" in _given(profile, question)


def test_a_normal_week_where_no_duties_are_written_is_not_made_up(lena: Profile) -> None:
    """Lena's jobs list what she did, not her duties: a normal week is not written down (the
    model is still given her current job)."""
    question = "what does a normal week look like in your role"
    assert "Kubernetes" in _given(lena, question)


def test_nested_studies_are_quoted_by_institution_and_dates(tmp_path: Path) -> None:
    """Studies written as labelled parts ("Current / Duration: ...") are quoted with their
    institution, and the one the question names is the one quoted."""
    path = tmp_path / "s.json"
    data = {
        "personal": {"name": "Sol", "title": "Analyst"},
        "education": {
            "current": {
                "university": "Marlow Institute",
                "degree": "Master of Analytics",
                "duration": "July 2024 - June 2026",
            },
            "undergraduate": {
                "university": "Penrith Normal University",
                "degree": "Bachelor of Management",
                "duration": "September 2018 - June 2022",
            },
        },
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    profile = load_profile(path)
    _says(profile, "when did you finish at Marlow Institute?", "June 2026", "Marlow")
    _says(profile, "what were you up to in 2019?", "Penrith", "2022")


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("where did you go after leaving your first job", "Quillsoft"),
        ("before your current job, where were you", "Quillsoft"),
        ("what came right before this role?", "Quillsoft"),
        ("what have you shipped since joining your current company", "6 minutes"),
        ("what are your main responsibilities in your current job?", "Kubernetes"),
        ("in 2016 what was your job (or were you studying)?", "Quillsoft"),
    ],
)
def test_order_and_duties_in_other_words(lena: Profile, question: str, wanted: str) -> None:
    _says(lena, question, wanted)


def test_what_a_named_employer_makes(omar: Profile) -> None:
    _says(omar, "what does Corvane Systems actually make or sell", "tide-gauge")


def test_a_year_of_my_studies_asked_as_such_is_not_a_job(lena: Profile) -> None:
    reply = offline_answer(lena, "did you graduate in 2012?")
    assert "Ferrobyte" not in reply.text, reply.text


def test_my_duties_now_are_what_i_do_not_what_the_firm_is(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    data = {
        "basics": {"name": "Rin", "label": "Web Developer"},
        "work": [
            {
                "name": "Ostlund Media",
                "position": "Web Developer",
                "startDate": "2022-03",
                "summary": "A media organisation serving readers abroad.",
                "highlights": ["Built custom WordPress plugins for the newsroom."],
            }
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    _says(load_profile(path), "what are your main responsibilities in your current job?", "plugins")


def test_what_i_did_at_a_named_job_is_not_what_it_does(omar: Profile) -> None:
    _says(omar, "what did you do at Corvane Systems?", "team of five")


def test_a_job_held_currently_with_no_date_is_not_my_first(tmp_path: Path) -> None:
    """ "Currently part-time barista" gives no start: the dated internship is my first job,
    and nothing is known to come after it."""
    profile = profile_of(
        tmp_path,
        "# Mei\n\n## Work Experience\n\n"
        "- Support Intern at Hollis Blinds (Jan 2025 - Apr 2025): handled customer tickets.\n"
        "- Currently part-time barista at Cafe Orro: customer service under pressure.\n",
    )
    _says(profile, "what was your first job?", "Hollis")
    assert is_gap(offline_answer(profile, "where did you go after your first job"))


def test_a_job_asked_of_a_year_with_only_studies_is_not_written_down(lena: Profile) -> None:
    """2009: Lena studied and held no job. "What was your job in 2009?" is not written down
    (the model is still given her studies then)."""
    question = "what was your job in 2009?"
    assert is_gap(offline_answer(lena, question))
    assert "University of Gdansk" in _given(lena, question)
