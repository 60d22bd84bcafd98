"""Tools used: what a role or a project was done with ("what tools do you use in your current
job?", "what did you build your projects with?"). A profile says it in a line labelled
"Technologies" or "Technical skills used", or in a sentence naming the tools its skills
sections list; a question that names a section ("in your projects") is answered from that
section's entries, not from the skills list."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline import passages
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.understanding import GENERIC
from core.persona.search.retrieval import terms

_JOB_WORDS = frozenset(
    terms(
        "job role position title work working company employer occupation living doing busy "
        "current currently present now"
    )
)
LABEL_BONUS = 3.0  # a line labelled "Technologies" says it outright
_TOOLS_LABEL = re.compile(r"technolog|tools?\b|stack|built with|tech\b|skills used|keywords", re.I)
# "in your projects", "for your internship": the section a question is about.
_SECTION_NAMED = re.compile(
    r"\b(?:in|for|on|during|at|across) (?:your|ur|all your|all of your|the) "
    r"(?P<s>projects?|internships?|side projects?|portfolio)\b|\byour (?P<t>projects)\b",
    re.I,
)
TOOLS_ASKED = re.compile(
    r"\b(?:technolog\w*|tools?|stack|frameworks?|languages?|software|libraries)\b|"
    r"\b(?:built|build|made|make|written|write)\b.*\bwith\b",
    re.I,
)


def naming_tools(profile: Profile, chunks: Sequence[Chunk]) -> list[passages.Scored]:
    """Where an entry says what it was done with, best first: its lines labelled as the tools
    used ("Technologies: ..."), else its units that name the most of the tools the skills
    sections list (at least two)."""
    tools = _tool_names(profile)
    scored = []
    for c in chunks:
        for u in passages.units(c):
            n = len(set(terms(u.text)) & tools)
            labelled = bool(_TOOLS_LABEL.search(u.context))
            if n >= 2 or labelled:
                scored.append(passages.Scored(u, float(n) + (LABEL_BONUS if labelled else 0.0)))
    outright = [s for s in scored if _TOOLS_LABEL.search(s.unit.context)]
    return sorted(outright or scored, key=lambda s: -s.score)


def _tool_names(profile: Profile) -> frozenset[str]:
    """The names the skills sections list, as searched: their capitalised words ("Python",
    "HTML5", "dbt" aside), without the labels of their lines ("Frontend:")."""
    skills = [c for c in profile.chunks if "skill" in f"{c.section} {c.title}".lower()]
    names: set[str] = set()
    for chunk in skills:
        for line in chunk.text.splitlines():
            body = _LABEL.sub("", line.strip(" -*•"))
            names.update(t for w in _NAME.findall(body) for t in terms(w))
    return frozenset(names - GENERIC - _JOB_WORDS)


_LABEL = re.compile(r"^[^:]{1,40}:\s*")
_NAME = re.compile(r"\b[A-Z][\w.+#-]*|\b(?=\w*\d)(?=\w*[A-Za-z])\w+")


def named_section(profile: Profile, question: str) -> list[Chunk]:
    """The chunks of the section the question names ("in your projects"), in profile order;
    [] when it names none (or the profile has no such section)."""
    found = _SECTION_NAMED.search(question)
    if not found:
        return []
    word = (found.group("s") or found.group("t") or "").lower().split()[-1].rstrip("s")
    word = "project" if word == "portfolio" else word
    return [c for c in profile.chunks if word in f"{c.section} {c.title}".lower()]


def in_section(profile: Profile, question: str) -> list[passages.Scored]:
    """For a question about the tools of a section's entries, their lines naming tools."""
    if not TOOLS_ASKED.search(question):
        return []
    chunks = named_section(profile, question)
    return naming_tools(profile, chunks) if chunks else []
