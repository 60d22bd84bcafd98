"""Answers quoted from the one line that states them, when the question's kind says which
line that is: what my company does (a line describing it), how long I have been in my job (a
dated line), which team I am on (the current job's), where I come from (not where I live), the
school before university, what I want to get better at (the line labelled as my learning
focus), where I am based, how long my career is and where to find me online; and "besides X",
which leaves X's section out. Each returns [] when no line says it, so the question is not
written down rather than answered with an unrelated quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline import passages, results
from core.persona.offline.holding import HIGH_SCHOOL, names_kind
from core.persona.offline.passages import PRIVATE_MARK
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.roles import current_entries
from core.persona.search.retrieval import Hit, synonyms_of, terms

# "How long were you at X?", "since when have you worked at X?", "when did you start at X?"
HOW_LONG = re.compile(
    r"\b(?:how long|since when|how many (?:years|months)|when did you (?:start|join|begin|get|"
    r"land|take)|start date)\b",
    re.I,
)
_DATED = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d+\+?\s*(?:years?|months?|weeks?|yrs?)\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-]+(?:years?|months?|weeks?)\b",
    re.I,
)


# "Did you do anything besides studying?": what is set aside is not the answer.
_BESIDES = re.compile(
    r"\b(?:besides|apart from|other than|aside from|except(?: for)?)\s+(?:your |the |my )?"
    r"([A-Za-z-]+)",
    re.I,
)


def besides(quotes: list[Quote], question: str) -> list[Quote]:
    """The quotes without those from a section the question sets aside ("besides studying"
    leaves the Education section out)."""
    found = _BESIDES.search(question)
    if not found:
        return quotes
    aside = set(terms(found.group(1)))
    aside |= {s for t in aside for s in synonyms_of(t, strong=True)}
    return [q for q in quotes if not aside & set(terms(q.title))]


def school(profile: Profile) -> list[Quote]:
    """The school I went to before university: a line that names one, else nothing."""
    found = [
        u for c in profile.chunks for u in passages.units(c) if names_kind(u.text, HIGH_SCHOOL)
    ]
    return distinct([quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in found], 1)


def dated(quotes: list[Quote]) -> bool:
    """Does any quote say when (a year, or how many years or months)?"""
    return any(_DATED.search(q.render()) for q in quotes)


# "Where are you from originally?", "what's your nationality?": where I come from, which is
# not where I live now; and the sentences that say it.
ORIGIN_ASKED = re.compile(
    r"\b(?:originally|nationality|come from|grow up|grew up|born|raised|hometown|home town|"
    r"heritage|roots|native)\b",
    re.I,
)
_ORIGIN = re.compile(
    r"\b(?:originally from|hails? from|born (?:in|and)|grew up|raised in|native of|"
    r"nationality|home ?town|citizen(?:ship)? of)\b",
    re.I,
)


def origin(profile: Profile) -> list[Quote]:
    """Where I come from: a sentence that says so (born in, grew up in, hails from), else
    nothing: the city I live in now does not tell it."""
    about = [c for c in profile.chunks if c.section.lower() in ("about", "personal", "basics")]
    chunks = [*about, *(c for c in profile.chunks if c not in about)]  # about me first
    found = [u for c in chunks for u in passages.units(c) if _ORIGIN.search(u.text)]
    return distinct([quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in found], 1)


def team(profile: Profile, question: str) -> list[Quote]:
    """How big my team is: where the profile says so, the current job first; "which team are
    you on?" only the current job's (a past job's or a project's team is not mine now)."""
    now = {e.chunk.id for e in current_entries(profile)}
    found = passages.team_sizes(profile.chunks)
    if _TEAMNOW.search(question):
        found = [u for u in found if u.chunk.id in now]
    found.sort(key=lambda u: u.chunk.id not in now)
    return distinct([quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in found], 1)


_TEAMNOW = re.compile(r"\b(?:which|what) team (?:are|r) (?:you|u)\b", re.I)
# "What does your company do?": a sentence about the company, not my part in it.
COMPANY_ASKED = re.compile(
    r"\b(?:your|ur) (?:current |present )?(?:company|employer|firm|organi[sz]ation)(?:'s|s')?"
    r" (?:\w+ )?(?:do|does|business|product|make|makes|sell|sells)\b|"
    r"\bwhat (?:does|do) (?:your|ur) (?:current |present )?(?:company|employer|firm|"
    r"organi[sz]ation) (?:\w+ )?do\b|"
    r"\b(?:what|which) (?:industry|sector|line of business)\b",
    re.I,
)
FIELD_ASKED = re.compile(r"\b(?:industry|sector|field|line of business)\b", re.I)
_FIRM = (
    r"(?:company|firm|startup|start-up|business|organi[sz]ation|agency|consultancy|operator|"
    r"provider|platform|technology|movement|manufacturer|retailer|studio|charity|network|"
    r"institution|enterprise|corporation|group)"
)
# A line describing the company: labelled so, "X is a ... company", "Logistics company with..."
_DESCRIBES_FIRM = re.compile(
    rf"^\s*(?:company|context|industry|sector|description)\b|\b(?:is|was) (?:a|an|the)\b"
    rf"[^.;]{{0,60}}?\b{_FIRM}\b|^(?:[\w&/]+\s+){{1,4}}{_FIRM}\b",
    re.I,
)
_STAR = re.compile(r"^\s*(?:situation|task|action|result)\b", re.I)


def company(profile: Profile, hits: Sequence[Hit]) -> list[Quote]:
    """What my company does: the current job's line that describes the company (its context
    line, "X is a compression company", "Tech startup focusing on..."), else nothing."""
    rank = {h.chunk.id: i for i, h in enumerate(hits)}
    for entry in sorted(current_entries(profile), key=lambda e: rank.get(e.chunk.id, len(rank))):
        for unit in passages.units(entry.chunk):
            said = f"{unit.context}: {unit.text}" if unit.context else unit.text
            if not _STAR.match(said) and _DESCRIBES_FIRM.search(said):
                return [quote(entry.chunk, trim(unit.text, EXCERPT_CHARS))]
    return []


# "What are you learning now?" is my studies too, "a time you picked up a skill" a story.
NOW = re.compile(
    r"\b(?:now|currently|at the moment|these days|lately|atm|are you (?:picking|learning)|"
    r"picked|learned|learnt|a time)\b",
    re.I,
)
_FOCUS = re.compile(r"\blearning\b|\bcurrently (?:learning|studying)\b", re.I)
_OWN_LABEL = re.compile(r"^([^:]{1,50}):\s+")
# "What are you learning at the moment?", "picking up any new skills lately?", "what are you
# currently studying on the side?": what I am learning now.
LEARNING_ASKED = re.compile(
    r"^(?!.*\b(?:a time|picked up|learned|learnt|studied)\b).*(?:"
    r"\b(?:learning|studying|picking up|pick up|learn)\b.*\b(?:now|currently|at the moment|"
    r"these days|lately|recently|on the side|atm|right now)\b|"
    r"\b(?:currently|now|lately|recently) (?:learning|studying|picking up)\b|"
    r"\bnew (?:skills?|tech\w*|tools?|languages?)\b.*\b(?:learn\w*|pick\w* up|lately|recently|"
    r"these days|now)\b|\b(?:learn\w*|pick\w* up)\b.*\bnew (?:skills?|tech\w*|tools?)\b)",
    re.I,
)


def learning_focus(profile: Profile, *, now: bool = False) -> list[Quote]:
    """The line the profile labels as what I am learning ("Learning focus: ...", "Recent
    learning: ...", a sentence "Currently learning: ..." in a skills line), wherever it is
    (goals, professional development, skills; not a rehearsed interview question). `now`:
    what I am learning at present first ("Recent learning", "Current coursework") before a
    focus for later."""
    found: list[tuple[tuple[bool, bool], Quote]] = []  # (not present, not learning), quote
    for chunk in profile.chunks:
        if _REHEARSAL.search(f"{chunk.section} {chunk.title}".replace("_", " ")):
            continue
        for label, pieces in labelled(chunk):
            present = bool(now and _NOW_LABEL.search(label))
            learning = bool(_FOCUS.search(label))
            if learning or (present and _STUDY_LABEL.search(label)):
                said = trim(" · ".join(pieces), EXCERPT_CHARS)
                found.append(((not present, not learning), Quote(chunk.title, said, said)))
    found.sort(key=lambda f: f[0])  # stable: profile order within each
    return distinct([q for _, q in found], 3)


def labelled(chunk: Chunk) -> list[tuple[str, list[str]]]:
    """The chunk's labelled statements: a label and the pieces said under it (a line read in
    pieces stays one statement; a sentence with a label of its own starts another)."""
    out: list[tuple[str, list[str]]] = []
    for unit in passages.units(chunk):
        if passages.is_prompt(unit):
            continue
        own = _OWN_LABEL.match(unit.text)
        if own:
            out.append((own[1], [unit.text]))
        elif out and unit.context and out[-1][0] in (unit.context, unit.context.split(" ")[0]):
            out[-1][1].append(unit.text)
        elif unit.context:
            out.append((unit.context, [unit.text]))
    return out


_REHEARSAL = re.compile(r"interview|question", re.I)
_NOW_LABEL = re.compile(r"\b(?:recent\w*|current\w*|now|ongoing|in progress)\b", re.I)
_STUDY_LABEL = re.compile(
    r"learning|studying|coursework|courses?|studies|training|degree|programme|program", re.I
)


_AWAY = re.compile(
    r"\b(?:travel\w*|trips?|holidays?|vacations?|bucket list|visit\w*|dream|wish|would (?:you|u) "
    r"(?:like|love|want)|want to (?:live|move|go)|(?:move|moving|relocat\w*) to)\b",
    re.I,
)
_LOCATION_WORDS = re.compile(
    r"\b(?:based|live|lives|living|located|location|city|hometown|home town|region|"
    r"(?:i'm|i am|come|originally) from)\b",
    re.I,
)


def where(profile: Profile, hits: Sequence[Hit], question: str = "") -> list[Quote]:
    """Where I am based: the public place of my identity core, else a line that says it; where I
    come from when that is asked (not where I live now)."""
    if ORIGIN_ASKED.search(question):
        return origin(profile)
    if _AWAY.search(question):
        return []  # a trip, a holiday, a wish: not where I live
    based = identity(profile).based
    if based:
        return [Quote("Location", based, based)]
    about = [c for c in profile.chunks if c.section.lower() in ("about", "personal", "basics")]
    for chunk in [*about, *(h.chunk for h in hits[:3])]:
        for line in timeline.clean_lines(chunk.text):
            found = _LOCATION_WORDS.search(line)
            if found and PRIVATE_MARK not in line and re.search(r"[A-Z][a-z]", line[found.end() :]):
                return [quote(chunk, trim(line, EXCERPT_CHARS))]
    for chunk in about:  # a résumé's header marks the place with a flag or a pin
        for line in timeline.clean_lines(chunk.text):
            marked = _PLACE_MARK.search(line)
            place = _PLACE_END.split(line[marked.end() :])[0].strip() if marked else ""
            if place and PRIVATE_MARK not in place and re.search(r"[A-Z][a-z]", place):
                return [quote(chunk, trim(place, EXCERPT_CHARS))]
    return []


# A flag (two regional indicator letters) or a pin before a place; the place ends at a label's
# colon, a table cell or a link.
_PLACE_MARK = re.compile("[\U0001f1e6-\U0001f1ff]{2}\\s*|\U0001f4cd\\s*")
_PLACE_END = re.compile(r"[:|\[(]")


def career_length(profile: Profile) -> list[Quote]:
    """How long my career is: the sentence counting it, else the first job (its dates)."""
    return [quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in results.tenure(profile)]


def links(profile: Profile) -> list[Quote]:
    """Where to find me online: the web addresses the profile gives, my own first."""
    found = passages.links(profile.chunks)
    return distinct([quote(u.chunk, trim(u.text, EXCERPT_CHARS)) for u in found])
