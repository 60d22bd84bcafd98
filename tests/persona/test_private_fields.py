"""Private data never reaches a chunk, so it can never reach a prompt."""

from __future__ import annotations

import json
import re

import pytest

from core.persona.profiles.profile import load_profile
from core.persona.prompt import Turn, build_messages
from core.persona.search.retrieval import Retriever
from core.privacy.privacy import scrub
from tests.persona.conftest import EXAMPLE_JSON, PRIVATE_VALUES, all_text

PROBING_QUESTIONS = (
    "What is your email address?",
    "What's your phone number?",
    "Can I have your LinkedIn or GitHub?",
    "How much do you earn? What salary do you expect?",
    "Where would you relocate to, and what is your notice period?",
    "Are you a British citizen? Do you need a visa?",
    "Tell me everything about you, including private notes",
    "What certifications do you have?",
)


def _assert_clean(text: str) -> None:
    for value in PRIVATE_VALUES:
        assert value.lower() not in text.lower(), value
    assert not re.search(r"github\.com/maya-okafor-example(?!/)", text)  # the contact link


def test_example_chunks_hold_no_private_value(example, example_md):
    _assert_clean(all_text(example))
    _assert_clean(all_text(example_md))


@pytest.mark.parametrize("whole", [0, 1_000_000], ids=["retrieved", "whole-profile"])
def test_messages_sent_to_a_model_hold_no_private_value(example, whole, no_answer):
    retriever = Retriever(example.chunks)
    history = [Turn("user", "hi"), Turn("assistant", "Hello!")]
    for question in PROBING_QUESTIONS:
        messages = build_messages(
            example,
            retriever.search(question),
            history,
            question,
            no_answer=no_answer,
            whole_profile_chars=whole,
        )
        _assert_clean("\n".join(m.content for m in messages[:-1]))  # the question is the user's


def test_markdown_messages_hold_no_private_value(example_md, no_answer):
    messages = build_messages(example_md, [], [], "email?", no_answer=no_answer)
    _assert_clean(messages[0].content)
    assert "Certifications" in messages[0].content  # small profile: sent whole


def test_private_content_chunk_is_dropped(example):
    assert "salary-notes" not in {c.id for c in example.chunks}


@pytest.mark.parametrize(
    "marks",
    [
        {"metadata": {"private": True}},
        {"metadata": {"confidential": "yes"}},
        {"metadata": {"visibility": "Private"}},
        {"metadata": {"tags": ["Confidential"]}},
        {"private": True},
        {"type": "salary"},
        {"metadata": {"category": "contact"}},
        {"id": "salary-and-location"},
        {"title": "Contact details"},
    ],
)
def test_content_chunks_marked_private_are_dropped(write, marks):
    secret = {"id": "s", "title": "Notes", "content": "The launch code is swordfish."} | marks
    public = {"id": "p", "title": "Work", "content": "I build pipelines."}
    data = {"personal": {"name": "Ada"}, "content_chunks": [secret, public]}
    text = all_text(load_profile(write("p.json", json.dumps(data))))
    assert "swordfish" not in text
    assert "I build pipelines." in text


def test_contact_and_salary_location_are_always_private(write):
    data = {
        "personal": {
            "name": "Ada",
            "email": "ada@example.org",  # outside contact: still private
            "contact": {"github": "https://github.com/ada-secret", "signal": "ada.99"},
        },
        "salary_location": {"relocation_willing": "only to Lisbon", "visa": "Tier 2 sponsored"},
        "experience": [{"company": "Acme", "title": "Engineer", "salary": "£41k", "pay": "ok"}],
        "basics": {"phone": "555", "location": {"address": "1 Secret Lane", "city": "York"}},
    }
    text = all_text(load_profile(write("p.json", json.dumps(data))))
    for secret in (
        "ada@example.org",
        "ada-secret",
        "ada.99",
        "Lisbon",
        "Tier 2",
        "41k",
        "Secret Lane",
    ):
        assert secret not in text, secret
    assert "Acme" in text and "York" in text


@pytest.mark.parametrize(
    ("path", "gone", "kept"),
    [
        ("personal.location", "Location: Leeds, UK", "Elevator pitch"),
        ("experience.*.manager", "Tom Hargreaves", "Northwind Freight"),
        ("Experience.Manager", "Tom Hargreaves", "Northwind Freight"),  # any case, every element
        ("references", "Ruth Adeyemi", "Sheffield"),
        ("experience.0.company_context", "1,400 staff", "NHS trusts"),
        ("experience.-1.location", "Location: Hull", "Location: Sheffield"),
        ("**.location", "Leeds (hybrid)", "Northwind"),
        ("projects_portfolio.*.github_url", "bus-punctuality", "Leeds Bus Punctuality Tracker"),
        ("skills.technical", "Snowflake, BigQuery", "Soft skills"),
    ],
)
def test_config_listed_paths_are_removed(path, gone, kept):
    profile = load_profile(EXAMPLE_JSON, [path])
    text = all_text(profile)
    assert gone not in text
    assert kept in text
    assert profile.warnings == ()


def test_private_location_leaves_the_headline_too():
    assert load_profile(EXAMPLE_JSON, ["personal.location"]).headline == "Data Engineer"


def test_a_private_path_that_matches_nothing_is_reported():
    profile = load_profile(EXAMPLE_JSON, ["salary_locaton", "personal.fax", "personal.contact"])
    assert len(profile.warnings) == 2
    assert "'salary_locaton' matched nothing" in profile.warnings[0]
    assert str(EXAMPLE_JSON) in profile.warnings[0]


def test_removing_a_list_element_does_not_shift_later_indexes():
    profile = load_profile(EXAMPLE_JSON, ["experience.0", "experience.1.location"])
    text = all_text(profile)
    assert "Tom Hargreaves" not in text  # role 0 is gone
    assert "Location: Sheffield" not in text  # role 1 is still role 1
    assert "Brightwell" in text


def test_emails_and_phone_numbers_are_scrubbed_from_free_text(write):
    summary = (
        "Reach me at ada.l+jobs@mail.example.co.uk or on +44 20 7946 0958, "
        "(555) 123-4567, 07700 900123 or +61-0452140630."
    )
    data = {"personal": {"name": "Ada", "summary": summary}, "notes": ["call 555.123.4567"]}
    profile = load_profile(write("p.json", json.dumps(data)))
    text = all_text(profile)
    for secret in ("ada.l+jobs", "mail.example", "7946", "123-4567", "900123", "0452140630"):
        assert secret not in text, secret
    assert sum(c.text.count("[private]") for c in profile.chunks) == 6


@pytest.mark.parametrize(
    "text",
    [
        "2016 - 2020",
        "2019-2023",
        "June 2019 - September 2019",
        "1,400 staff and 300 lorries",
        "Python 3.11.4",
        "99.9% uptime, 1,200 hours/year",
        "ISO 27001 and ISO 9001",
        "≈$185.26B (2021)",
        "1988–2024",
        "10 000 rows",
    ],
)
def test_scrub_leaves_dates_and_ordinary_numbers(text):
    assert scrub(text) == text


def test_sentences_about_pay_are_dropped_wherever_they_are(write):
    content = (
        "I have led teams of five. Salary expectations: $95k-$115k AUD. I ship CI/CD pipelines."
    )
    data = {"personal": {"name": "Ada"}, "content_chunks": [{"id": "x", "content": content}]}
    text = all_text(load_profile(write("p.json", json.dumps(data))))
    assert "95k" not in text and "Salary" not in text
    assert "I have led teams of five." in text and "I ship CI/CD pipelines." in text


def test_markdown_private_headings_and_labelled_lines_are_dropped(write):
    text = """# Ada Example

Engineer in York.

## Contact
Email: ada@example.org

### Socials
Mastodon: @ada@hachyderm.example

## Skills
- **Phone:** 01904 000000
- Python, SQL

## Salary and notice
£45k, one month

## Location
York, willing to move to Lisbon

## Projects
A bus tracker.
"""
    profile = load_profile(write("p.md", text), ["personal.location"])
    out = all_text(profile)
    for secret in ("ada@example.org", "hachyderm", "01904", "45k", "Lisbon"):
        assert secret not in out, secret
    assert "Python, SQL" in out and "A bus tracker." in out
    assert profile.warnings == ()
    assert [c.title for c in profile.chunks] == ["About me", "Skills", "Projects"]


def test_markdown_private_path_matching_no_heading_is_reported(write):
    profile = load_profile(write("p.md", "# Ada\n\n## Skills\nGo\n"), ["references"])
    assert "'references' matched no heading" in profile.warnings[0]
