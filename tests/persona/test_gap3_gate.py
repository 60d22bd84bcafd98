"""Issue 26, gaps round three: questions of answerable kinds that a given profile does not
answer are said to be not written down, instead of quoting a passage about something near the
question. One test per mechanism, on a profile built here; each fails on the code before it
(0ffa0a5). Answered questions next to them must stay answered.
"""

from __future__ import annotations

from pathlib import Path

from tests.persona.offline import is_gap as _gap
from tests.persona.offline import offline_answer as _answer
from tests.persona.offline import profile_of as _profile

IDRIS = """# Idris Kowalczyk

Site reliability engineer in Gdansk.

## Summary
I keep payment services running and fast. I care about calm on-call rotas.

## Experience
### Site Reliability Engineer at Baltic Pay (2021 - present)
- Managed a team of four engineers through the move to a new data centre.
- Led security audits of the card-processing network with the compliance team.
- Cut page load times by 40% with caching in Redis.

### Systems Administrator at Amber Hosting (2017 - 2021)
- Administered 300 Linux servers and wrote Bash tooling for backups.

## Education
BSc Computer Science, Gdansk University of Technology (2013 - 2017).
Relevant courses: Networks, Operating Systems.

## Skills
- Languages: Python, Bash, Go
- Tools: Terraform, Ansible, Prometheus, Grafana, Docker

## Career goals
I want to lead a platform team and to speak at a conference.

## Interests
Sailing on the Baltic, chess.
"""


def test_the_thing_a_question_asks_about_must_be_in_the_passage(tmp_path: Path) -> None:
    """The head of "a budget", "a security clearance", or a name-like word (k8s, UX) that the
    profile never writes is what is asked: a passage holding only the other words ("managed",
    "security", "services") answers something near it. It quoted them on 0ffa0a5."""
    profile = _profile(tmp_path, IDRIS)
    for question in (
        "Have you managed a budget?",
        "Do you have a security clearance?",
        "Have you run services on k8s?",
        "Have you done any UX design?",
    ):
        reply = _answer(profile, question)
        assert _gap(reply), f"{question} -> {reply.text}"


def test_a_question_whose_thing_is_written_is_still_answered(tmp_path: Path) -> None:
    """The same shapes, asking for what the profile writes, quote it."""
    profile = _profile(tmp_path, IDRIS)
    for question, evidence in (
        ("Have you managed a team?", "team of four"),
        ("Have you administered any Linux servers?", "300 Linux servers"),
        ("Do you use Docker?", "Docker"),
        ("Have you worked as a systems administrator?", "Amber Hosting"),
    ):
        reply = _answer(profile, question)
        assert not _gap(reply) and evidence in reply.text, f"{question} -> {reply.text}"


def test_a_goal_does_not_answer_what_the_owner_does(tmp_path: Path) -> None:
    """ "Do you lead a platform team?" is not answered by the career goal "I want to lead a
    platform team" (it was, on 0ffa0a5); "what would you like to do next?" still is."""
    profile = _profile(tmp_path, IDRIS)
    for question in ("Do you lead a platform team?", "Are you a conference speaker?"):
        reply = _answer(profile, question)
        assert "I want to" not in reply.text, f"{question} -> {reply.text}"
    reply = _answer(profile, "Would you like to lead a platform team one day?")
    assert "I want to lead a platform team" in reply.text, reply.text


def test_a_question_shape_asks_for_a_reason_or_a_number(tmp_path: Path) -> None:
    """ "Why did you choose...?" needs a reason, "how many years...?" a duration, "your
    strongest language?" a level: the degree line, "300 Linux servers" and a bare list of
    languages answer something near (they were quoted on 0ffa0a5)."""
    profile = _profile(tmp_path, IDRIS)
    for question in (
        "Why did you choose to study computer science?",
        "What made you pick computer science?",
        "How many engineers do you manage at Amber Hosting?",
    ):
        reply = _answer(profile, question)
        assert _gap(reply), f"{question} -> {reply.text}"


def test_the_reason_or_number_written_is_quoted(tmp_path: Path) -> None:
    """The same shapes on a profile that writes the reason and the years."""
    text = IDRIS.replace(
        "BSc Computer Science, Gdansk University of Technology (2013 - 2017).",
        "BSc Computer Science, Gdansk University of Technology (2013 - 2017). I chose it "
        "because I loved taking old computers apart.",
    )
    text = text.replace("I keep payment", "Eight years of experience in operations. I keep payment")
    profile = _profile(tmp_path, text)
    for question, evidence in (
        ("What made you pick computer science?", "because I loved"),
        ("How many years of experience do you have in total?", "Eight years"),
        ("How many engineers did you manage?", "team of four"),
    ):
        reply = _answer(profile, question)
        assert not _gap(reply) and evidence in reply.text, f"{question} -> {reply.text}"


def test_a_thing_of_the_kind_asked_or_nothing(tmp_path: Path) -> None:
    """A thesis is not the degree line, a scholarship not a prize, being published not a blog
    post (the scholarship was quoted on 0ffa0a5); a profile naming the thing answers. (Banks
    disagree whether a blog post answers "any publications?": left as it was.)"""
    text = IDRIS.replace(
        "## Interests",
        "## Awards\nFirst prize at the Gdansk hackathon 2019.\n\n## Writing\nA blog post on "
        "calm on-call rotas.\n\n## Interests",
    )
    profile = _profile(tmp_path, text)
    for question in (
        "What was your final-year project at uni about?",
        "Did you get a scholarship?",
        "Have you ever been published?",
    ):
        reply = _answer(profile, question)
        assert _gap(reply), f"{question} -> {reply.text}"
    text = text.replace(
        "Relevant courses: Networks, Operating Systems.",
        "Relevant courses: Networks, Operating Systems. Dissertation: tail latency in queues. "
        "Held a merit scholarship for all four years.",
    )
    profile = _profile(tmp_path, text)
    for question, evidence in (
        ("What was your final-year project at uni about?", "tail latency"),
        ("Did you get a scholarship?", "merit scholarship"),
        ("Have you won any awards?", "First prize"),
    ):
        reply = _answer(profile, question)
        assert not _gap(reply) and evidence in reply.text, f"{question} -> {reply.text}"


def test_a_technology_named_like_a_common_word_is_the_subject(tmp_path: Path) -> None:
    """ "Have you programmed in Go?" asks about Go, not programming: a profile without Go says it
    is not written down (its languages were quoted on 0ffa0a5); one with Go quotes it."""
    without = _profile(tmp_path, IDRIS.replace("Python, Bash, Go", "Python, Bash"))
    reply = _answer(without, "Have you programmed in Go?")
    assert _gap(reply), reply.text
    reply = _answer(_profile(tmp_path, IDRIS), "Have you programmed in Go?")
    assert not _gap(reply) and "Go" in reply.text, reply.text
