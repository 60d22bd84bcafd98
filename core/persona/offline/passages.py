"""Passages: the sentences of a chunk, and which of them answer a question.

A chunk can be a long STAR achievement, a paragraph of prose or a line of twenty skills. The
answer without a model quotes the sentence that answers ("the tool and the percentage of an
improvement"), not the chunk's first lines, so chunks are read as units: a line, or for a long
line each sentence (a STAR line's Situation / Task / Action / Result parts too). A unit keeps
the label of its line ("Technical skills used") as context for scoring. A sentence whose private
value was withheld is left out, so a quote never shows the privacy marker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk
from core.persona.questions.understanding import GENERIC, subject_terms
from core.persona.search.retrieval import Hit, focus, kin_in, members_of, synonyms_of, terms

PRIVATE_MARK = "[private]"
SECTION_BONUS = 0.4  # a subject word that names the unit's section or chunk
LONG_LINE = 160  # a line longer than this is read sentence by sentence
_SPLIT = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z0-9$\"'(])|(?<=;)\s+|\s+(?=(?:Situation|Task|Action|Result)\s*[:\-–])"
)
_LABEL_ONLY = re.compile(r"[^:]{1,50}:")
_LABEL = re.compile(r"^([^:]{1,50}):\s+")
_NUMBERS = re.compile(
    r"\d\s*%|\$\s?\d|\b\d+(?:\.\d+)?\s*(?:x|×|hours?|minutes?|days?|weeks?|k|m|users?|"
    r"visitors?|stars?|clients?)\b|"
    r"\b\d+(?:\.\d+)?\s+[a-z]+\s+(?:hours?|minutes?|days?|weeks?|users?|clients?)\b|"
    r"\bfrom \S+ to \S+|\bfrom \d\S* \S+ to \S+|\b(?:halved|doubled|tripled)\b|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+years?\b"
)
_WANTS_NUMBERS = re.compile(
    r"\b(?:achiev\w*|results?|impact|metrics?|numbers?|measur\w*|improv\w*|deliver\w*|"
    r"outcome|saved?|reduc\w*|faster|increase\w*|proud\w*|accomplish\w*|impressive|"
    r"how (?:much|many|fast|long)|by how|cut|drop\w*|fell|fall|grow|grew|rais\w*|percent\w*)\b",
    re.I,
)


@dataclass(frozen=True)
class Unit:
    """One quotable piece of a chunk."""

    chunk: Chunk
    text: str
    context: str  # the label of its line, e.g. "Achievements" or "Technical skills used"
    index: int  # its place in the chunk


@lru_cache(maxsize=4096)
def units(chunk: Chunk) -> tuple[Unit, ...]:
    """The chunk's units in order, without any that carry the privacy marker."""
    out: list[Unit] = []
    lead = ""  # "Languages:" alone: the label of the unlabelled lines under it
    for line in timeline.clean_lines(chunk.text):
        label = _LABEL.match(line)
        if label or _LABEL_ONLY.fullmatch(line.strip()):
            lead = line.strip()[:-1] if not label else ""
        context = label.group(1) if label else lead
        pieces = _SPLIT.split(line) if len(line) > LONG_LINE or PRIVATE_MARK in line else [line]
        asked = ""  # a rehearsed question's answer is read with the question as its context
        for piece in pieces:
            piece = piece.strip(" ;")
            if _LABEL_ONLY.fullmatch(piece):
                continue  # "Achievements:" alone says nothing
            if piece and PRIVATE_MARK not in piece and re.search(r"\w", piece):
                out.append(Unit(chunk, piece, f"{context} {asked}".strip(), len(out)))
                if piece.rstrip(" )\"'").endswith("?"):
                    asked = _LABEL.sub("", piece)
    return tuple(out)


def with_following(chosen: list[Unit], limit: int) -> list[Unit]:
    """The chosen units of one chunk and the sentences after them while the quote stays
    within `limit` characters, in the chunk's order."""
    every = units(chosen[0].chunk)
    size = sum(len(u.text) + 3 for u in chosen)
    after = max(u.index for u in chosen) + 1
    out = list(chosen)
    while after < len(every) and size + len(every[after].text) <= limit:
        out.append(every[after])
        size += len(every[after].text) + 3
        after += 1
    return sorted(out, key=lambda u: u.index)


@dataclass(frozen=True)
class Scored:
    unit: Unit
    score: float


class Asked:
    """A question read once for scoring units: its subject terms, the expansion's words, and
    whether it asks for numbers."""

    def __init__(
        self, question: str, expanded: str = "", ignore: frozenset[str] = frozenset()
    ) -> None:
        self.subject = [t for t in subject_terms(focus(question)) if t not in ignore]
        extra = terms(expanded) if expanded else []
        skip = {*self.subject, *ignore, *GENERIC}
        self.extra = [t for t in dict.fromkeys(extra) if t not in skip]
        self.numbers = wants_numbers(question)
        # Names in the question ("at Brightwell", "with Kafka") say where the answer is.
        named = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w+#.-]*", question.strip())
        self.anchors = {t for t in terms(" ".join(named)) if t in self.subject}
        # "How good are you at Django?": the level written beside it ("Level: Master").
        self.level = bool(_LEVEL_ASKED.search(question)) and any(
            not members_of(t) and t not in _KIND_WORDS for t in self.subject
        )  # not "every technology you're proficient in": a level of something named

    def score(self, unit: Unit) -> float:
        if is_prompt(unit):
            return 0.0  # a question the profile rehearses ("How do you handle...?") answers none
        have = set(terms(unit.text))
        around = set(
            terms(f"{unit.context} {unit.chunk.title} {unit.chunk.section}".replace("_", " "))
        )
        total = 0.0
        home = set(terms(f"{unit.chunk.title} {unit.chunk.section}".replace("_", " ")))
        for t in self.subject:
            similar = synonyms_of(t)
            if t in have:
                total += 1.0
            elif similar & have or members_of(t) & have:
                total += 0.6  # a synonym, or a thing of the kind asked ("React" for "web")
            elif kin_in(t, have):
                total += 0.5  # "security" asked, "secure" written
            elif t in around or similar & around:
                total += 0.3
            if t in home or similar & home:
                total += SECTION_BONUS  # "your projects": a unit of the Projects section
        total += 0.25 * min(3, sum(1 for t in self.extra if t in have or t in around))
        figures = len(_NUMBERS.findall(unit.text)) if self.numbers else 0
        if figures:
            total += 0.5 + 0.05 * min(3, figures)  # a result told in more figures first
            if re.match(r"(?:result|impact|outcome)", f"{unit.context} {unit.text}", re.I):
                total += 0.3
        if self.level and _LEVEL_LABEL.match(unit.context) and self._in_chunk(unit):
            return total + 1.0  # the level of the entry that names what is asked
        if self.level and total and _LEVEL_WORDS.search(unit.text):
            total += 0.8  # "Python (proficiency: Expert)": the thing asked, with its level
        if self.anchors and not self.anchors & (have | around):
            total *= 0.4  # about something else than the question names
        return total

    def _in_chunk(self, unit: Unit) -> bool:
        """Does the unit's chunk name what the question asks about (its names, else its
        subject)?"""
        named = self.anchors or set(self.subject)
        return bool(named) and named <= set(terms(unit.chunk.text))


_LEVEL_ASKED = re.compile(
    r"\bhow (?:good|well|strong|proficient|experienced|skilled|fluent)\b|"
    r"\b(?:your |ur )?(?:skill )?level (?:in|of|with|at)\b|\b(?:an? )?expert (?:in|at|with|on)\b|"
    r"\bproficien\w*\b",
    re.I,
)
_KIND_WORDS = frozenset(
    terms(
        "proficient proficiency technology tech skill tool language framework every all list "
        "enumerate name"
    )
)
_LEVEL_WORDS = re.compile(
    r"\b(?:proficiency|level|expert|advanced|intermediate|beginner|basic|fluent|native|"
    r"master|proficient)\b",
    re.I,
)
_LEVEL_LABEL = re.compile(r"^(?:level|proficiency|fluency|skill level|expertise)\b", re.I)


def best(hits: Sequence[Hit], asked: Asked, *, depth: int = 6, floor: float = 0.3) -> list[Scored]:
    """The units of the best hits, best first (a slight preference for better hits); only
    units that score at all."""
    if not hits:
        return []
    top = hits[0].score
    scored: list[Scored] = []
    for rank, hit in enumerate(hits[:depth]):
        if hit.score < floor * top:
            break
        bonus = 0.15 * (depth - rank) / depth
        for unit in units(hit.chunk):
            s = asked.score(unit)
            if s > 0:
                scored.append(Scored(unit, s + bonus))
    scored.sort(key=lambda s: -s.score)
    return scored


def in_chunks(chunks: Sequence[Chunk], asked: Asked) -> list[Scored]:
    """The units of `chunks` that score, best first."""
    scored = [Scored(u, asked.score(u)) for c in chunks for u in units(c)]
    return sorted((s for s in scored if s.score > 0), key=lambda s: -s.score)


def results(chunks: Sequence[Chunk], asked: Asked) -> list[Scored]:
    """The units of `chunks` that state a measurable result ("fell by 60%", "from two days to
    20 minutes"), best first: where a profile tells an achievement without calling it one."""
    scored = [
        Scored(u, asked.score(u) + 0.1 * len(_NUMBERS.findall(u.text)))
        for c in chunks
        for u in units(c)
        if _NUMBERS.search(u.text) and not is_prompt(u)
    ]
    return sorted(scored, key=lambda s: -s.score)


_QUESTIONS_LABEL = re.compile(r"\bquestions?\b", re.I)
_ASKING = re.compile(
    r"(?:describe|tell me|give (?:me )?an example|explain|walk me through|how|what|why|when)\b",
    re.I,
)
_ANSWER = re.compile(r"\banswer\b|\bI\b", re.I)


def is_prompt(unit: Unit) -> bool:
    """Is this unit a question rather than an answer: an interview prompt written down to
    rehearse ("How do you prioritise...?", or any line labelled "Behavioral questions")?"""
    if unit.text.rstrip(" )\"'").endswith("?"):
        return True
    body = _LABEL.sub("", unit.text)
    return bool(
        _QUESTIONS_LABEL.search(unit.context) and _ASKING.match(body) and not _ANSWER.search(body)
    )


def only_prompts(chunk: Chunk) -> bool:
    """Does the chunk hold questions only (nothing in it answers anything)?"""
    return all(is_prompt(u) for u in units(chunk))


# A passage that states a taste: an interests or hobbies section, or "I love", "enjoy"...
_TASTE = re.compile(
    r"\b(?:interests?|interested|hobb(?:y|ies)|enjoy\w*|lov(?:e|es|ed|ing)|passion\w*|"
    r"favou?rite\w*|likes?|prefer\w*|fun|free time|spare time|outside (?:of )?work|fan|"
    r"because|why|reasons?|values?|care (?:about|a lot)|believe|motivat\w*|want\w*|"
    r"looking for|seeking|drawn to|goals?|aim)\b",
    re.I,
)


def answers_taste(unit: Unit, asked: Asked) -> bool:
    """Can this unit answer a question about a taste ("what music do you like?") or a stance
    ("why did you leave?", "what do you value?")? Only if it states one, or if the question's
    subject, in its own word, is what the unit's section lists ("which project did you enjoy
    most?" and a Projects section; a favourite app is not a project, nor a favourite course
    a line of courses). A project named "Music Streaming Platform" is a project, not a taste
    in music."""
    where = f"{unit.chunk.section} {unit.context}".replace("_", " ")
    if _TASTE.search(f"{unit.text} {where} {unit.chunk.title}"):
        return True
    kinds = set(terms(unit.chunk.section.replace("_", " ")))  # the word itself, no synonym
    return any(t in kinds for t in asked.subject)


# A sentence that gives a reason or a value in the owner's words.
_REASON = re.compile(
    r"\b(?:because|so that|reasons?|why|motivat\w*|passion\w*|lov(?:e|ed|ing)|enjoy\w*|"
    r"fascinat\w*|drawn to|inspired|wanted to|decided|chose|interest(?:ed)? in|"
    r"care (?:about|a lot)|believe)\b",
    re.I,
)


def gives_reason(unit: Unit) -> bool:
    """Does the unit give a reason or a value ("I chose it because...", "I care about...")?"""
    return bool(_REASON.search(f"{unit.context} {unit.text}")) and not is_prompt(unit)


_COUNT = (
    r"(?:[1-9]\d*\+?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
)
# "a 3-person team", "the data team has 6 people", "Team size managed: 3", "team of five"
_TEAM_SIZE = re.compile(
    rf"\b{_COUNT}[\s-]*(?:person|people|member|engineer|developer|analyst|strong)?s?\s+"
    rf"(?:\w+\s+)?team\b|\bteam\b[^.;:]{{0,30}}\b(?:has|of|with)\s+{_COUNT}\b|"
    rf"\bteam\s+size[^:]{{0,20}}:\s*{_COUNT}",
    re.I,
)


def team_sizes(chunks: Sequence[Chunk]) -> list[Unit]:
    """The units that say how big a team the owner works in or leads, in profile order."""
    return [u for c in chunks for u in units(c) if _TEAM_SIZE.search(u.text)]


# A sentence saying what the owner loves in their work, in their own words.
_LOVES = re.compile(
    r"\b(?:lov(?:e|es|ed|ing)|enjoy\w*|passion\w*|care (?:about|a lot|deeply)|excit\w*|"
    r"favou?rite|motivated by|drives? me|keen on)\b",
    re.I,
)


def tastes(hits: Sequence[Hit], asked: Asked) -> list[Scored]:
    """The units of the hits whose own words say what the owner loves ("I love turning messy
    data into answers"), best first: what answers "what do you love about your work?"."""
    scored = [
        Scored(u, 1.0 + asked.score(u) + 0.1 * (len(hits) - rank))
        for rank, hit in enumerate(hits)
        for u in units(hit.chunk)
        if _LOVES.search(u.text) and not is_prompt(u)
    ]
    return sorted(scored, key=lambda s: -s.score)


def wants_numbers(question: str) -> bool:
    """Does the question ask for results (an achievement's figures)?"""
    return bool(_WANTS_NUMBERS.search(question))


# A web address: "https://github.com/...", "www.example.com", "richardhendricks.example.com".
_URL = re.compile(
    r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|app|dev|org|net|me|co|au|uk)\b",
    re.I,
)
_OWN = re.compile(r"about|basics|personal|contact|profile|links", re.I)
_PROFILE_SITE = re.compile(r"github\.com|linkedin\.com|gitlab\.com|twitter\.com|x\.com", re.I)


def links(chunks: Sequence[Chunk]) -> list[Unit]:
    """The units that give a web address, the owner's own first (an about or contact section,
    then a GitHub or LinkedIn profile), each group in profile order; any other address (a
    project's, a university's) only when there is none of those."""
    found = [u for c in chunks for u in units(c) if _URL.search(u.text)]

    def rank(unit: Unit) -> int:
        if _OWN.search(unit.chunk.section):
            return 0
        return 1 if _PROFILE_SITE.search(unit.text) else 2

    ranked = sorted(found, key=rank)
    return [u for u in ranked if rank(u) == rank(ranked[0]) or rank(u) < 2] if ranked else []
