"""The jobs of a period a question names rather than a job: a year ("what were you up to in
2021?", "where were you working back in 2019?"), my studies ("did you work while you were at
uni?", "any jobs during your studies?"), or the start of my career ("when did you start
working?", "what year did your career begin?"). Each is read off the timeline's dates, which no
wording of the question shares with the job that answers it."""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.profiles import timeline
from core.persona.profiles.profile import Profile
from core.persona.questions.roles import FAR, first_entry, this_month, unpaid
from core.persona.questions.understanding import subject_terms
from core.persona.search.retrieval import terms

# A year asked about, with what the question wants to know of it (not "since 2019", which
# asks how long, nor "graduate in 2020", which asks about studies).
_YEAR = re.compile(
    r"(?:\b(?:in|back in|during|around|throughout|circa|of)\s+|^\s*)(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_STUDY_WORDS = re.compile(
    r"\b(?:graduat\w*|studie[sd]|study\w*|degree|universit\w*|uni|college|school|course|"
    r"thesis|dissertation)\b",
    re.I,
)
# While I studied: "while at uni", "during your studies", "as a student", "while studying".
_DURING_STUDIES = re.compile(
    r"\b(?:while|whilst|during|when) (?:you were |u were |still )?(?:at |in |doing )?"
    r"(?:(?:your|ur|the|a) )?(?:uni|university|college|studies|studying|student|degree|"
    r"course|undergrad\w*)\b|\bas an? (?:\w+ )?student\b|\bon the side (?:while|whilst)\b",
    re.I,
)
_WORK_ASKED = re.compile(
    r"\b(?:work\w*|jobs?|internships?|interned|employ\w*|part[- ]time|roles?|"
    r"positions?|placements?|experience|doing|up to|earn\w*)\b",
    re.I,
)
# When my career began: not when I began at a place the question names.
_CAREER_START = re.compile(
    r"\bwhen did (?:you|u|your career) (?:first )?(?:start|begin|began)(?: (?:working|to work|"
    r"your career|work(?:ing)? professionally|in (?:the )?(?:industry|tech|this field)))?"
    r"\s*\??\s*$|"
    r"\b(?:what|which) year did (?:you|u|your career) (?:start|begin)(?: (?:working|your career|"
    r"work(?:ing)? professionally))?\s*\??\s*$|"
    r"\bwhen did your career (?:start|begin)\b|\bcareer (?:start|begin|began|started)\b|"
    r"\bsince when have (?:you|u) been working\b|\bstart(?:ed)? (?:working|your career)\b|"
    r"\bhow did (?:you|u) start (?:out|your career)\b",
    re.I,
)


_STUDY_DATES = re.compile(
    r"\bwhen (?:did|were) (?:you|u) (?:start|begin|began|enter|enrol\w*|finish|at|in)\b.*"
    r"\b(?:uni|university|college|studies|degree|course)\b|"
    r"\b(?:what|which) years? (?:did|were) (?:you|u) (?:study|studying|at (?:uni|university|"
    r"college))\b",
    re.I,
)


def asks_study_dates(question: str) -> bool:
    """Does the question ask when I studied ("when did you start uni?", "what years did you
    study?")?"""
    return bool(_STUDY_DATES.search(question))


_JOBBY = frozenset(
    terms(
        "work working worked job role position employed employer company doing up busy back around"
    )
)


_STUDYING = frozenset(terms("school uni university college study studying student studies"))


_JOB_ASKED = re.compile(
    r"\b(?:jobs?|gigs?|employ\w*|employer|company|role|position|working|worked|work for|"
    r"work at)\b",
    re.I,
)


def asked_year(question: str) -> int | None:
    """The year a question asks about ("what were you doing in 2019?"), if it asks about work
    or what I did then, not about my studies."""
    found = _YEAR.search(question)
    if found is None or (_STUDY_WORDS.search(question) and not _WORK_ASKED.search(question)):
        return None  # "did you graduate in 2020?" asks about my studies
    year = found.group("year")
    rest = [t for t in subject_terms(question) if t != year and t not in _JOBBY | _STUDYING]
    return None if rest else int(year)  # "what did you eat in 2019?" asks something else


def asks_during_studies(question: str) -> bool:
    """Does the question ask what work I did while I studied?"""
    return bool(_DURING_STUDIES.search(question) and _WORK_ASKED.search(question))


def asks_career_start(question: str) -> bool:
    """Does the question ask when my career began?"""
    return bool(_CAREER_START.search(question))


def _overlaps(entry: timeline.Entry, start: timeline.Month, end: timeline.Month) -> bool:
    """Was the entry held at some time from `start` to `end`?"""
    last = entry.end or FAR
    return _months(entry.start) <= _months(end, last_month=True) and _months(
        last, last_month=True
    ) >= _months(start)


def _months(month: timeline.Month, *, last_month: bool = False) -> int:
    """A month as a count; a year without a month is its first (or, `last_month`, its last)."""
    return month[0] * 12 + (month[1] or (12 if last_month else 1))


def in_year(profile: Profile, year: int, *, studies: bool = True) -> list[timeline.Entry]:
    """What I did in `year`: the jobs held then (paid ones first, latest start first), else
    (with `studies`) my studies then."""
    jobs = [e for e in timeline.entries(profile.chunks) if _overlaps(e, (year, 0), (year, 0))]
    if not jobs and studies:
        held = timeline.entries(profile.chunks, "education")
        return [e for e in held if _overlaps(e, (year, 0), (year, 0))]
    return sorted(jobs, key=lambda e: (unpaid(e), -_months(e.start), e.order))


def main_studies(profile: Profile) -> timeline.Entry | None:
    """My studies as "uni" means them: the longest on the timeline (a degree, not a course)."""
    studies = timeline.entries(profile.chunks, "education")
    if not studies:
        return None
    return max(studies, key=lambda e: _months(e.end or e.start, last_month=True) - _months(e.start))


def studies_asked(profile: Profile, question: str) -> timeline.Entry | None:
    """The studies a question is about: those whose institution it names ("when did you
    finish at Victoria University?"), else my main studies when it names none; None when it
    names studies the timeline does not date."""
    asked = set(subject_terms(question)) - _STUDY_TERMS
    if not asked:
        return main_studies(profile)
    best, found = 0, None
    for entry in timeline.entries(profile.chunks, "education"):
        if not _STUDY_SECTION.search(entry.chunk.section):
            continue  # an award or a project that names the university is no studies
        named = [entry.chunk.title, entry.line] + [
            u.text for u in passages.units(entry.chunk) if _INSTITUTION.search(u.context)
        ]
        common = len(asked & set(terms(" ".join(named))))
        if common > best:
            best, found = common, entry
    return found


_INSTITUTION = re.compile(r"(?:university|institution|school|college|institute)$", re.I)


_STUDY_SECTION = re.compile(r"educat|degree|academ|stud|qualif", re.I)
_STUDY_TERMS = frozenset(terms("university uni college school degree studies study finish start"))


def during_studies(profile: Profile) -> list[timeline.Entry]:
    """The jobs held while I studied (my main studies), paid ones first."""
    longest = main_studies(profile)
    if longest is None:
        return []
    # A year without a month: an academic year, from September to June.
    start = (longest.start[0], longest.start[1] or 9)
    last = longest.end or this_month()
    end = (last[0], last[1] or 6)
    jobs = [e for e in timeline.entries(profile.chunks) if _overlaps(e, start, end)]
    return sorted(jobs, key=lambda e: (unpaid(e), e.start, e.order))


def jobs_asked(profile: Profile, question: str, *, strict: bool = True) -> list[timeline.Entry]:
    """The jobs of the period the question names (a year, my studies, the start of my
    career); [] when it names none or no job falls in it. A year asked of in general ("what
    were you up to in 2016?") is my studies when no job was held then; asked for a job ("what
    was your job in 2015?"), only `strict=False` (what the model is given) gives the studies."""
    year = asked_year(question)
    if year is not None:
        return in_year(profile, year, studies=not (strict and _JOB_ASKED.search(question)))
    if asks_during_studies(question):
        return during_studies(profile)
    if asks_career_start(question):
        jobs = timeline.entries(profile.chunks)
        return [first_entry(jobs)] if jobs else []
    return []
