"""My projects as a whole: "any notable projects?", "what do you hack on in your spare time?",
"latest thing you built?", "what projects have you done?". A profile keeps its projects as the
entries of a projects (or portfolio) section, one chunk each, or names several in one chunk
titled for them ("Portfolio Projects": "News Homepage Project - ..."). The answer names them:
the one asked for (the latest by its dates, the personal ones for "on the side") with what it
is, and the others in one line. A question about one detail of a project (its stack, my role,
its results) is not this question: [] then, and the answer is found by its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.persona.facts import made
from core.persona.offline import passages
from core.persona.offline.demands import asks_made
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.understanding import MADE_AS_A_WHOLE
from core.persona.search.retrieval import Hit, terms

_PROJECT = r"(?:projects?|portfolio|things? (?:you|u)(?:'ve| have)? (?:built|made|shipped))"
_SIDE = re.compile(
    r"\b(?:side|personal|pet|hobby) projects?\b|\bon the side\b|\bhack(?:ing)? on\b|"
    r"\b(?:build|built|make|made|hack|code|create|ship)\w*\b.*\b(?:outside (?:of )?(?:work|your "
    r"job)|spare time|free time|evenings|weekends)\b|"
    r"\b(?:outside (?:of )?(?:work|your job)|spare time|free time)\b.*\b(?:build|built|make|"
    r"made|hack|code|create|ship)\w*\b",
    re.I,
)
_RECENT = re.compile(
    rf"\b(?:most recent|latest|newest|last|recent)\b.*\b(?:{_PROJECT}|thing (?:you|u) (?:built|"
    r"made|shipped|worked on))|\b(?:built|build|ship|shipped|made|launched)\b.*\b(?:most "
    r"recently|lately|recently)\b|\b(?:latest|newest) thing\b",
    re.I,
)
_CLAUSE = r"(?:that|which|where|when|who|whose|in which|with)\b"  # "a project that went wrong"
_NOTABLE = re.compile(
    r"\b(?:notable|cool|coolest|favou?rite|best|proudest|impressive|interesting|main|biggest|"
    r"key|flagship|standout|signature|memorable|exciting)\b.*\bprojects?\b|"
    r"\bprojects?\b.*\b(?:show off|proud|best known|worth mentioning|stand out|highlight)|"
    r"\bshow off\b.*\b(?:project|built|made)|"
    r"\b(?:tell (?:me|us)|talk) about (?:a|one|an|any) (?:\w+ )?project\b(?! " + _CLAUSE + ")|"
    r"\b(?:describe|walk (?:me|us) through|share) (?:a|one|an|any) (?:\w+ )?project\b"
    r"(?! " + _CLAUSE + ")|"
    r"\b(?:cool|favou?rite) thing (?:you|u)(?:'ve)? "
    r"(?:built|made)\b",
    re.I,
)
_ALL = re.compile(
    r"\b(?:what|which|list|name|all|any|every|some|other)\b.*\bprojects\b|"
    r"\b(?:every|each|all) (?:\w+ )?projects?\b|"
    r"\bprojects (?:have )?(?:you|u)(?:'ve| have)? (?:done|built|made|worked on)\b|"
    r"\b(?:your|ur) projects\b|\bhow many projects\b|\bwhat have (?:you|u) (?:built|made)\b|"
    # what I made, asked by its verb: "show me stuff you made", "things have you shipped"
    rf"{MADE_AS_A_WHOLE}(?:"
    r"\b(?:stuff|things?|something|anything)\b(?: (?:that|have|did))? "
    r"(?:you|u)(?:'ve| have)? (?:ever )?(?:made|make|built|build|shipped|ship|created|launched)\b|"
    r"\bwhat (?:have|did) (?:you|u) (?:ever )?(?:shipped|ship|created|launched)\b)",
    re.I,
)
# A detail of a project asked: what it was built with, my part in it, its results, its link.
_DETAIL = re.compile(
    r"\b(?:tech|stack|technolog\w*|languages?|tools?|frameworks?|librar\w*|role|part|own|owned|"
    r"lead|led|leading|problem|solve[sd]?|impact|results?|achiev\w*|outcome|links?|urls?|"
    r"where|why|how (?!many)|team|challeng\w*|learn\w*|stud\w*|use|used|using|written in|hosted|"
    r"deployed|github|repo\w*|open[- ]source|about the|for\?|purpose|with\??)\b",
    re.I,
)


@dataclass(frozen=True)
class Project:
    """One project: its name, the chunk that tells it, and when it was (latest month)."""

    name: str
    chunk: Chunk
    when: tuple[int, int]  # (year, month) it ended or was dated; (0, 0) when undated
    what: str  # what it is, in its own words


# "What tech did you use on your main project?", "your role on your biggest project?": a detail
# of the project a profile puts first.
_MAIN = re.compile(
    r"\b(?:main|biggest|largest|best[- ]known|flagship|top|major|most important|signature)\b"
    r"[^?]*\bprojects?\b|\bprojects? (?:you(?:'re| are)|ur) (?:best )?known for\b",
    re.I,
)
_STACK_ASKED = re.compile(
    r"\b(?:tech\w*|stack|languages?|tools?|frameworks?|built (?:it )?with|written in)\b", re.I
)
_ROLE_ASKED = re.compile(
    r"\b(?:role|part|own(?:ed)?|lead(?:ing)?|led|contribut\w*|responsib\w*)\b", re.I
)
_STACK_LABEL = re.compile(r"tech|stack|tools|built with|languages|frameworks|keywords", re.I)
_STACK_TEXT = re.compile(r"\b(?:using|built (?:using|with|in)|written in|technologies)\b", re.I)
_ROLE_LABEL = re.compile(r"\brole|position|responsib", re.I)
_ROLE_TEXT = re.compile(r"\b(?:lead|led|my role|owned|responsible for)\b", re.I)


def asked(question: str) -> str:
    """Which question about my projects it is: "recent", "side", "notable", "all", a detail
    of the main one ("stack", "role") or ""."""
    if _MAIN.search(question):
        if _STACK_ASKED.search(question):
            return "stack"
        if _ROLE_ASKED.search(question):
            return "role"
    if _DETAIL.search(question) or asks_made(question):
        return ""  # "which React projects...?": the passages that tell of React, not every one
    for name, shape in (("recent", _RECENT), ("side", _SIDE), ("notable", _NOTABLE)):
        if shape.search(question):
            return name
    return "all" if _ALL.search(question) else ""


_SECTION = re.compile(r"project|portfolio", re.I)
_PART = re.compile(r"\s*\(part \d+\)\s*$", re.I)
_DATED = re.compile(r"\s*\((?=[^()]*(?:\d{4}|\bproject\b))(?:[^()]|\([^()]*\))*\)\s*$", re.I)
_FORMAT = re.compile(r"\s*[-–]\s*\w+ format\s*$", re.I)
_NAMED_IN_TEXT = re.compile(r"(?:^|(?<=[.;]\s))([A-Z][\w&'+.-]*(?: [\w&'+.-]+){0,5} Project)\b")
# "* **Mamba** - aggregates feeds", "- [Nasoc](https://...) - SOCKS5 in Erlang": a list item that
# starts with a short name and says what it is after a dash.
_LISTED = re.compile(
    r"^[ \t]*[-*+][ \t]+(?:\*\*|__)?\[?([^\]\[*_\n:]{2,60}?)\]?(?:\([^)\s]*\))?(?:\*\*|__)?"
    r"[ \t]+[-–—:][ \t]",
    re.M,
)
_MONTH_YEAR = re.compile(
    r"\b(?:(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?"
    r"(?P<y>(?:19|20)\d\d)(?:-(?P<n>\d\d))?\b|\b(?P<open>present|ongoing|current)\b",
    re.I,
)
_PERSONAL = re.compile(r"\b(?:personal|hobby|side|pet|for fun|own time|spare time)\b", re.I)


def projects(profile: Profile) -> list[Project]:
    """The projects the profile lists, in its order, each once (a project told in a portfolio
    entry and again in a chunk of its own is one project)."""
    found: list[Project] = []
    seen: set[str] = set()
    for chunk in profile.chunks:
        if _PART.search(chunk.title) or not _is_projects(chunk):
            continue
        for name in _names(chunk):
            key = _key(name)
            if key and key not in seen:
                seen.add(key)
                found.append(Project(name, chunk, _latest(chunk), _what(chunk, name)))
    return found


def answer(profile: Profile, hits: Sequence[Hit], which: str) -> list[Quote]:
    """The answer to a question about my projects (`asked`): [] when the profile lists none."""
    every = projects(profile)
    if not every:  # no projects section: the projects a job names, or what I built there
        return made.told(profile) if which in ("all", "notable") else []
    if which in ("stack", "role"):  # the main project is the one the profile puts first
        return _detail(every[0], which)
    if which == "recent":  # the one latest by its dates (the only one, if there is one)
        latest = max(p.when for p in every)
        top = [p for p in every if p.when == latest]
        if len(every) > 1 and (latest == (0, 0) or len(top) > 1):
            return []  # undated, or two as recent: which is latest is not written down
        return [_told(top[0])]
    if which == "side":  # only projects the profile says are my own (personal, a hobby)
        every = [p for p in every if _PERSONAL.search(f"{p.chunk.title} {p.chunk.text}")]
        if not every:
            return []
    rank = {h.chunk.id: i for i, h in enumerate(hits)}
    first = min(every, key=lambda p: rank.get(p.chunk.id, len(rank) + every.index(p)))
    if len(every) == 1:  # a list of one is no list (as `lists.sectioned` reads one)
        return [] if which == "all" else [_told(first)]
    names = " · ".join(p.name for p in every)
    if which == "all":
        return [Quote("Projects", trim(names, 400), names)]
    return [_told(first), Quote("Projects", trim(names, 400), names)]


def _detail(project: Project, which: str) -> list[Quote]:
    """The main project's line that gives its stack (or my role in it)."""
    label, text = (_STACK_LABEL, _STACK_TEXT) if which == "stack" else (_ROLE_LABEL, _ROLE_TEXT)
    pieces = passages.units(project.chunk)
    found = [u for u in pieces if label.search(u.context)] or [
        u for u in pieces if text.search(u.text)
    ]
    if not found:
        return []
    return [quote(project.chunk, trim(f"{project.name}: {found[0].text}", EXCERPT_CHARS))]


def _told(project: Project) -> Quote:
    """The project and what it is; its name is said once (the quote's title, when the chunk is
    the project's own)."""
    what = _WHAT_LABEL_TEXT.sub("", project.what)
    if project.name in project.chunk.title:
        return quote(project.chunk, trim(what or project.name, EXCERPT_CHARS))
    text = f"{project.name}: {what}" if what else project.name
    return quote(project.chunk, trim(text, EXCERPT_CHARS))


_WHAT_LABEL_TEXT = re.compile(r"^(?:description|summary|overview|about)\s*:\s*", re.I)


def _is_projects(chunk: Chunk) -> bool:
    section = chunk.section.replace("_", " ")
    if _SECTION.search(section):
        return True
    named = re.search(r"\bprojects?\s*(?:$|[-–(:])", chunk.title, re.I)  # "X Project - ..."
    return bool(named) and not timeline.is_job_chunk(chunk)


def _names(chunk: Chunk) -> list[str]:
    """The projects a chunk tells: its title, or the projects it names when it is titled for
    several ("Portfolio Projects")."""
    title = _FORMAT.sub("", _DATED.sub("", chunk.title)).strip()
    if re.search(r"\bprojects\b", title, re.I):
        named = [m.group(1) for m in _NAMED_IN_TEXT.finditer(chunk.text)]
        named = named or [m.group(1).strip() for m in _LISTED.finditer(chunk.text)]
        if named:
            return list(dict.fromkeys(named))
        if not _SECTION.search(chunk.section.replace("_", " ")):
            return []  # "Projects" over no named project says which projects nowhere
    return [title] if title else []


def _key(name: str) -> str:
    """The word that names a project ("Job Tracker – ..." and "Job Tracker Project")."""
    words = [t for t in terms(name) if t not in ("project", "projects")]
    return " ".join(words[:2])


def _latest(chunk: Chunk) -> tuple[int, int]:
    """The latest month the chunk's title (else its first line) dates it by."""
    for text in (chunk.title, (timeline.clean_lines(chunk.text) or [""])[0]):
        months = []
        for m in _MONTH_YEAR.finditer(text):
            if m.group("open"):
                months.append((9999, 12))
                continue
            name = (m.group("m") or "").lower()
            month = timeline.MONTHS.get(name[:3], 0) if name else int(m.group("n") or 0)
            months.append((int(m.group("y")), month))
        if months:
            return max(months)
    return (0, 0)


_WHAT_LABEL = re.compile(r"^(?:description|summary|overview|about|what)\b", re.I)
_NOT_WHAT = re.compile(
    r"^(?:type|category|technolog\w*|tech|stack|github|url|link|date|role|status|tools?)\b", re.I
)


def _what(chunk: Chunk, name: str) -> str:
    """What the project is: its described line, else its first sentence of some length (in a
    chunk naming several, the sentence after its name)."""
    pieces = passages.units(chunk)
    if name != _FORMAT.sub("", _DATED.sub("", chunk.title)).strip():
        after = [u for u in pieces if name in u.text]
        pieces = tuple(pieces[after[0].index :]) if after else pieces
    for unit in pieces:
        if _WHAT_LABEL.match(unit.context):
            return unit.text
    for unit in pieces:
        text = unit.text[len(name) :].strip(" -–:") if unit.text.startswith(name) else unit.text
        if not _NOT_WHAT.match(unit.context) and len(text.split()) >= 6:
            return text
    return ""
