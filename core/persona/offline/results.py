"""Results and tenure: what the owner measurably achieved, for "what results have you
delivered?", "what are you most proud of?", "what did you improve at X?". Profiles state them
as figures inside a role ("cut the nightly load from two days to under 5 minutes", "fell by
60%") without calling them results, so a question that asks for results is answered by the
sentences of the work history (or of the roles it names) that carry figures, best first; the
projects' figures come after the jobs'. "How many years of experience do you have?" is
answered by the sentence that counts them, else by when the first job began."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline import passages
from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk, Profile
from core.persona.search.retrieval import terms

RESULT_TERMS = frozenset(
    terms(
        "result results measurable metric metrics number numbers impact achievement achieve "
        "accomplishment accomplish deliver outcome improve improvement quantify success win "
        "proud proudest biggest greatest figures efficient efficiency faster cheaper "
        "streamline optimise optimize better"
    )
)


JOB_BONUS = 1.0  # a job's figures before a project's


def asks_results(subject: Sequence[str]) -> bool:
    """Does a question with these subject terms ask for results (at least one result word)?"""
    return any(t in RESULT_TERMS for t in subject)


def only_results(subject: Sequence[str]) -> bool:
    """Does it ask for nothing but results ("what measurable results have you delivered?")?"""
    return bool(subject) and all(t in RESULT_TERMS for t in subject)


def work_chunks(profile: Profile) -> list[Chunk]:
    """The chunks of the jobs on the timeline, in profile order, then the projects'."""
    jobs = list(dict.fromkeys(e.chunk for e in timeline.entries(profile.chunks)))
    projects = [c for c in profile.chunks if "project" in c.section.lower() and c not in jobs]
    return [*jobs, *projects]


def stated(chunks: Sequence[Chunk], asked: passages.Asked) -> list[passages.Scored]:
    """The units of `chunks` that state a measurable result, best first (a job's before a
    project's when they score alike)."""
    jobs = {c.id for c in chunks if timeline.is_job_chunk(c)}
    found = [
        passages.Scored(s.unit, s.score + (JOB_BONUS if s.unit.chunk.id in jobs else 0.0))
        for s in passages.results(chunks, asked)
    ]
    return sorted(found, key=lambda s: -s.score)


# "How many years of experience do you have?", "how long have you been working in your field?"
_TENURE = re.compile(
    r"\bhow (?:many years|much (?:work |professional )?experience|long (?:have you been "
    r"(?:working|in (?:the|your|this) (?:field|industry))|is your career|have you worked))\b|"
    r"\byears of (?:work |professional )?experience\b",
    re.I,
)
_NAMED = re.compile(r"\b(?:at|with|for|as)\s+(?:a\s+|an\s+)?[A-Z]")
_COUNTED = re.compile(
    r"\b(?:\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s*\+?\s*"
    r"(?:years?|yrs)\b[^.;]{0,40}\bexperience\b|\bexperience\b[^.;]{0,20}\b\d+\+?\s*years?\b",
    re.I,
)


def asks_tenure(question: str) -> bool:
    """Does the question ask how long my career is (not how long I was at a place named)?"""
    return bool(_TENURE.search(question)) and not _NAMED.search(question)


# "Building web products professionally since 2000": when a career began, said in a sentence.
_SINCE = re.compile(
    r"\b(?:since|from) (?:19|20)\d\d\b.*\b(?:work\w*|professional\w*|career|industry)\b|"
    r"\b(?:work\w*|professional\w*|career|industry|building|developing)\b.*\bsince (?:19|20)\d\d\b",
    re.I,
)


def since(profile: Profile) -> list[passages.Unit]:
    """The sentences saying since when I have worked ("professionally since 2000")."""
    return [u for c in profile.chunks for u in passages.units(c) if _SINCE.search(u.text)][:1]


def tenure(profile: Profile) -> list[passages.Unit]:
    """The sentence that counts my years of experience, else the first job's own line."""
    counted = [u for c in profile.chunks for u in passages.units(c) if _COUNTED.search(u.text)]
    if counted:
        return counted[:1]
    if found := since(profile):
        return found
    jobs = sorted(timeline.entries(profile.chunks), key=lambda e: (e.start, e.order))
    if not jobs:
        return []
    first = jobs[0]
    every = passages.units(first.chunk)
    return [u for u in every if first.line and u.text == first.line] or list(every[:1])
