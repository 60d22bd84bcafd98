"""Which of the owner's roles a question is about: the current job (not a mentoring role still
going), the job before or after X ("after graduating" is the job after the latest studies),
the first one; and the chunks that answer a question by its kind rather than its words, which
the model path adds to retrieval's hits (`core.persona.search.recall`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from core.persona.offline import passages, results
from core.persona.profiles import timeline
from core.persona.profiles.chunks import norm_key
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.asking import SKILLS_ASKED, Intent, intent
from core.persona.questions.understanding import topic_named
from core.persona.search.retrieval import Hit, overlap, stem


def unpaid(entry: timeline.Entry) -> bool:
    """A volunteering or mentoring role: not what "your job" means."""
    return bool(VOLUNTEER.search(f"{entry.chunk.section} {entry.chunk.title}"))


VOLUNTEER = re.compile(r"volunteer|mentor|charity|community", re.I)


FAR = (9999, 12)  # the end of a job still held, for sorting


def this_month() -> timeline.Month:
    """Today as a timeline month (how long a job still held has lasted)."""
    today = datetime.now(UTC)
    return today.year, today.month


_STUDIES = re.compile(
    r"\b(?:graduat\w*|universit\w*|college|school|studies|studying|degree|masters?|bachelor'?s?|"
    r"phd|diploma|uni)\b"
)


_LEAVING = r"^(?:(?:leaving|quitting|finishing|ending|you left|you quit) )?"
_FIRST_JOB = re.compile(
    _LEAVING + r"(?:(?:your|ur|my|the) )?(?:very )?(?:first|earliest) (?:\w+ )?(?:job|role|"
    r"position|employer|company)\b",
    re.I,
)
# "before your current job, where were you", "what came right before this role?"
_CURRENT_JOB = re.compile(
    _LEAVING + r"(?:(?:your|ur|my|the) (?:current|present) |this |(?:my|your|ur) )"
    r"(?:job|role|position|company|employer|gig)\b(?! (?:at|with|in)\b)",
    re.I,
)


def anchored(
    profile: Profile, jobs: Sequence[timeline.Entry], anchor: str
) -> tuple[list[timeline.Entry], list[timeline.Entry], str]:
    """The entries that are X (best match of the anchor), the others of the same kind, and
    which kind: jobs, else studies ("after graduating", "before Victoria University")."""
    studies = timeline.entries(profile.chunks, "education")
    if _FIRST_JOB.search(anchor) and jobs:  # "after your first job": the earliest one
        first = first_entry(jobs)
        return [first], [e for e in jobs if e is not first], "job"
    now = [e for e in jobs if e.current and not unpaid(e)]
    if _CURRENT_JOB.search(anchor) and now:  # "before your current job": the one held now
        return now, [e for e in jobs if e not in now], "job"
    pools = [(jobs, "job"), (studies, "education")]
    if _STUDIES.search(anchor):
        pools.reverse()
    for pool, kind in pools:
        fit = [(overlap(anchor, e.text), e) for e in pool]
        best = max((score for score, _ in fit), default=0)
        if best:
            return [e for s, e in fit if s == best], [e for s, e in fit if s < best], kind
    if _STUDIES.search(anchor) and studies:  # "after graduating": the latest studies done
        today = this_month()
        done = [e for e in studies if e.end is not None and e.end <= today]
        latest = timeline.latest_first(done or list(studies))[0]
        return [latest], [], "education"
    return [], [], ""


def around(profile: Profile, jobs: Sequence[timeline.Entry], how: Intent) -> timeline.Entry | None:
    """The job just before or after X (for "previous": before the current job)."""
    if how.kind == "previous":
        anchors = [e for e in jobs if e.current and not unpaid(e)] or timeline.latest_first(
            [e for e in jobs if not unpaid(e)] or list(jobs)
        )[:1]
        others, kind = [e for e in jobs if e not in anchors], "job"
        ended = [e for e in others if not unpaid(e) and e.end is not None]
        if ended and all(a.current for a in anchors):
            # my last job: the one that ended last, even if the current one began before it
            # (a business founded long ago, jobs held alongside it since)
            return max(ended, key=lambda e: (e.end or FAR, e.start, -e.order))
    else:
        anchors, others, kind = anchored(profile, jobs, how.anchor)
        if not anchors:
            return None
        if kind == "education":
            others = list(jobs)  # after my studies: the job that came next
    paid = [e for e in others if not unpaid(e)] or others
    if how.kind == "after":
        paid = [e for e in paid if not e.inferred]  # a start not known is after nothing
        if kind == "education":
            end = max((a.end or a.start) for a in anchors)
            later = [e for e in paid if e.start >= (end[0], 0) and e not in anchors]
        else:
            start = min(a.start for a in anchors)
            later = [e for e in paid if e.start > start]
            ends = [a.end for a in anchors if a.end is not None]
            if ends and len(ends) == len(anchors):  # what came after X ended, if anything did
                gone = max(ends)
                later = [e for e in later if e.start >= gone] or later
        return min(later, key=lambda e: (e.start, e.order), default=None)
    start = min(a.start for a in anchors)
    earlier = [e for e in paid if e.start < start]
    ended = [e for e in earlier if e.end is not None and e.end <= start] or earlier
    if not ended and how.kind == "previous":  # held alongside: the last one that ended
        ended = [e for e in paid if e.end is not None and e not in anchors]
    return max(ended, key=lambda e: (e.end or FAR, e.start), default=None)


def current_entries(profile: Profile) -> list[timeline.Entry]:
    """The jobs held now (paid ones first), else the latest one."""
    jobs = timeline.entries(profile.chunks)
    now = [e for e in jobs if e.current] or timeline.latest_first(jobs)[:1]
    return [e for e in now if not unpaid(e)] or now


def held_longest(jobs: Sequence[timeline.Entry], *, today: timeline.Month) -> timeline.Entry:
    """The job held longest (a job still held counts until `today`); "shortest" is not
    asked for often enough to read. A year without a month counts from January to December."""
    pool = [e for e in jobs if not unpaid(e)] or list(jobs)

    def months(e: timeline.Entry) -> int:
        end = e.end or today
        return (end[0] * 12 + (end[1] or 12)) - (e.start[0] * 12 + (e.start[1] or 1))

    return max(pool, key=lambda e: (months(e), -e.order))


def first_entry(jobs: Sequence[timeline.Entry]) -> timeline.Entry:
    pool = [e for e in jobs if not unpaid(e) and not e.inferred] or list(jobs)
    return min(pool, key=lambda e: (e.start, e.end or FAR, e.order))


def topic_chunks(profile: Profile, name: str) -> list[Chunk]:
    """The chunks whose section or title is one an open question is answered by."""
    return list(_topic_chunks(profile.chunks, name))


@lru_cache(maxsize=64)  # per profile, not per question: a reload makes new chunks
def _topic_chunks(chunks: tuple[Chunk, ...], name: str) -> tuple[Chunk, ...]:
    found = topic_named(name)
    if found is None:
        return ()
    wanted = {stem(w) for w in found.sections}
    return tuple(
        c
        for c in chunks
        if wanted & {stem(w) for w in norm_key(f"{c.section} {c.title}").split("_") if w}
    )


def chunks_for(profile: Profile, hits: Sequence[Hit], question: str) -> tuple[Chunk, ...]:
    """The chunks that answer a question by its kind rather than its words: the current job,
    the job before or after X, the first one, the whole career, the sections of an open
    question, the skills list, where to find me online, the sentence counting my years. The
    model path adds them to what retrieval found."""
    how = intent(question)
    found: list[Chunk] = []
    jobs = timeline.entries(profile.chunks)
    if how.kind == "current" and jobs:
        found += [e.chunk for e in current_entries(profile)]
    elif how.kind == "first" and jobs:
        found.append(first_entry(jobs).chunk)
    elif how.kind == "longest" and jobs:
        found.append(held_longest(jobs, today=this_month()).chunk)
    elif how.kind in ("before", "after", "previous") and jobs:
        picked = around(profile, jobs, how)
        if picked is not None:
            found.append(picked.chunk)
        if how.kind == "previous":
            found += [e.chunk for e in jobs if e.current and not unpaid(e)][:1]
        else:
            found += [e.chunk for e in anchored(profile, jobs, how.anchor)[0][:1]]
    elif how.kind == "team":
        found += list(dict.fromkeys(u.chunk for u in passages.team_sizes(profile.chunks)))[:2]
    elif how.kind == "history":
        found += [e.chunk for e in jobs if not unpaid(e)][:4]
    elif how.kind == "topic":
        found += topic_chunks(profile, how.anchor)[:2]
    elif how.kind == "list" and SKILLS_ASKED.search(question):
        found += [c for c in profile.chunks if "skill" in f"{c.section} {c.title}".lower()][:2]
    elif how.kind == "links":
        found += list(dict.fromkeys(u.chunk for u in passages.links(profile.chunks)))[:2]
    if results.asks_tenure(question):  # how long my career is: the sentence counting it
        found += [u.chunk for u in results.tenure(profile)]
    return tuple(dict.fromkeys(found))
