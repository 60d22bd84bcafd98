"""Issue 26, evidence round three: questions answered by concept without a model (my name,
where I am, my address on one network, my projects as a whole, my next or long-term goal), and
the questions that look like them but are not written down.

Each test fails on the code before this round (evidence3 at 6499849). The profiles are built
here and the questions are not the banks'.
"""

from __future__ import annotations

from pathlib import Path

from core.persona.profiles.profile import Profile, load_profile
from tests.persona.offline import is_gap, offline_answer, profile_of

IVO = """# Ivo Marchetti

| **Contact** | **Links** |
|---|---|
| ✉ ivo@example.org | [GitHub: ivom](https://github.com/ivom) |
| 🇮🇹 Bologna - Italy | [LinkedIn: ivo-marchetti](https://www.linkedin.com/in/ivo-marchetti) |

## Summary
Backend developer who likes queues and tidy schemas. Personal site: https://ivo.dev

## Experience
### Backend Developer at Portico Logistica (2021 - present)
Built the dispatch service in Go and moved billing to PostgreSQL.

## Projects
### Tramline (2024)
A personal project: a timetable app for the Bologna trams, written in Kotlin.
### Ledgerlint (2022)
An open-source linter that checks double-entry ledgers for unbalanced postings.
### Grainmill (2019)
A batch loader for grain-silo sensor data, built for a university course.

## Career goals
Short term: A senior backend role on a team that owns its services end to end.
Long term: Lead a platform group in public transport software.
"""


def test_the_name_is_said_however_it_is_asked(tmp_path: Path) -> None:
    ivo = profile_of(tmp_path, IVO)
    for question in ("sorry, what was your name again", "how do you spell your name?"):
        reply = offline_answer(ivo, question)
        assert reply.quoted and "Ivo Marchetti" in reply.text, question
    # "to your name" asks for something else
    assert "Name:" not in offline_answer(ivo, "any publications to your name").text


def test_a_place_marked_by_a_flag_is_where_i_am(tmp_path: Path) -> None:
    """A résumé's header says the place with a flag and no label; "whereabouts" is a place
    question without "where". Before, both were not written down."""
    ivo = profile_of(tmp_path, IVO)
    for question in ("where are you based?", "whereabouts are you located"):
        reply = offline_answer(ivo, question)
        assert reply.quoted and "Bologna - Italy" in reply.text, question


def test_a_trip_or_a_wish_is_not_where_i_live(tmp_path: Path) -> None:
    """Before: the city I live in answered a question about a trip or a wish."""
    ivo = profile_of(
        tmp_path, IVO.replace("## Summary\n", "## Summary\nLocation: Bologna, Italy\n")
    )
    assert "Bologna" in offline_answer(ivo, "where do you live?").text
    for question in (
        "which country sits at the top of your bucket list?",
        "where did you go on your last holiday?",
        "what town were you raised in",
    ):
        assert is_gap(offline_answer(ivo, question)), question


def test_the_address_on_the_network_asked(tmp_path: Path) -> None:
    """Before: "are you on linkedin?" was not written down, "what's your github?" quoted the
    first address of any kind."""
    ivo = profile_of(tmp_path, IVO)
    linkedin = offline_answer(ivo, "are you on linkedin?")
    assert linkedin.quoted and "linkedin.com/in/ivo-marchetti" in linkedin.text
    assert "github.com" not in linkedin.text
    github = offline_answer(ivo, "what's your github?")
    assert github.quoted and "github.com/ivom" in github.text
    site = offline_answer(ivo, "got a homepage or portfolio site?")
    assert site.quoted and "ivo.dev" in site.text
    # no GitLab address: where the profile points to me online, never a made-up one
    assert "gitlab" not in offline_answer(ivo, "what's your gitlab?").text.lower()
    # knowing a tool is not an address on it
    assert "github.com/ivom" not in offline_answer(ivo, "do you know GitHub workflows?").text


def test_projects_as_a_whole_are_named(tmp_path: Path) -> None:
    """Before: not written down (no word of the question names a project)."""
    ivo = profile_of(tmp_path, IVO)
    notable = offline_answer(ivo, "any notable projects worth mentioning?")
    assert notable.quoted
    assert all(name in notable.text for name in ("Tramline", "Ledgerlint", "Grainmill"))
    every = offline_answer(ivo, "what projects have you done?")
    assert all(name in every.text for name in ("Tramline", "Ledgerlint", "Grainmill"))


def test_the_latest_project_by_its_dates(tmp_path: Path) -> None:
    ivo = profile_of(tmp_path, IVO)
    for question in ("latest thing you built?", "what did you ship most recently"):
        reply = offline_answer(ivo, question)
        assert reply.quoted and "Tramline" in reply.text and "Grainmill" not in reply.text


def test_side_projects_are_the_personal_ones(tmp_path: Path) -> None:
    ivo = profile_of(tmp_path, IVO)
    reply = offline_answer(ivo, "what do you hack on in your spare time?")
    assert reply.quoted and "Tramline" in reply.text


def test_undated_projects_have_no_latest(tmp_path: Path) -> None:
    """A guard: which of undated projects is the latest is not written down."""
    undated = IVO.replace(" (2024)", "").replace(" (2022)", "").replace(" (2019)", "")
    ivo = profile_of(tmp_path, undated.replace("A personal project: a", "A"))
    assert not offline_answer(ivo, "what did you ship most recently").text.count("Tramline:")


def test_the_near_and_the_far_goal(tmp_path: Path) -> None:
    """Before: "what are you looking for in your next role?" was not written down."""
    ivo = profile_of(tmp_path, IVO)
    for question in (
        "what are you looking for in your next role?",
        "describe your ideal next position",
    ):
        reply = offline_answer(ivo, question)
        assert reply.quoted and "senior backend role" in reply.text, question
        assert "platform group" not in reply.text
    later = offline_answer(ivo, "where do you see yourself in 5 years")
    assert later.quoted and "platform group" in later.text
    assert is_gap(offline_answer(ivo, "childhood dream job?"))


NORA = """{
  "personal": {"name": "Nora Lindqvist", "title": "Frontend Developer", "location": "Umeå, Sweden",
    "summary": "Frontend developer. Currently rebuilding a ferry booking flow in Svelte."},
  "experience": [
    {"company": "Fjordline Digital", "title": "Frontend Developer", "duration": "2022 - present",
     "achievements_star": [
       {"situation": "The team needed a new date picker.", "task": "Build it.",
        "action": "Wrote it in Svelte.", "result": "Shipped in two weeks."},
       {"situation": "Checkout pages were slow and failed on old phones, so customers complained.",
        "task": "Make checkout fast.", "action": "Split the bundle and cached fonts.",
        "result": "Checkout time fell from 9 s to 2 s."}
     ]}
  ],
  "skills": [
    {"name": "Languages", "keywords": ["TypeScript", "JavaScript", "Kotlin"]},
    {"name": "Frameworks", "keywords": ["Svelte", "React", "Astro"]},
    {"name": "Tools", "keywords": ["Vite", "Playwright", "Figma"]}
  ],
  "professional_development": {
    "recent_learning": ["Accessibility audits", "Web performance budgets"]
  },
  "career_goals": {"learning_focus": ["Rust for WebAssembly"]}
}
"""


def _json(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "owner.json"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def test_what_i_am_learning_now_is_the_recent_learning(tmp_path: Path) -> None:
    """Before: "picking up any new skills lately" quoted a skills line, and "what are you
    currently studying on the side?" was not written down."""
    nora = _json(tmp_path, NORA)
    for question in (
        "picking up any new skills lately",
        "what are you currently studying on the side?",
    ):
        reply = offline_answer(nora, question)
        assert reply.quoted and "Accessibility audits" in reply.text, question


def test_every_skill_is_read_through_its_categories(tmp_path: Path) -> None:
    """Before: "list all your skills" quoted the categories' names ("Languages · Frameworks ·
    Tools") and no skill."""
    nora = _json(tmp_path, NORA)
    for question in ("list all your skills", "dump every skill you've got, i want the whole list"):
        reply = offline_answer(nora, question)
        assert all(s in reply.text for s in ("Kotlin", "Astro", "Playwright")), question


def test_the_hardest_problem_is_the_situation_with_trouble(tmp_path: Path) -> None:
    """Before: not written down, or the first situation (a date picker was needed)."""
    nora = _json(tmp_path, NORA)
    for question in (
        "what's the hardest problem you've had to crack?",
        "tell me about a tough challenge you faced at work",
    ):
        reply = offline_answer(nora, question)
        assert reply.quoted and "Checkout pages were slow" in reply.text, question
        assert "date picker" not in reply.text


def test_the_focus_now_is_the_summary_sentence(tmp_path: Path) -> None:
    nora = _json(tmp_path, NORA)
    reply = offline_answer(nora, "what are you focused on right now?")
    assert reply.quoted and "ferry booking flow" in reply.text


ADA = """# Ada Quist

Data analyst in Leeds. I care most about honest dashboards that people can trust.

## Experience
### Data Analyst at Harrow Buses (2021 - present)
Built the punctuality dashboard. Awarded "Analyst of the Year" in 2023.

## Volunteering
### Treasurer at Leeds Food Bank (2019 - present)
Keeps the accounts and runs the monthly donor report.

## Languages
English (native speaker), Dutch (fluent)
"""


def test_what_i_care_about_is_my_own_sentence(tmp_path: Path) -> None:
    ada = profile_of(tmp_path, ADA)
    for question in ("what drives you?", "what matters most to you at work"):
        reply = offline_answer(ada, question)
        assert reply.quoted and "honest dashboards" in reply.text, question


def test_a_kind_of_section_named_is_quoted(tmp_path: Path) -> None:
    """Before: "do you volunteer anywhere?" and "any awards?" were not written down."""
    ada = profile_of(tmp_path, ADA)
    volunteer = offline_answer(ada, "do you volunteer anywhere")
    assert volunteer.quoted and "Leeds Food Bank" in volunteer.text
    awards = offline_answer(ada, "have you won any awards?")
    assert awards.quoted and "Analyst of the Year" in awards.text
    # a native speaker gives no talks
    assert "native speaker" not in offline_answer(ada, "have you given any talks?").text


MAIN = """# Tove Berg

Mobile developer in Malmö.

## Projects
### Harbour Watch
An app that shows free berths in the marina. Task: Lead the mobile development.
Technologies: Kotlin, Jetpack Compose, Firebase
### Pebble
A tiny note-taking app. Technologies: Swift
"""


def test_a_detail_of_the_main_project_is_the_first_projects(tmp_path: Path) -> None:
    """Before: the stack question quoted the skills list, the role question was not written
    down. The main project is the one the profile puts first."""
    tove = profile_of(tmp_path, MAIN)
    stack = offline_answer(tove, "what tech did you use on your main project?")
    assert stack.quoted and "Jetpack Compose" in stack.text and "Swift" not in stack.text
    role = offline_answer(tove, "what was your role on your biggest project?")
    assert role.quoted and "Lead the mobile development" in role.text


STUDIES = """{
  "personal": {"name": "Ravi Menon", "title": "QA Engineer"},
  "education": {
    "degrees": [{"degree": "BSc Computer Science", "institution": "University of Kerala",
                 "relevant_courses": ["Compilers", "Networks"]}],
    "school": "St. Thomas Higher Secondary School, Thiruvananthapuram"
  },
  "professional_development": {
    "certifications": [{"name": "ISTQB Foundation Level", "year": 2021}],
    "bootcamps": [{"name": "Test Automation Bootcamp", "provider": "Kerala Startup Mission"}],
    "courses": ["Playwright in Depth (online course, 2023)"]
  }
}
"""


def test_schools_certificates_and_courses_listed_whole(tmp_path: Path) -> None:
    """Before: "every place you studied at?" quoted the university only; "what courses have
    you done since finishing school?" the degree's modules."""
    ravi = _json(tmp_path, STUDIES)
    schools = offline_answer(ravi, "every place you studied at?")
    assert "University of Kerala" in schools.text and "St. Thomas" in schools.text
    courses = offline_answer(ravi, "what courses have you done since finishing school?")
    assert "Test Automation Bootcamp" in courses.text and "Playwright" in courses.text
    assert "Compilers" not in courses.text
    certs = offline_answer(ravi, "list all your certifications")
    assert "ISTQB" in certs.text
