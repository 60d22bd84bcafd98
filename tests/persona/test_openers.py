"""Openers (issue 26): "tell me about yourself", "who r u", "what line of work are you in?",
"sell yourself", "summarise your CV" are answered with the owner's summary or current role,
with or without a model, and are never a gap; questions sharing their words that ask for
something specific ("what do you do for fun?", "describe your ideal job") are not.

The wordings are in opener_cases.toml, written before the code recognising openers was read
(a second set, "openers_chat" / "non_openers_chat", the way people type in Slack or Discord).
A profile without a summary is introduced by its title, current role, education and skills.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Profile, load_profile
from core.persona.prompt import build_messages, retrieval_query
from core.persona.questions.opener_shape import how_i_got_here, narrower_left, whole_person_asked
from core.persona.questions.openers import is_opener, second_person, texting
from core.persona.questions.twin_nature import asks_what_you_are
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever
from tests.persona.conftest import EXAMPLE_JSON
from tests.persona.offline import is_gap, offline_answer, profile_of

CASES = tomllib.loads((Path(__file__).parent / "opener_cases.toml").read_text(encoding="utf-8"))
# "openers_chat" / "non_openers_chat": a second set, the way people type in Slack or Discord.
# "openers_3" / "non_openers_3": a third set, chat style, with look-alikes naming "background"
# or "about".
OPENERS: list[str] = CASES["openers"] + CASES["openers_chat"] + CASES["openers_3"]
NON_OPENERS: list[str] = CASES["non_openers"] + CASES["non_openers_chat"] + CASES["non_openers_3"]

SUMMARY = "five years of experience building reliable batch"  # example.json's summary
ROLE = "Data Engineer at Northwind Freight"  # its current role
WHO_I_AM = "here is who I am"  # how the answer without a model opens for an opener

SMALL_PROFILE = """# Priya Raman

## About
Landscape architect who designs public parks and school grounds that cope with heavy rain.

## Experience
### Senior Landscape Architect at GreenRoute Studio (2021 - present)
- Lead the design of rain gardens for four primary schools.

### Landscape Architect at Parkhill Council (2016 - 2021)
- Planned the renovation of Millbrook Park.

## Hobbies
Pottery and trail running.
"""


@pytest.fixture(scope="module")
def maya() -> Profile:
    return load_profile(EXAMPLE_JSON)


@pytest.fixture
def priya(tmp_path: Path) -> Profile:
    return profile_of(tmp_path, SMALL_PROFILE)


@pytest.mark.parametrize("question", OPENERS)
def test_an_opener_is_answered_with_the_summary_or_current_role(
    maya: Profile, question: str
) -> None:
    reply = offline_answer(maya, question)
    assert not is_gap(reply)
    assert SUMMARY in reply.text or ROLE in reply.text


@pytest.mark.parametrize("question", OPENERS)
def test_an_opener_is_answered_from_a_markdown_profile_too(priya: Profile, question: str) -> None:
    reply = offline_answer(priya, question)
    assert not is_gap(reply)
    assert "designs public parks" in reply.text or "GreenRoute Studio" in reply.text


@pytest.mark.parametrize("question", NON_OPENERS)
def test_a_specific_question_is_not_answered_with_who_i_am(maya: Profile, question: str) -> None:
    assert WHO_I_AM not in offline_answer(maya, question).text


@pytest.mark.parametrize("question", NON_OPENERS)
def test_a_specific_question_is_not_an_opener(question: str) -> None:
    assert not is_opener(question)


@pytest.mark.parametrize("question", OPENERS)
def test_an_opener_gives_the_model_who_the_owner_is(maya: Profile, question: str) -> None:
    query = retrieval_query(question, [])
    hits = recall(maya, Retriever(maya.chunks), question, query, k=6)
    messages = build_messages(maya, hits, [], question, no_answer="NO")
    prompt = "\n".join(m.content for m in messages[:-1])
    assert SUMMARY in prompt and ROLE in prompt
    assert "(nothing in the profile matches this question)" not in prompt


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("who r u", "who are you"),
        ("tell me bout urself", "tell me about yourself"),
        ("Whats UR background", "what's your background"),
        ("tell me about yourslef", "tell me about yourself"),
        ("what’s your carrer summary", "what's your career summary"),
        ("wat do u do 4 a living", "what do you do for a living"),
        ("whats your proffesion", "what's your profession"),
        ("who am i chatting w/", "who am i chatting with"),
        ("tellme about ya self", "tell me about yourself"),
        ("hi 👋 who r u", "hi who are you"),
        ("whatcha working on rn", "what are you working on right now"),
    ],
)
def test_texting_forms_and_typos_are_written_out(written: str, meant: str) -> None:
    assert texting(written) == meant


@pytest.mark.parametrize(
    "question",
    ["Do you know R?", "Which careers interest you?", "How would your manager have described you?"],
)
def test_a_language_or_an_inflection_is_not_taken_for_a_typo(question: str) -> None:
    assert texting(question) == question.lower()


@pytest.mark.parametrize(
    "question",
    [
        "What are you doing right now?",
        "What can you do?",
        "Where are you living?",
        "Tell me a story",
    ],
)
def test_a_moment_a_capability_or_a_place_is_not_an_opener(question: str) -> None:
    assert not is_opener(question)


@pytest.mark.parametrize(
    "question",
    [
        "hey Maya what do you do",
        "Hi Maya Okafor, tell me about yourself",
        "Introduce yourself as if I were a hiring manager",
        "What would you say you do here?",
        "Give me a 2-minute overview of your career.",
        "Where are you based and what's your background?",
        "What's your professional background and current role?",
    ],
)
def test_a_name_in_the_greeting_or_a_request_with_more_words_is_still_an_opener(
    maya: Profile, question: str
) -> None:
    reply = offline_answer(maya, question)
    assert SUMMARY in reply.text or ROLE in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Who is Elon Musk?",
        "Tell me about your career in 2019",
        "What does Brightwell do?",
        "If you had a million pounds, what would you do?",
        "Tell me something about yourself that isn't on your CV",
        "What do you do with it?",
        "Do you like your job and what you do?",
        "Describe your work for a client",
    ],
)
def test_someone_else_a_year_a_company_or_a_supposition_is_not_an_opener(question: str) -> None:
    assert not is_opener(question)


@pytest.mark.parametrize(
    "question",
    ["Who is Maya?", "What does Maya Okafor do?", "Tell me about Maya's background"],
)
def test_the_owner_named_in_the_third_person_is_an_opener(maya: Profile, question: str) -> None:
    reply = offline_answer(maya, question)
    assert SUMMARY in reply.text or ROLE in reply.text


def test_a_first_name_that_is_a_word_is_not_taken_for_the_owner() -> None:
    assert second_person("Will you introduce yourself?", "Will Turner") == (
        "Will you introduce yourself?"
    )
    assert second_person("Who is Will Turner?", "Will Turner") == "Who is you?"


NO_SUMMARY_MD = """# Sam Lee

Backend Engineer · Leeds, UK

## Experience

### Backend Engineer at Acme Payments (2021 - present)
- Built the card-payments API in Go.

### Junior Developer at Brightside (2019 - 2021)
- Maintained the billing service.

## Education

### BSc Computer Science, University of Leeds (2016 - 2019)
- First-class honours.

## Skills
Go, PostgreSQL, Kubernetes, Terraform
"""

# JSON Resume without a summary, whose short jobs are read as one "Work" passage.
NO_SUMMARY_JSON = """{"basics": {"name": "Jo Park", "label": "Product Designer",
  "location": {"city": "Bristol", "countryCode": "UK"}},
 "work": [{"name": "Loomly", "position": "Senior Product Designer", "startDate": "2022-04",
           "summary": "Design lead for the mobile app."},
          {"name": "Harbor", "position": "Product Designer", "startDate": "2019-01",
           "endDate": "2022-03"}],
 "education": [{"institution": "Falmouth University", "studyType": "BA",
                "area": "Graphic Design", "endDate": "2018"}],
 "skills": [{"name": "Design", "keywords": ["Figma", "Prototyping", "User research"]}]}
"""


@pytest.mark.parametrize("question", ["Tell me about yourself", "who r u", "what's your deal?"])
def test_without_a_summary_an_opener_quotes_title_role_education_and_skills(
    tmp_path: Path, question: str
) -> None:
    reply = offline_answer(profile_of(tmp_path, NO_SUMMARY_MD), question).text
    assert "Backend Engineer" in reply
    assert "Backend Engineer at Acme Payments (2021 - present)" in reply
    assert "BSc Computer Science" in reply
    assert "Go, PostgreSQL, Kubernetes" in reply
    assert len(reply) < 600


def test_a_role_read_from_a_list_of_short_jobs_is_the_job_not_the_section_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "resume.json"
    path.write_text(NO_SUMMARY_JSON, encoding="utf-8")
    reply = offline_answer(load_profile(path), "Tell me about yourself").text
    assert "Product Designer" in reply and "Loomly" in reply
    assert '"Work"' not in reply
    assert "Figma" in reply


def test_a_role_line_with_its_duties_after_a_colon_is_quoted_as_the_role(tmp_path: Path) -> None:
    text = NO_SUMMARY_MD.replace(
        "### Backend Engineer at Acme Payments (2021 - present)\n",
        "### Acme Payments\nCurrently Backend Engineer at Acme Payments: built the card-payments "
        "API in Go and run its on-call rota.\n",
    )
    reply = offline_answer(profile_of(tmp_path, text), "Tell me about yourself").text
    assert '"Currently Backend Engineer at Acme Payments"' in reply


@pytest.mark.parametrize(
    "question",
    ["Run me through your career history from the start", "walk me through your career so far"],
)
def test_a_walk_through_the_career_says_who_i_am_then_the_roles(
    tmp_path: Path, question: str
) -> None:
    reply = offline_answer(profile_of(tmp_path, SMALL_PROFILE), question).text
    assert "designs public parks" in reply
    assert "Landscape Architect at Parkhill Council" in reply
    assert reply.index("designs public parks") < reply.index("Parkhill Council")


def test_where_have_you_worked_is_the_roles_alone(priya: Profile) -> None:
    reply = offline_answer(priya, "Where have you worked?").text
    assert "Parkhill Council" in reply and "designs public parks" not in reply


@pytest.mark.parametrize(
    "question",
    ["what are you up to these days?", "hey Priya, long time no see! what are you up to lately?"],
)
def test_an_opener_read_as_the_current_role_says_who_i_am_first(
    priya: Profile, question: str
) -> None:
    reply = offline_answer(priya, question).text
    assert "designs public parks" in reply and "GreenRoute Studio" in reply
    assert reply.index("designs public parks") < reply.index("GreenRoute Studio")


# A Markdown résumé whose title is an emphasised line under the name, and which has no summary.
TITLE_LINE_MD = """# Noor Haddad

**Site Reliability Engineer**

| Contact | Links |
|---------|-------|
| Lyon, France | [GitHub](https://github.com/example) |

## Experience

### Platform Engineer at Vantage Rail (2022 - present)
- Run the Kubernetes clusters behind the ticketing site.

## Education

### MSc Computer Networks, INSA Lyon (2018 - 2020)

## Skills
Kubernetes, Terraform, Prometheus, Go
"""


def test_an_emphasised_line_under_the_name_is_the_title(tmp_path: Path) -> None:
    profile = profile_of(tmp_path, TITLE_LINE_MD)
    assert identity(profile).title == "Site Reliability Engineer"
    reply = offline_answer(profile, "tell me about yourself").text
    assert "Site Reliability Engineer" in reply
    assert "Platform Engineer at Vantage Rail (2022 - present)" in reply
    assert "MSc Computer Networks" in reply and "Kubernetes, Terraform" in reply


@pytest.mark.parametrize("line", ["**Lyon, France**", "*2022 - present*", "**Contact: [private]**"])
def test_an_emphasised_place_date_or_contact_is_not_a_title(tmp_path: Path, line: str) -> None:
    text = TITLE_LINE_MD.replace("**Site Reliability Engineer**", line)
    assert identity(profile_of(tmp_path, text)).title == ""


def test_a_contact_table_under_the_name_is_not_the_title(tmp_path: Path) -> None:
    text = TITLE_LINE_MD.replace("**Site Reliability Engineer**\n\n", "")
    core = identity(profile_of(tmp_path, text))
    assert "|" not in core.title and "Contact" not in core.title
    reply = offline_answer(profile_of(tmp_path, text), "who are you?").text
    assert "---" not in reply and "Platform Engineer at Vantage Rail" in reply


def test_an_introduction_to_a_room_is_an_opener_and_me_with_someone_else_is_not(
    maya: Profile,
) -> None:
    assert SUMMARY in offline_answer(maya, "could you tell the room a bit about yourself?").text
    assert WHO_I_AM not in offline_answer(maya, "tell me about you and your brother").text


# The fourth set (opener_cases.toml, branch openers4): registers the sets above lack, written
# before the code was read. An opener is read by its shape (core.persona.questions.opener_shape).
OPENERS_4: list[str] = CASES["openers_4"]
NATURE_4: list[str] = CASES["nature_4"]
NON_OPENERS_4: list[str] = CASES["non_openers_4"]


def _tells_how_i_got_here(question: str) -> bool:
    return how_i_got_here(texting(question))


@pytest.mark.parametrize("question", OPENERS_4)
def test_an_opener_in_any_register_is_answered_with_who_i_am(maya: Profile, question: str) -> None:
    reply = offline_answer(maya, question)
    assert SUMMARY in reply.text or ROLE in reply.text
    if not _tells_how_i_got_here(question):  # a story the profile may not tell: a gap too
        assert not is_gap(reply)


@pytest.mark.parametrize("question", OPENERS_4)
def test_an_opener_in_any_register_is_answered_from_a_markdown_profile(
    priya: Profile, question: str
) -> None:
    reply = offline_answer(priya, question)
    assert "designs public parks" in reply.text or "GreenRoute Studio" in reply.text
    if not _tells_how_i_got_here(question):
        assert not is_gap(reply)


@pytest.mark.parametrize("question", NON_OPENERS_4)
def test_a_narrower_question_worded_like_an_opener_is_not_one(maya: Profile, question: str) -> None:
    assert not is_opener(question)
    assert WHO_I_AM not in offline_answer(maya, question).text
    assert not asks_what_you_are(question)


@pytest.mark.parametrize("question", NATURE_4)
def test_are_you_a_bot_is_answered_honestly_then_with_who_i_am(
    maya: Profile, question: str
) -> None:
    reply = offline_answer(maya, question)
    assert "Maya Okafor's digital twin" in reply.text and "not Maya Okafor in person" in reply.text
    assert SUMMARY in reply.text or ROLE in reply.text
    assert not is_gap(reply)


# The earlier sets' look-alikes that ask what the twin is: not openers, answered honestly.
NATURE_EARLIER = ("are you a real person?", "are you an AI?")


@pytest.mark.parametrize("question", OPENERS + NON_OPENERS + OPENERS_4)
def test_only_a_question_about_what_the_twin_is_gets_the_twin_answer(question: str) -> None:
    assert asks_what_you_are(question) is (question in NATURE_EARLIER)


def test_how_i_got_here_not_written_is_a_gap_that_still_says_who_i_am(priya: Profile) -> None:
    reply = offline_answer(priya, "how did u end up doing what you do?")
    assert is_gap(reply)
    assert "designs public parks" in reply.text


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("please can you present yourself shortly", False),
        ("i skimmed your cv already, tell me more about who you are beyond it", False),
        ("what's your background in marketing?", True),
        ("tell me who you are working with", True),
        ("what are you about to ship?", True),
        ("wait, who are u", False),
    ],
)
def test_what_is_left_after_the_setting_decides(text: str, left: bool) -> None:
    assert whole_person_asked(texting(text)) is not left
    if left:  # a preface ("i skimmed your cv already") may leave words of its own
        assert narrower_left(texting(text))
