"""Answers read off the timeline for questions that name a job or a period instead of asking
by kind: the job a question names by its employer (`named_job`), and the jobs of a year, of my
studies or of the start of my career (`periods`). The answer without a model quotes them; the
model path is given their chunks (`roles.chunks_for`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline import named_job, passages, periods, results
from core.persona.offline.quotes import EXCERPT_CHARS, MAX_QUOTES, Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions import roles
from core.persona.questions.asking import Intent

# Kinds of question read by their own rule first: the job before or after X, my first job...
_BY_ORDER = frozenset(
    {"before", "after", "first", "longest", "previous", "history", "about", "links", "injection"}
)


def chunks(profile: Profile, question: str, kind: str) -> list[Chunk]:
    """The chunks of the jobs the question names or whose period it names (for the model)."""
    if kind in _BY_ORDER:
        return []
    jobs = periods.jobs_asked(profile, question, strict=False) or named_job.named(profile, question)
    if not jobs and (ROUTINE.search(question) or DUTIES_NOW.search(question)):
        jobs = roles.current_entries(profile)
    return list(dict.fromkeys(e.chunk for e in jobs))[:2]


def answer(profile: Profile, question: str, kind: str) -> list[Quote]:
    """The quotes answering a question that names a period or a job; [] when it names
    neither (or it is read by its own rule: before X, my first job...)."""
    if kind in _BY_ORDER:
        return _when_of(profile, question, kind)
    if periods.asks_study_dates(question):
        studies = periods.studies_asked(profile, question)
        return [_dated(studies)] if studies else []
    jobs = periods.jobs_asked(profile, question)
    if jobs and periods.asks_career_start(question):
        since = [quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in results.since(profile)]
        return distinct([*since[:1], _dated(jobs[0])])
    if jobs:
        return distinct([_dated(e) for e in jobs[:MAX_QUOTES]])
    named = named_job.named(profile, question)
    if not named and (ROUTINE.search(question) or DUTIES_NOW.search(question)):
        # "a normal week", "my responsibilities now": the job held now, where it states duties
        named = [e for e in roles.current_entries(profile) if named_job.states_duties(e)]
    if not named:
        return []
    return _quotes(named_job.asked_of(profile, question, named))


def _when_of(profile: Profile, question: str, kind: str) -> list[Quote]:
    """When my previous (first, longest) job began or ended: its dated line, which the title
    of its section may not carry."""
    if kind not in ("previous", "first", "longest") or not named_job.WHEN_ASKED.search(question):
        return []
    jobs = timeline.entries(profile.chunks)
    if not jobs:
        return []
    if kind == "first":
        picked: timeline.Entry | None = roles.first_entry(jobs)
    elif kind == "longest":
        picked = roles.held_longest(jobs, today=roles.this_month())
    else:
        picked = roles.around(profile, jobs, Intent(kind))
    return [_dated(picked)] if picked else []


def _dated(entry: timeline.Entry) -> Quote:
    """A job by its line (or the start of its chunk, whose title gives its dates)."""
    unit = named_job.dated_unit(entry)
    text = entry.line or (unit.text if unit else "")
    first = passages.units(entry.chunk)
    if not text:  # the dates are in the title, which is quoted: what I did there
        text = named_job.what_i_did(first) or entry.chunk.title
    elif unit is not None and _DATES_ONLY.match(_label(unit)) and first and first[0] != unit:
        # "Duration: 2016 - 2020" says no more than when: with what and where
        group = _group(unit)  # "Undergraduate / Duration": the undergraduate's own lines
        named = [
            u for u in first if _NAMES_ENTRY.match(_label(u)) and u != unit and _group(u) == group
        ][:2] or first[:1]
        text = " · ".join([*(u.text for u in named), text])
    return quote(entry.chunk, trim(text, EXCERPT_CHARS))


_NAMES_ENTRY = re.compile(
    r"^(?:degrees?|institution|university|school|college|study type|area|company|employer|"
    r"title|position|role)\b",
    re.I,
)


def _group(unit: passages.Unit) -> str:
    """The part of a unit's label before its last part ("Current / Duration" -> "Current")."""
    return unit.context.rsplit("/", 1)[0].strip() if "/" in unit.context else ""


def _label(unit: passages.Unit) -> str:
    """The last part of a unit's label ("Current / Duration" -> "Duration")."""
    return unit.context.rsplit("/", 1)[-1].strip()


# "What does a normal week look like in your role?": my current job's duties.
ROUTINE = re.compile(
    r"\b(?:typical|normal|usual|average|ordinary|regular) (?:work ?|working )?(?:day|week)\b",
    re.I,
)
# "What are your main responsibilities in your current job?": the duties of the job held now.
DUTIES_NOW = re.compile(
    r"\b(?:responsib\w*|duties)\b.*\b(?:current|present|now|these days|at the moment)\b|"
    r"\b(?:current|present|now|these days)\b.*\b(?:responsib\w*|duties)\b|"
    r"\bday[- ]to[- ]day\b.*\bresponsib\w*|\bresponsib\w*\b.*\bday[- ]to[- ]day\b",
    re.I,
)
_DATES_ONLY = re.compile(
    r"^(?:duration|dates?|period|start(?: date)?|end(?: date)?|years?|when)\b", re.I
)


def _quotes(scored: Sequence[passages.Scored]) -> list[Quote]:
    """The best chunk's best units (those nearly as good as the best), with the sentences
    after them while the quote stays short, in the chunk's order."""
    if not scored:
        return []
    floor = 0.6 * scored[0].score
    chunk = scored[0].unit.chunk
    chosen = [s.unit for s in scored if s.score >= floor and s.unit.chunk == chunk][:2]
    chosen = passages.with_following(chosen, EXCERPT_CHARS)
    return [quote(chunk, trim(" · ".join(u.text for u in chosen), EXCERPT_CHARS))]
