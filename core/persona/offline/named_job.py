"""The job a question names by its employer ("what did you achieve at Brightwell?", "when did
you join Northwind Freight?", "what was your title at Ztechx?", "what does Contellect do?"),
and what the question asks of it: when I was there, my title, the tools I used, my results or
anything else it says. A past job named this way is that job, not the current one, whatever
the question's words share with other sections."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline import passages, results, tools_used
from core.persona.profiles import timeline
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.asking import SKILLS_ASKED
from core.persona.questions.stance import asks_preference
from core.persona.questions.understanding import GENERIC, expand
from core.persona.search.retrieval import STOPWORDS, members_of, synonyms_of, terms

# "Data Engineer at Northwind Freight (March 2022 - present)": the employer after "at".
_AT = re.compile(r"\s(?:at|@|with|for)\s+(?P<name>[^()\n]+?)\s*(?:\(|$|[|·,–—-]\s)", re.I)
_DATES = re.compile(r"\(?[^()]*\b(?:19|20)\d\d\b[^()]*\)?")
_LEGAL = frozenset(terms("inc llc ltd limited plc gmbh corp corporation co company group"))
# Before the name: "at X", "join X", "X's business", "what does X do".
_FRAME = re.compile(
    r"\b(?:at|with|for|in|join(?:ed|ing)?|leav\w*|left|quit|start(?:ed)? at|after|before|"
    r"does|did|is|was|about)\s+(?:the\s+)?$",
    re.I,
)
# What the question asks of the job.
WHEN_ASKED = re.compile(
    r"\b(?:when did (?:you|u|it|(?:your|ur) \w+(?: \w+)?) (?:\w+ )?(?:join|leave|left|quit|start|"
    r"begin|finish|stop|move|end)|"
    r"(?:what|which) year did (?:you|u) (?:join|leave|start|begin|finish|quit)|how long|"
    r"since when|how many (?:years|months)|still (?:at|with|work\w*|employed)|"
    r"are (?:you|u) still)\b",
    re.I,
)
TITLE_ASKED = re.compile(
    r"\b(?:(?:job )?title|position|what (?:was|is|were) (?:your|ur) (?:role|job)|"
    r"(?:role|job) (?:was|were) (?:you|u)|what (?:were|was) (?:you|u) (?:hired )?as)\b",
    re.I,
)
_COMPANY_ASKED = re.compile(
    r"\bwhat (?:does|did) (?!(?:you|u|ya|your|ur)\b)(?P<x>.+?) (?:\w+ )?"
    r"(?:do|make|sell|build|offer|produce)\b|"
    r"\b(?:what|which) (?:kind|sort|type) of "
    r"(?:company|business|firm|organi[sz]ation|place) (?:is|was)\b|'s (?:business|product)\b",
    re.I,
)
_CONTEXT = re.compile(r"^(?:company context|summary|about|description|context)\b", re.I)


def employer_terms(entry: timeline.Entry) -> frozenset[str]:
    """The distinctive terms of the employer an entry names (its title after "at", or its own
    line), without dates, legal forms and generic words."""
    head = entry.chunk.title if not entry.line else entry.line
    found = _AT.search(f" {head} ")
    name = found.group("name") if found else (entry.line or entry.chunk.title)
    name = _DATES.sub(" ", name)
    return frozenset(
        t
        for t in terms(name)
        if t not in _LEGAL and t not in GENERIC and len(t) >= 3 and not t.isdigit()
    )


def _framed(question: str, term: str) -> bool:
    """Is the term written as a name in the question (a capital) or after a word that
    introduces a place ("at", "join", "after")?"""
    for match in re.finditer(r"[^\W_][\w&.'’+-]*", question):
        word = match.group(0)
        if term not in terms(word):
            continue
        if word[0].isupper() and match.start() > 0:
            return True
        if _FRAME.search(question[: match.start()]):
            return True
    return False


def named(profile: Profile, question: str) -> list[timeline.Entry]:
    """The jobs whose employer the question names, best named first ([] when none is)."""
    asked = {t for t in terms(question) if t not in STOPWORDS}
    scored: list[tuple[int, timeline.Entry]] = []
    for entry in timeline.entries(profile.chunks):
        common = [
            t
            for t in employer_terms(entry) & asked
            if not synonyms_of(t) and not members_of(t) and _framed(question, t)
        ]
        if common:
            scored.append((len(common), entry))
    if not scored:
        return []
    top = max(n for n, _ in scored)
    return [e for n, e in scored if n == top]


def _chunks(profile: Profile, jobs: Sequence[timeline.Entry]) -> list[Chunk]:
    """The jobs' chunks, then other chunks whose title names the same employer (a job told
    again as an achievement: "Streaming migration at Northwind Freight")."""
    own = list(dict.fromkeys(e.chunk for e in jobs if not e.line))
    names = set().union(*(employer_terms(e) for e in jobs))
    more = [
        c
        for c in profile.chunks
        if c not in own and names and names <= set(terms(c.title)) and not timeline.is_job_chunk(c)
    ]
    return [*own, *more]


def dated_unit(entry: timeline.Entry) -> passages.Unit | None:
    """The unit of a job that carries its dates (its line, or the first dated line)."""
    every = passages.units(entry.chunk)
    if entry.line:
        return next((u for u in every if u.text == entry.line), None)
    return next((u for u in every if timeline.when(u.text, single_year=True)), None)


def asked_of(
    profile: Profile, question: str, jobs: Sequence[timeline.Entry]
) -> list[passages.Scored]:
    """The units of the named jobs that answer the question, best first: for when or my title,
    the job's own dated line (its title says them too, and is quoted with it); for tools, the
    line naming them; for results, the figures; else the sentences that match the question
    without the employer's name, or the job's description for "what does X do?"."""
    chunks = _chunks(profile, jobs)
    if not chunks or asks_preference(question):
        return []  # "why did you quit X?": a reason, which the job's facts do not state
    names = frozenset().union(*(employer_terms(e) for e in jobs))
    asked = passages.Asked(question, expand(question), names | _JOB_WORDS)
    if WHEN_ASKED.search(question) or (TITLE_ASKED.search(question) and not asked.subject):
        line = dated_unit(jobs[0])
        first = line or next(iter(passages.units(jobs[0].chunk)), None)
        return [passages.Scored(first, 1.0)] if first else []
    if _COMPANY_ASKED.search(question):
        context = [
            u for c in chunks for u in passages.units(c) if _CONTEXT.match(u.context or u.text)
        ]
        if context:
            return [passages.Scored(u, 1.0) for u in context[:1]]
    unnamed = _without(question, names)  # "Barnamala Tech": a name, not "tech" asked
    if SKILLS_ASKED.search(unnamed) or tools_used.TOOLS_ASKED.search(unnamed):
        found = tools_used.naming_tools(profile, chunks)
        if found:
            return found
    if results.asks_results(asked.subject):
        found = [s for s in results.stated(chunks, asked) if not _ABOUT_FIRM.match(s.unit.context)]
        if found:
            return found
    scored = passages.in_chunks(chunks, asked) if asked.subject else []
    duties = results.asks_results(asked.subject) or _DUTIES.search(question)
    if scored and not duties:
        return scored
    if asked.subject and not duties:
        return []  # "do you sail on the Douro?": the job holds nothing of what is asked
    # "what did you do at X?", its duties or wins in no words of the question: what I did
    # there (the lines of responsibilities, highlights, actions), before what the firm is
    every = [u for c in chunks[:1] for u in passages.units(c)]
    doing = [u for u in every if _DOING.match(u.context)]
    if results.asks_results(asked.subject):  # the results told first
        doing.sort(key=lambda u: not _RESULT.match(u.text))
    elif _DUTY.search(question):  # my duties as summed up (a JSON Resume job's summary)
        told = [u for u in every if _SUMMED_UP.match(u.context) and u not in doing]
        doing = [u for u in doing if _DUTY.match(u.context)] + told + doing
    rest = [u for u in every if u not in doing and not _ABOUT_FIRM.match(u.context or u.text)]
    ordered = list(dict.fromkeys([*doing, *rest]))
    return [passages.Scored(u, 1.0 - 0.01 * n) for n, u in enumerate(ordered)]


def _without(question: str, names: frozenset[str]) -> str:
    """The question without the words of the employer's name."""
    words = re.findall(r"\S+", question)
    return " ".join(w for w in words if not set(terms(w)) & names)


def states_duties(entry: timeline.Entry) -> bool:
    """Does a job state its duties (a line of responsibilities, or its own summary)?"""
    return any(
        _DUTY.search(u.context) or _SUMMED_UP.match(u.context) for u in passages.units(entry.chunk)
    )


def what_i_did(units: Sequence[passages.Unit]) -> str:
    """The first line of a job saying what I did there (not where the firm is, or its site)."""
    doing = [u for u in units if _DOING.match(u.context)]
    rest = [u for u in units if not _ABOUT_FIRM.match(u.context or u.text)]
    return next((u.text for u in [*doing, *rest, *units]), "")


_DUTIES = re.compile(
    r"\b(?:responsib\w*|duties|day to day|day-to-day|involve[sd]?|what did (?:you|u) do|"
    r"(?:typical|normal|usual|average|ordinary) (?:work ?)?(?:day|week)|"
    r"what do (?:you|u) do|wins?|accomplish\w*|achiev\w*|impact)\b",
    re.I,
)
_DOING = re.compile(
    r"(?:responsibilit|highlight|achievement|action|result|duties|accomplishment|impact|"
    r"leadership)",
    re.I,
)
_RESULT = re.compile(r"(?:result|impact|outcome)\b", re.I)
_DUTY = re.compile(r"(?:responsib|duties|day[- ]to[- ]day)", re.I)
_SUMMED_UP = re.compile(r"(?:summary|description)$", re.I)
_ABOUT_FIRM = re.compile(
    r"(?:website|url|company context|context|summary|team structure|location|manager|budget|"
    r"team size|duration|start date|end date|https?:)",
    re.I,
)


_JOB_WORDS = frozenset(
    terms("job role position title work working company employer time there doing do did")
)
