"""Issue 26, gaps round four: `gap4_cases.toml`, questions a profile does not answer although
it holds something near (another entry's grade, a job without its team size, a skill without
a project made with it), and questions it answers with a near-looking passage. Written before
the persona code was read. Without a model, the first must be said not written down (a gap),
the second must quote their evidence.

Measured as a whole against floors on the profiles present (three are git-ignored public
résumés); then one test per shape of question on a profile written here, so each rule is
checked wherever the fetched profiles are missing.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from core.persona.profiles.profile import Profile, load_profile
from tests.persona.offline import case_profile, is_gap, offline_answer, profile_of

HERE = Path(__file__).resolve().parent
CASES: dict[str, Any] = tomllib.loads((HERE / "gap4_cases.toml").read_text("utf-8"))

# Floors. On main (59d0623): 59 of 125 unanswered wordings said not written down (47%), 66 of
# 82 answered ones quoted their evidence (80%). After this round: 92 of 125 (74%), 66 of 82.
UNANSWERED_FLOOR = 0.72
ANSWERED_FLOOR = 0.80


@cache
def _profile(key: str) -> Profile:
    return load_profile(case_profile(CASES["profiles"][key]))


@cache
def _rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    out = []
    for case in CASES["case"]:
        if not case_profile(CASES["profiles"][case["profile"]]).exists():
            continue
        evidence = () if case["evidence"] == "none" else tuple(case["evidence"])
        out += [(case["profile"], w, evidence) for w in case["wordings"]]
    if not out:
        pytest.skip("none of the case set's profiles is here")
    return tuple(out)


def _share(answered: bool) -> tuple[float, list[str]]:
    rows = [r for r in _rows() if bool(r[2]) == answered]
    wrong = []
    for key, question, evidence in rows:
        reply = offline_answer(_profile(key), question)
        low = reply.text.lower()
        ok = (
            (not is_gap(reply) and any(e.lower() in low for e in evidence))
            if answered
            else is_gap(reply)
        )
        if not ok:
            wrong.append(f"{key}: {question} -> {reply.text[:90]!r}")
    return 1 - len(wrong) / len(rows), wrong


def test_near_but_unanswered_questions_are_not_written_down() -> None:
    share, wrong = _share(answered=False)
    assert share >= UNANSWERED_FLOOR, "\n".join([f"{share:.0%}", *wrong])


def test_answered_questions_keep_their_evidence() -> None:
    share, wrong = _share(answered=True)
    assert share >= ANSWERED_FLOOR, "\n".join([f"{share:.0%}", *wrong])


OWNER = """# Dana Weiss

Backend developer in Haifa.

## Experience

### Backend Developer at Orbitly (2021 - present)
- Built the billing service in Go and PostgreSQL.
- Led a team of engineers through the move to Kubernetes.

### Junior Developer at Pixelmill (2018 - 2021)
- Maintained the PHP storefront for retail clients.

## Education

### Weizmann Institute (2016 - 2018)
- MSc Computer Science

### Bootcamp at CodeCamp (2015 - 2016)
- GPA: 96

## Projects

### Tidewatch
- A tide-table app with a 3-person team; I was the team lead.

### Hexcat (2020)
- https://hexcat.example.com

## Open source
- Released a popular open source Go logging library.
- Released tidy-yaml, an open source YAML formatter.

## Skills
- Languages: Go, Rust, Python
- Infrastructure: Docker, Kubernetes

## Publications

### Fast joins in Go
- A paper on join algorithms, published 2020.
"""


@pytest.fixture(scope="module")
def dana(tmp_path_factory: pytest.TempPathFactory) -> Profile:
    return profile_of(tmp_path_factory.mktemp("dana"), OWNER)


@pytest.mark.parametrize(
    "question",
    [
        "How big is your team at Orbitly?",  # a count: the job's years count nothing
        "How many engineers did you lead at Orbitly?",
        "What was your GPA at the Weizmann Institute?",  # another entry's grade
        "Which Rust projects have you written?",  # a skill, no thing made with it
        "What have you deployed with Docker?",
        "Who supervised your MSc?",  # a role no passage names
        "Who were your co-authors on Fast joins in Go?",
        "Which investors backed Orbitly?",
        "How many users does Tidewatch have?",
        "What's the name of your logging library?",  # "a ... library" names none
        "What does Hexcat do?",  # an entry with a link, no description
        "What's the most challenging project you've done?",  # no passage says hard
        "Did you graduate from the Weizmann Institute with honours?",
    ],
)
def test_a_near_passage_is_not_the_answer(dana: Profile, question: str) -> None:
    reply = offline_answer(dana, question)
    assert is_gap(reply), reply.text


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("How big was the Tidewatch team?", "3-person"),
        ("What was your GPA at CodeCamp?", "96"),
        ("What did you build with PostgreSQL?", "billing"),
        ("When did you join Orbitly?", "2021"),
        ("What was your role in the Tidewatch project?", "team lead"),
        ("Which YAML formatter did you release?", "tidy-yaml"),
        ("What does Tidewatch do?", "tide-table"),
        ("Any bootcamps or online courses?", "CodeCamp"),
    ],
)
def test_the_passage_holding_it_still_answers(dana: Profile, question: str, evidence: str) -> None:
    reply = offline_answer(dana, question)
    assert not is_gap(reply) and evidence.lower() in reply.text.lower(), reply.text
