"""The answer without a model: what a person would say reading their own notes aloud.

It says plainly that no model answered, then quotes the profile, choosing as a person would:
"where do you work now?" quotes the role marked present (or the latest one), "what languages
do you know?" quotes the list, "before/after X" follows the order of the timeline, "where are
you based?" quotes the location, anything else the lines of the best matching chunks. A fact
said twice in the profile (a section and a reworded chunk) is quoted once, and answers stay
short enough to read in chat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.persona import passages, timeline
from core.persona.chunks import norm_key
from core.persona.identity import identity
from core.persona.passages import PRIVATE_MARK
from core.persona.profile import Chunk, Profile
from core.persona.retrieval import Hit, knows, overlap, stem, terms
from core.persona.understanding import covered, expand, is_injection, topic, topic_named

DEGRADED_INTRO = "I'm answering without my AI model right now"
EXCERPT_CHARS = 300  # one quote
LIST_CHARS = 400  # a list is quoted whole up to here
MAX_QUOTES = 2
SAME_FACT = 0.6  # share of a quote's terms already said that makes it a repeat


@dataclass(frozen=True)
class Degraded:
    """A degraded answer, and whether it quotes the profile at all (if not, it is a gap)."""

    text: str
    quoted: bool
    sources: tuple[str, ...] = ()  # the titles quoted


@dataclass(frozen=True)
class _Quote:
    title: str
    text: str
    source: str  # everything the quoted chunk says, to spot rewordings of it

    def render(self) -> str:
        return f'- {self.title}: "{self.text}"'


# --- what is asked ------------------------------------------------------------------------

_LEAD = r"^\s*(?:(?:and|so|but|ok|okay|also|then)\b[\s,]*)?"
_PRESENT = re.compile(
    r"\b(?:now|nowadays|currently|current|at the moment|these days|at present|presently|today)\b"
)
_JOBBY = re.compile(
    r"\b(?:work|working|job|role|position|title|company|employer|employed|occupation|"
    r"for a living|doing)\b"
)
_WHERE_WORK = re.compile(
    _LEAD + r"(?:where|who|which company|what company) do you work(?: for| at)?\b"
    r"(?:\s+(?:now|currently|these days|at the moment|nowadays|today))?\s*\??\s*$"
)
_WHAT_DO = re.compile(
    _LEAD + r"what do you do\b(?:\s+(?:now|currently|these days|at the moment|nowadays|today|"
    r"for (?:a living|work)))?\s*\??\s*$"
)
_YOUR_JOB = re.compile(
    _LEAD + r"(?:what|who|which)(?:'s| is) your (?:current |present )?(?:job|role|position|"
    r"(?:job )?title|employer|company|occupation)\s*\??\s*$"
)
_ORDER = re.compile(
    r"\b(?P<dir>before|after|prior to|previous to|following|preceding)\s+"
    r"(?:(?:you\s+)?(?:joined|joining|join|started at|starting at|moved to|working at|working for|"
    r"worked at|worked for|your (?:time|job|role|work) (?:at|with))\s+)?(?P<x>.+?)\s*[?.!]*\s*$"
)
_FIRST = re.compile(
    r"\b(?:first|earliest)\s+(?:\w+\s+){0,2}?(?:job|role|position|employer|work|company)\b"
    r"(?!\s+after)|\bstart(?:ed)? (?:your|my) career\b"
)
_PREVIOUS = re.compile(
    r"\b(?:previous|last|prior|former)\s+(?:job|role|position|employer|company)\b"
)
_WHERE_BASED = re.compile(
    r"\bwhere\b.*\b(?:based|live|living|located|from|reside)\b|\b(?:which|what) (?:city|country|"
    r"town)\b|^\s*where are you\s*\??\s*$"
)
_INDUSTRY = re.compile(
    r"\b(?:what|which) (?:industry|sector|field|line of business)\b(?!.*\b(?:interest|want|like)\w*)"
)
_DUTIES = re.compile(
    r"\b(?:day to day|day-to-day|typical (?:work ?)?day|responsibilit\w*|duties|what does your "
    r"(?:current |present )?(?:role|job|position|work) involve)\b"
)
_LIST_START = re.compile(_LEAD + r"(?:what|which|list|name)\b|\bany\s+[a-z]+s\b")
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous|ics)$")
_LOCATION_WORDS = re.compile(
    r"\b(?:based|live|lives|living|located|location|city|hometown|home town|region|"
    r"(?:i'm|i am|come|originally) from)\b",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    """What kind of question it is: injection | about | current | before | after | first |
    previous | where | topic | list | fact."""

    kind: str
    anchor: str = ""  # the X of "before X"; for kind "topic", the topic's name


_THIS_ONE = re.compile(r"^(?:this|that|it|then|now|this one|that one|your current \w+|"
                       r"(?:my|your|the) (?:current|present) (?:job|role|position|company))$")


def intent(question: str) -> Intent:
    """Read the kind of question from its wording."""
    q = " ".join(question.lower().replace("’", "'").split())
    if is_injection(question):
        return Intent("injection")
    found = topic(q)
    if found is not None and found.name in ("about", "describe"):
        return Intent("about")
    order = _ORDER.search(q)
    if order and terms(order.group("x")):
        direction = order.group("dir")
        if _THIS_ONE.match(order.group("x")) and direction not in ("after", "following"):
            return Intent("previous")
        kind = "after" if direction in ("after", "following") else "before"
        return Intent(kind, order.group("x"))
    if _FIRST.search(q):
        return Intent("first")
    if _PREVIOUS.search(q) and not q.startswith("why"):
        return Intent("previous")
    if (
        (_PRESENT.search(q) and _JOBBY.search(q))
        or _WHERE_WORK.search(q)
        or _WHAT_DO.search(q)
        or _YOUR_JOB.search(q)
        or (found is not None and found.name == "current_work")
    ):
        return Intent("current")
    if _INDUSTRY.search(q) or _DUTIES.search(q):
        return Intent("current")
    if _WHERE_BASED.search(q):
        return Intent("where")
    if found is not None and found.name == "history":
        return Intent("history")
    if found is not None:
        return Intent("topic", found.name)
    words = re.findall(r"[a-z]+", q)
    plural = [w for w in words if len(w) > 3 and w.endswith("s") and not _NOT_PLURAL.search(w)]
    if _LIST_START.search(q) and [w for w in plural if terms(w)]:
        return Intent("list")
    return Intent("fact")


# --- quoting ------------------------------------------------------------------------------


def _trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind("; "))
    if sentence_end >= limit * 0.5:
        return cut[: sentence_end + 1].rstrip(";") + " …"
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut + "…"


def excerpt(
    chunk: Chunk,
    question: str,
    limit: int = EXCERPT_CHARS,
    ignore: frozenset[str] = frozenset(),
) -> str:
    """The sentences of a chunk that best answer the question, in their order, trimmed; the
    first ones when nothing in it matches. Sentences that held a private value are left out.
    `ignore`: question terms that say nothing here (the job words of "in your current job")."""
    pieces = passages.units(chunk)
    if not pieces:
        return ""
    asked = passages.Asked(question, expand(question), ignore) if question else None
    scored = passages.in_chunks([chunk], asked) if asked is not None and asked.subject else []
    if not scored:
        chosen = _fill([u for u in pieces], limit)
    else:
        floor = 0.6 * scored[0].score
        chosen = _fill([s.unit for s in scored if s.score >= floor], limit)
    chosen.sort(key=lambda u: u.index)
    return _trim(" · ".join(_unit_text(u) for u in chosen), limit)


def _unit_text(unit: passages.Unit) -> str:
    return unit.text


def _fill(candidates: Sequence[passages.Unit], limit: int) -> list[passages.Unit]:
    chosen: list[passages.Unit] = []
    size = 0
    for unit in candidates:
        if chosen and size + len(unit.text) > limit:
            break
        chosen.append(unit)
        size += len(unit.text) + 3
    return chosen


def _quote(chunk: Chunk, text: str) -> _Quote:
    return _Quote(chunk.title, text, f"{chunk.title}\n{chunk.text}")


def _entry_quote(entry: timeline.Entry, question: str) -> _Quote:
    if entry.line and PRIVATE_MARK not in entry.line:
        return _quote(entry.chunk, _trim(entry.line, EXCERPT_CHARS))
    return _quote(entry.chunk, excerpt(entry.chunk, question, EXCERPT_CHARS, _JOB_TERMS))


_JOB_TERMS = frozenset(
    terms("job role position title work working company employer occupation living doing busy "
          "current currently present now")
)


def _shared(one: str, other: str) -> float:
    """Share of the smaller text's terms that the other has too (1.0: says nothing new)."""
    a, b = set(terms(one)), set(terms(other))
    small = min(len(a), len(b))
    if not small:
        return 1.0 if not a else 0.0
    share = len(a & b) / small
    return share if small >= 4 or share == 1.0 else 0.0


def _repeats(new: _Quote, said: Sequence[_Quote]) -> bool:
    """Does `new` only reword what an earlier quote (or the chunk it came from) says?"""
    mine = f"{new.title} {new.text}"
    return any(
        max(_shared(mine, f"{q.title} {q.text}"), _contained(mine, q.source)) >= SAME_FACT
        for q in said
    )


def _contained(small: str, big: str) -> float:
    a, b = set(terms(small)), set(terms(big))
    return len(a & b) / len(a) if a else 1.0


def _distinct(quotes: Sequence[_Quote], limit: int = MAX_QUOTES) -> list[_Quote]:
    kept: list[_Quote] = []
    for q in quotes:
        if len(kept) < limit and q.text and not _repeats(q, kept):
            kept.append(q)
    return kept


# --- per kind of question -----------------------------------------------------------------


def _ranked(entries: Sequence[timeline.Entry], hits: Sequence[Hit]) -> list[timeline.Entry]:
    """Entries whose chunk was retrieved first (best hit first), then the rest in order."""
    rank = {h.chunk.id: i for i, h in enumerate(hits)}
    return sorted(entries, key=lambda e: (rank.get(e.chunk.id, len(rank)), e.order))


def _unpaid(entry: timeline.Entry) -> bool:
    """A volunteering or mentoring role: not what "your job" means."""
    return bool(_VOLUNTEER.search(f"{entry.chunk.section} {entry.chunk.title}"))


_VOLUNTEER = re.compile(r"volunteer|mentor|charity|community", re.I)


def _current(profile: Profile, hits: Sequence[Hit], question: str) -> list[_Quote]:
    jobs = timeline.entries(profile.chunks)
    now = [e for e in jobs if e.current] or timeline.latest_first(jobs)[:1]
    paid = [e for e in now if not _unpaid(e)]
    now = paid or now
    seen_starts: set[tuple[int, int]] = set()
    quotes = []
    for entry in _ranked(now, hits):
        if entry.start in seen_starts:
            continue  # the same job told twice (a section and a "current role" chunk)
        seen_starts.add(entry.start)
        quotes.append(_entry_quote(entry, question))
    return _distinct(quotes)


_FAR = (9999, 12)  # the end of a job still held, for sorting
_STUDIES = re.compile(
    r"\b(?:graduat\w*|universit\w*|college|school|studies|studying|degree|masters?|bachelor'?s?|"
    r"phd|diploma|uni)\b"
)


def _anchored(
    profile: Profile, jobs: Sequence[timeline.Entry], anchor: str
) -> tuple[list[timeline.Entry], list[timeline.Entry], str]:
    """The entries that are X (best match of the anchor), the others of the same kind, and
    which kind: jobs, else studies ("after graduating", "before Victoria University")."""
    studies = timeline.entries(profile.chunks, "education")
    pools = [(jobs, "job"), (studies, "education")]
    if _STUDIES.search(anchor):
        pools.reverse()
    for pool, kind in pools:
        fit = [(overlap(anchor, e.text), e) for e in pool]
        best = max((score for score, _ in fit), default=0)
        if best:
            return [e for s, e in fit if s == best], [e for s, e in fit if s < best], kind
    if _STUDIES.search(anchor) and studies:  # "after graduating": the latest studies
        latest = timeline.latest_first(studies)[0]
        return [latest], [], "education"
    return [], [], ""


def _around(profile: Profile, jobs: Sequence[timeline.Entry], how: Intent) -> timeline.Entry | None:
    """The job just before or after X (for "previous": before the current job)."""
    if how.kind == "previous":
        anchors = [e for e in jobs if e.current and not _unpaid(e)] or timeline.latest_first(
            [e for e in jobs if not _unpaid(e)] or list(jobs)
        )[:1]
        others, kind = [e for e in jobs if e not in anchors], "job"
    else:
        anchors, others, kind = _anchored(profile, jobs, how.anchor)
        if not anchors:
            return None
        if kind == "education":
            others = list(jobs)  # after my studies: the job that came next
    paid = [e for e in others if not _unpaid(e)] or others
    if how.kind == "after":
        if kind == "education":
            end = max((a.end or a.start) for a in anchors)
            later = [e for e in paid if e.start >= (end[0], 0) and e not in anchors]
        else:
            start = min(a.start for a in anchors)
            later = [e for e in paid if e.start > start]
        return min(later, key=lambda e: (e.start, e.order), default=None)
    start = min(a.start for a in anchors)
    earlier = [e for e in paid if e.start < start]
    ended = [e for e in earlier if e.end is not None and e.end <= start] or earlier
    return max(ended, key=lambda e: (e.end or _FAR, e.start), default=None)


def _neighbour(profile: Profile, question: str, how: Intent) -> list[_Quote]:
    """First job, previous job, or the one before / after X on the timeline."""
    jobs = timeline.entries(profile.chunks)
    if not jobs:
        return []
    if how.kind == "first":
        pool = [e for e in jobs if not _unpaid(e)] or list(jobs)
        picked: timeline.Entry | None = min(pool, key=lambda e: (e.start, e.end or _FAR, e.order))
    else:
        picked = _around(profile, jobs, how)
    return _distinct([_entry_quote(picked, question)]) if picked else []


_QUESTION_VERBS = re.compile(
    r"\b(?:use|used|using|know|known|have|had|got|hold|held|work|worked|working|speak|"
    r"spoken|like|enjoy|learn|learned|learnt|do|did)\b",
    re.I,
)
_SKILLS_ASKED = re.compile(
    r"\b(?:languages?|skills?|tools?|technolog\w*|tech|stack|frameworks?|software|databases?)\b",
    re.I,
)


def _list_quotes(hits: Sequence[Hit], question: str, profile: Profile) -> list[_Quote]:
    top = [h for h in hits[:3] if h.score >= 0.3 * hits[0].score] if hits else []
    question = _QUESTION_VERBS.sub(" ", question)
    asked = set(terms(question))
    found: list[tuple[int, int, _Quote]] = []
    for rank, hit in enumerate(top):
        chunk = hit.chunk
        lines = [ln for ln in timeline.clean_lines(chunk.text) if PRIVATE_MARK not in ln]
        labelled = False
        for line in lines:
            label, sep, _ = line.partition(":")
            if not sep or len(label) > 50:
                label, sep, _ = line.partition("(")
                sep = sep if len(label) <= 30 and "," not in label else ""
            named = overlap(question, label) if sep and len(label) <= 50 else 0
            if named:
                labelled = True
                exact = len(asked & set(terms(label)))
                score = 3 * exact + 2 * named + overlap(question, line)
                found.append((-score, rank, _quote(chunk, _trim(line, LIST_CHARS))))
        titled = overlap(question, chunk.title)
        exact_title = bool(asked) and set(terms(chunk.title)) <= asked
        if titled and (not labelled or exact_title):
            whole = _trim(" · ".join(lines), LIST_CHARS)
            exact = len(asked & set(terms(chunk.title)))
            found.append((-(3 * exact + 2 * titled), rank, _quote(chunk, whole)))
    found.sort(key=lambda f: (f[0], f[1]))
    if not found and _SKILLS_ASKED.search(question):
        skills = [c for c in profile.chunks if "skill" in f"{c.section} {c.title}".lower()]
        if skills:
            lines = [ln for ln in timeline.clean_lines(skills[0].text) if PRIVATE_MARK not in ln]
            return [_quote(skills[0], _trim(" · ".join(lines), LIST_CHARS))]
    if not found:
        return []
    strong = [q for score, _, q in found if score <= found[0][0] / 2]  # scores are negated
    return _distinct(strong)


def _where(profile: Profile, hits: Sequence[Hit]) -> list[_Quote]:
    based = identity(profile).based
    if based:
        return [_Quote("Location", based, based)]
    about = [c for c in profile.chunks if c.section.lower() in ("about", "personal", "basics")]
    for chunk in [*about, *(h.chunk for h in hits[:3])]:
        for line in timeline.clean_lines(chunk.text):
            found = _LOCATION_WORDS.search(line)
            if found and PRIVATE_MARK not in line and re.search(r"[A-Z][a-z]", line[found.end() :]):
                return [_quote(chunk, _trim(line, EXCERPT_CHARS))]
    return []


def _history(profile: Profile) -> list[_Quote]:
    """Every job on the timeline, earliest first, by its title (a career told in one line)."""
    jobs = [e for e in timeline.entries(profile.chunks) if not _unpaid(e)]
    if not jobs:
        return []
    seen: set[tuple[int, int]] = set()
    steps = []
    for entry in sorted(jobs, key=lambda e: (e.start, e.order)):
        if entry.start in seen:
            continue
        seen.add(entry.start)
        steps.append(_trim(entry.line or entry.chunk.title, 120))
    text = " → ".join(steps)
    return [_Quote("Experience", _trim(text, LIST_CHARS), text)]


def _about(profile: Profile) -> list[_Quote]:
    """Who I am: the summary (or what stands in for it) and the current role."""
    return [
        _Quote(title, _trim(text, EXCERPT_CHARS), text) for title, text in identity(profile).quotes()
    ]


_PREP = re.compile(r"\b(?:interview|weakness|weaknesses|mitigation|talking points?)\b", re.I)


def _from_units(scored: Sequence[passages.Scored], limit: int = MAX_QUOTES) -> list[_Quote]:
    """Quotes of the best units: for each of the best chunks (at most `limit`), its units that
    score nearly as well as the best, then the sentences right after them while the quote
    stays short (a STAR result follows its action), in the chunk's order."""
    if not scored:
        return []
    floor = 0.6 * scored[0].score
    by_chunk: dict[str, list[passages.Unit]] = {}
    for s in scored:
        if s.score < floor:
            break
        picked = by_chunk.setdefault(s.unit.chunk.id, [])
        if len(picked) < 2:
            picked.append(s.unit)
    quotes = []
    for chosen in list(by_chunk.values())[: limit + 1]:
        every = passages.units(chosen[0].chunk)
        size = sum(len(u.text) + 3 for u in chosen)
        after = max(u.index for u in chosen) + 1
        while after < len(every) and size + len(every[after].text) <= EXCERPT_CHARS:
            chosen.append(every[after])
            size += len(every[after].text) + 3
            after += 1
        chosen.sort(key=lambda u: u.index)
        text = " · ".join(_unit_text(u) for u in chosen)
        quotes.append(_quote(chosen[0].chunk, _trim(text, EXCERPT_CHARS)))
    return _distinct(quotes, limit)


def _best_facts(hits: Sequence[Hit], question: str) -> list[_Quote]:
    if not hits:
        return []
    if not _PREP.search(question):
        # Interview rehearsal competes with facts: a person answers from the facts first.
        facts = [
            h
            for h in hits
            if not _PREP.search(f"{h.chunk.section} {h.chunk.title}".replace("_", " "))
        ]
        if facts and facts[0].score >= 0.3 * hits[0].score:
            hits = [*facts, *(h for h in hits if h not in facts)]
    quotes = _from_units(passages.best(hits, passages.Asked(question, expand(question))))
    if quotes or not hits:
        return quotes
    # Retrieval matched, no sentence does (the words are in a title or tag): the best chunk's
    # first sentences, as a person would read out the section they were pointed to.
    return [_quote(hits[0].chunk, excerpt(hits[0].chunk, "", EXCERPT_CHARS))]


def _topic(profile: Profile, hits: Sequence[Hit], question: str, name: str) -> list[_Quote]:
    """An open question: the sections that answer it, else the identity core (for the topics
    it answers), else nothing (not written down)."""
    found = topic_named(name)
    if found is None:
        return []
    wanted = {stem(w) for w in found.sections}
    chunks = [
        c
        for c in profile.chunks
        if wanted & {stem(w) for w in norm_key(f"{c.section} {c.title}").split("_") if w}
    ]
    asked = passages.Asked(question, expand(question))
    if chunks:
        scored = passages.in_chunks(chunks, asked)
        if scored:
            return _from_units(scored)
        return [_quote(chunks[0], excerpt(chunks[0], "", EXCERPT_CHARS))]
    quotes = _from_units(passages.best(hits, asked)) if name in _FROM_FACTS else []
    if quotes:
        return quotes
    return _about(profile) if found.core else []


# Open questions any fact may answer (an achievement is wherever the profile tells one).
_FROM_FACTS = {"proud", "strengths", "why_hire", "work_with", "learning", "motivation"}


_INTROS = {
    "about": "so here is who I am, from my profile:",
    "history": "so here are the roles in my profile, earliest first:",
    "current": "so here is my current role as my profile has it:",
    "before": "so here is the role before that one in my profile:",
    "previous": "so here is the role before my current one in my profile:",
    "after": "so here is the role that came next in my profile:",
    "first": "so here is the earliest role in my profile:",
    "list": "so here is the list from my profile:",
    "where": "so here is where my profile says I'm based:",
}
_FACT_INTRO = "so here is what my profile says that best matches your question:"
INJECTION_REPLY = (
    "I'm a digital twin: I answer questions about my work, projects and studies, and I keep my"
    " instructions to myself. What would you like to know?"
)


_THANKS = re.compile(r"\b(?:thanks?|thx|ty|cheers|appreciated?)\b", re.I)
_BYE = re.compile(r"\b(?:bye|goodbye|see (?:you|ya)|take care)\b", re.I)


def small_talk_reply(profile: Profile, question: str) -> Degraded:
    """A greeting, thanks or goodbye answered as a person would, without a model: who I am and
    what to ask, instead of "that isn't something I've written down"."""
    if _BYE.search(question):
        return Degraded("Bye for now - thanks for dropping by!", quoted=False)
    if _THANKS.search(question):
        opening = "You're welcome!"
    else:
        core = identity(profile)
        name = profile.name or core.name
        who = f"{name}'s digital twin" if name else "a digital twin"
        headline = profile.headline or core.title
        about = f" ({headline})" if headline else ""
        opening = f"Hi! I'm {who}{about}."
    text = (
        f"{opening} {DEGRADED_INTRO}, so I answer from my profile: ask me about my work,"
        " projects or studies."
    )
    return Degraded(text, quoted=False)


def degraded_reply(
    profile: Profile,
    hits: Sequence[Hit],
    no_answer: str,
    *,
    question: str = "",
    small_talk: bool = False,
) -> Degraded:
    """The answer from the profile alone, and whether it quoted anything (if not, the question
    is a gap). `small_talk` (a greeting, thanks) is answered in kind when no fact was asked
    for; "who are you" and "tell me about yourself" quote who I am."""
    how = intent(question) if question else Intent("fact")
    if how.kind == "injection":
        return Degraded(f"{DEGRADED_INTRO}. {INJECTION_REPLY}", quoted=False)
    if small_talk and question and how.kind != "about":
        return small_talk_reply(profile, question)
    quotes: list[_Quote] = []
    if how.kind == "about":
        quotes = _about(profile)
    elif how.kind == "current":
        quotes = _current(profile, hits, question)
    elif how.kind in ("before", "after", "first", "previous"):
        quotes = _neighbour(profile, question, how)
    elif how.kind == "where":
        quotes = _where(profile, hits)
    elif how.kind == "history":
        quotes = _history(profile)
    elif how.kind == "topic":
        quotes = _topic(profile, hits, question, how.anchor)
    elif covered(question, lambda t: knows(profile.chunks, t)):
        if how.kind == "list" and not passages.wants_numbers(question):
            quotes = _list_quotes(hits, expand(question), profile)
        if not quotes:
            quotes, how = _best_facts(hits, question), Intent("fact")
    intro = _INTROS.get(how.kind, _FACT_INTRO)
    if how.kind == "about":
        name = profile.name or identity(profile).name
        intro = f"so here is who I am ({name}), from my profile:" if name else intro
    if not quotes and how.kind in ("current", "before", "after", "first", "previous", "where"):
        if covered(question, lambda t: knows(profile.chunks, t)):
            quotes, intro = _best_facts(hits, question), _FACT_INTRO
    if not quotes:
        return Degraded(f"{DEGRADED_INTRO}. {no_answer.strip()}", quoted=False)
    text = "\n".join([f"{DEGRADED_INTRO}, {intro}", *(q.render() for q in quotes)])
    return Degraded(text, quoted=True, sources=tuple(dict.fromkeys(q.title for q in quotes)))


def chunks_for(profile: Profile, hits: Sequence[Hit], question: str) -> tuple[Chunk, ...]:
    """The chunks that answer a question by its kind rather than its words: the current job,
    the job before or after X, the first one, the sections of an open question, the skills
    list. The model path adds them to what retrieval found (`core.persona.recall`)."""
    how = intent(question)
    found: list[Chunk] = []
    jobs = timeline.entries(profile.chunks)
    if how.kind == "current" and jobs:
        now = [e for e in jobs if e.current] or timeline.latest_first(jobs)[:1]
        found += [e.chunk for e in ([e for e in now if not _unpaid(e)] or now)]
    elif how.kind in ("before", "after", "first", "previous") and jobs:
        if how.kind == "first":
            pool = [e for e in jobs if not _unpaid(e)] or list(jobs)
            found.append(min(pool, key=lambda e: (e.start, e.end or _FAR, e.order)).chunk)
        else:
            picked = _around(profile, jobs, how)
            if picked is not None:
                found.append(picked.chunk)
            if how.kind == "previous":
                now = [e for e in jobs if e.current and not _unpaid(e)]
                found += [e.chunk for e in now[:1]]
            else:
                found += [e.chunk for e in _anchored(profile, jobs, how.anchor)[0][:1]]
    elif how.kind == "topic":
        t = topic_named(how.anchor)
        if t is not None:
            wanted = {stem(w) for w in t.sections}
            found += [
                c
                for c in profile.chunks
                if wanted & {stem(w) for w in norm_key(f"{c.section} {c.title}").split("_") if w}
            ][:2]
    elif how.kind == "history":
        found += [e.chunk for e in jobs if not _unpaid(e)][:4]
    elif how.kind == "list" and _SKILLS_ASKED.search(question):
        found += [c for c in profile.chunks if "skill" in f"{c.section} {c.title}".lower()][:2]
    return tuple(dict.fromkeys(found))


def degraded_answer(
    profile: Profile, hits: Sequence[Hit], no_answer: str, *, question: str = ""
) -> str:
    """An answer from the profile alone: says so plainly, then quotes the facts asked for."""
    return degraded_reply(profile, hits, no_answer, question=question).text
