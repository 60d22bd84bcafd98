"""A hard problem I faced: "what's the hardest problem you've solved?", "tell me about a tough
challenge at work", "describe a time things went sideways". A profile tells one in one of three
shapes, taken in this order: my rehearsed answer to that question ("Tell me about a time you
solved a complex problem (answer: ...)"); a sentence naming a problem and its resolution
("identified and resolved database connection issues that were blocking the team"); the
situation of an achievement told in STAR form, the one with the most trouble in it ("manual
deployment slowing releases", "churn at 22% threatening revenue"), with its result. [] when
none is written.
"""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk, Profile

ANSWER_CHARS = 450  # a rehearsed answer: the problem, then what I did

# A hard problem asked (not a hard decision, a hard part of the job, a failure or feedback).
_HARD = r"(?:hard|hardest|tough|toughest|tricky|trickiest|difficult|most difficult|biggest|complex)"
ASKED = re.compile(
    rf"\bchalleng\w*|\b{_HARD} (?:\w+ )?(?:problems?|challenges?|situations?|bugs?|issues?)\b|"
    r"\bobstacles?\b|\bsetbacks?\b|\bcrisis\b|"
    rf"\bsolved? (?:a |an |the )?(?:\w+ )?{_HARD} (?:\w+ )?(?:problems?|issues?)\b|"
    r"\b(?:problem|issue|bug)s? (?:you(?:'ve| have)? )?(?:had to )?(?:crack|cracked|fix|fixed)\b",
    re.I,
)
_PROBLEM = re.compile(
    r"\b(?:challeng\w*|problems?|issues?|blocking|bottleneck\w*|difficult\w*)\b", re.I
)
_RESOLVED = re.compile(r"\b(?:resolved|solved|overcame|fixed|tackled)\b", re.I)
_SITUATION = re.compile(r"(?:^|/\s*)situation\b", re.I)
_RESULT = re.compile(r"^(?:[\w ]+/\s*)?result\b", re.I)
_WORK = re.compile(r"experience|work|employment|project|portfolio|skill", re.I)
_REHEARSED = re.compile(r"interview|prep|question", re.I)
_ANSWER = re.compile(r"\(?\banswer:\s*", re.I)
_TROUBLE = re.compile(
    r"\b(?:manual\w*|slow\w*|lack\w*|low|late|broken|fail\w*|errors?|incidents?|churn|"
    r"threat\w*|risk\w*|shortages?|inconsistent|outdated|legacy|bottleneck\w*|complain\w*|"
    r"delays?|bugs?|crash\w*|downtime|costly|poor|struggl\w*|block\w*|nobody|unable|"
    r"problems?|issues?|challeng\w*|difficult\w*|by hand|old)\b",
    re.I,
)


def faced(profile: Profile) -> list[Quote]:
    """The hard problem the profile tells (see the module's three shapes), or []."""
    rehearsed = [c for c in profile.chunks if _REHEARSED.search(_where(c))]
    for chunk in rehearsed:
        for unit in passages.units(chunk):
            parts = _ANSWER.split(unit.text, 1)
            if len(parts) == 2 and ASKED.search(parts[0]):
                answer = [parts[1]]  # the answer goes on in the pieces after it
                for more in passages.units(chunk)[unit.index + 1 :]:
                    size = sum(len(t) + 1 for t in answer) + len(more.text)
                    if more.context != unit.context or more.text.startswith(unit.context):
                        break  # the next rehearsed question
                    if size > ANSWER_CHARS:
                        break
                    answer.append(more.text)
                return [quote(chunk, trim(" ".join(answer).rstrip(")"), ANSWER_CHARS))]
    work = [c for c in profile.chunks if c not in rehearsed and _about_work(c)]
    for chunk in work:
        for unit in passages.units(chunk):
            if _PROBLEM.search(unit.text) and _RESOLVED.search(unit.text):
                return [quote(chunk, trim(unit.text, EXCERPT_CHARS))]
    told: list[tuple[float, int, Chunk, str]] = []
    for order, chunk in enumerate(work):
        every = passages.units(chunk)
        for i, unit in enumerate(every):
            if not _SITUATION.search(unit.text[:40]) or len(unit.text.split()) < 4:
                continue  # "Star achievement /" alone
            result = next((u for u in every[i + 1 :] if _RESULT.match(u.text)), None)
            text = f"{unit.text} · {result.text}" if result else unit.text
            trouble = len({m.lower() for m in _TROUBLE.findall(unit.text)})
            told.append((-trouble, order, chunk, text))
    if not told:
        return []
    # at work before in a project, then the one with most trouble in it
    _, _, chunk, text = min(told, key=lambda t: (not timeline.is_job_chunk(t[2]), t[0], t[1]))
    return [quote(chunk, trim(text, EXCERPT_CHARS))]


def _where(chunk: Chunk) -> str:
    return f"{chunk.section} {chunk.title}".replace("_", " ")


def _about_work(chunk: Chunk) -> bool:
    return timeline.is_job_chunk(chunk) or bool(_WORK.search(_where(chunk)))
