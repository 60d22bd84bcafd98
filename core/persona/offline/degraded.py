"""The answer without a model: what a person would say reading their own notes aloud.

It says plainly that no model answered, then quotes the profile, choosing as a person would
(the kind of question is read by `asking`): "tell me about yourself" quotes the summary and the
current role, "where do you work now?" the role held now, "what languages do you know?" the
list, "before/after X" and "where did you work the longest?" follow the timeline (`roles`),
"where do you live?" the public city, "how big is your team?" the sentence that counts it, an
open question the sections that answer it, anything else the sentences that answer it
(`passages`). A question whose subject the profile does not hold is "not written down" (and a
gap), not an unrelated quote. A fact said twice is quoted once; answers stay short for chat.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core.persona.facts import concepts
from core.persona.offline import (
    degrees,
    holding,
    job_answers,
    judgement,
    lists,
    passages,
    results,
    stated,
    tools_used,
)
from core.persona.offline.holding import HIGH_SCHOOL, kind_words_held, names_kind
from core.persona.offline.passages import PRIVATE_MARK
from core.persona.offline.quotes import EXCERPT_CHARS, MAX_QUOTES, Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.asking import SKILLS_ASKED, Intent, intent
from core.persona.questions.chat import written_out
from core.persona.questions.opener_shape import how_i_got_here
from core.persona.questions.openers import is_opener, second_person, texting
from core.persona.questions.roles import (
    anchored,
    around,
    current_entries,
    first_entry,
    held_longest,
    this_month,
    topic_chunks,
    unpaid,
)
from core.persona.questions.small_talk import DEGRADED_INTRO, Degraded, small_talk_reply
from core.persona.questions.stance import asks_moment, asks_preference, asks_reason
from core.persona.questions.twin_nature import asks_what_you_are, what_i_am
from core.persona.questions.understanding import covered, expand, topic_named
from core.persona.search.retrieval import Hit, knows, synonyms_of, terms

__all__ = ["DEGRADED_INTRO", "EXCERPT_CHARS", "Degraded", "Intent", "degraded_reply", "intent"]


# --- quoting ------------------------------------------------------------------------------


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
    return trim(" · ".join(_unit_text(u) for u in chosen), limit)


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


def _entryquote(entry: timeline.Entry, question: str) -> Quote:
    if entry.line and PRIVATE_MARK not in entry.line:
        return quote(entry.chunk, trim(entry.line, EXCERPT_CHARS))
    return quote(entry.chunk, excerpt(entry.chunk, question, EXCERPT_CHARS, _JOB_TERMS))


_JOB_TERMS = frozenset(
    terms(
        "job role position title work working company employer occupation living doing busy "
        "current currently present now"
    )
)


# --- per kind of question -----------------------------------------------------------------


def _ranked(entries: Sequence[timeline.Entry], hits: Sequence[Hit]) -> list[timeline.Entry]:
    """Entries whose chunk was retrieved first (best hit first), then the rest in order."""
    rank = {h.chunk.id: i for i, h in enumerate(hits)}
    return sorted(entries, key=lambda e: (rank.get(e.chunk.id, len(rank)), e.order))


def _current(profile: Profile, hits: Sequence[Hit], question: str) -> list[Quote]:
    now = _ranked(current_entries(profile), hits)
    asked = passages.Asked(question, expand(question), _JOB_TERMS)
    quotes = []
    for start in dict.fromkeys(e.start for e in now):
        # the same job told twice (a section and a "current role" chunk), or cut in parts
        same = [e for e in now if e.start == start]
        whole = [e.chunk for e in same if not e.line]
        scored = passages.in_chunks(whole, asked)
        if SKILLS_ASKED.search(question):  # "what tools do you use in your current job?"
            scored = tools_used.naming_tools(profile, whole) or scored
        elif results.asks_results(asked.subject):  # "any wins in your present job?"
            scored = results.stated(whole, asked) or scored
        if asked.subject and scored:
            quotes += _from_units(scored, limit=1)
        else:
            quotes.append(_entryquote(same[0], question))
    return distinct(quotes)


_NAMED_PLACE = re.compile(r"\b(?:at|with|for|in) (?P<x>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*)")


def _tenure_at(profile: Profile, question: str) -> list[Quote]:
    """How long I was at a place the question names: that job's line, with its dates."""
    if not stated.HOW_LONG.search(question):
        return []
    named = _NAMED_PLACE.search(question)
    jobs = timeline.entries(profile.chunks)
    if not named or not jobs:
        return []
    found, _, kind = anchored(profile, jobs, named.group("x"))
    if kind != "job" or len({e.start for e in found}) != 1:
        return []
    return distinct([_entryquote(found[0], question)])


def _neighbour(profile: Profile, question: str, how: Intent) -> list[Quote]:
    """First job, previous job, or the one before / after X on the timeline."""
    jobs = timeline.entries(profile.chunks)
    if not jobs:
        return []
    if how.kind == "longest":
        picked: timeline.Entry | None = held_longest(jobs, today=this_month())
    elif how.kind == "first":
        picked = first_entry(jobs)
    else:
        picked = around(profile, jobs, how)
    return distinct([_entryquote(picked, question)]) if picked else []


def _history(profile: Profile) -> list[Quote]:
    """Every job on the timeline, earliest first, by its title (a career told in one line)."""
    jobs = [e for e in timeline.entries(profile.chunks) if not unpaid(e)]
    if not jobs:
        return []
    seen: set[tuple[int, int]] = set()
    steps = []
    for entry in sorted(jobs, key=lambda e: (e.start, e.order)):
        if entry.start in seen:
            continue
        seen.add(entry.start)
        steps.append(trim(entry.line or entry.chunk.title, 120))
    text = " → ".join(steps)
    return [Quote("Experience", trim(text, lists.LIST_CHARS), text)]


def _about(profile: Profile) -> list[Quote]:
    """Who I am: the summary (or what stands in for it) and the current role."""
    return [
        Quote(title, trim(text, EXCERPT_CHARS), text) for title, text in identity(profile).quotes()
    ]


_PREP = re.compile(r"\b(?:interview|weakness|weaknesses|mitigation|talking points?)\b", re.I)


def _from_units(scored: Sequence[passages.Scored], limit: int = MAX_QUOTES) -> list[Quote]:
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
    for picked in list(by_chunk.values())[: limit + 1]:
        chosen = passages.with_following(picked, EXCERPT_CHARS)
        text = " · ".join(_unit_text(u) for u in chosen)
        quotes.append(quote(chosen[0].chunk, trim(text, EXCERPT_CHARS)))
    return distinct(quotes, limit)


def _best_facts(hits: Sequence[Hit], question: str) -> list[Quote]:
    if not hits or asks_moment(question):
        return []  # last weekend, today: no profile tells it
    if not _PREP.search(question):
        # Interview rehearsal competes with facts: a person answers from the facts first.
        facts = [
            h
            for h in hits
            if not _PREP.search(f"{h.chunk.section} {h.chunk.title}".replace("_", " "))
        ]
        if facts and facts[0].score >= 0.3 * hits[0].score:
            hits = [*facts, *(h for h in hits if h not in facts)]
    if _DONE.search(question) and not _AHEAD.search(question):
        # "have you ever led a team?": what I did, not what I hope to do one day
        hits = [h for h in hits if not _GOALS.search(f"{h.chunk.section} {h.chunk.title}")]
        if not hits:
            return []
    asked = passages.Asked(question, expand(question))
    if asks_preference(question):
        return _taste(hits, asked, question)
    named = set(asked.subject) and set(asked.subject) <= set(terms(hits[0].chunk.title))
    first = excerpt(hits[0].chunk, "", EXCERPT_CHARS) if named else ""
    if first:  # "what did you do at Parcelbird?": the section about it, from its start
        more = _from_units(passages.best(hits[1:], asked))
        return distinct([quote(hits[0].chunk, first), *more])
    quotes = _from_units(passages.best(hits, asked))
    if quotes or not hits:
        return quotes
    # Retrieval matched, no sentence does (the words are in a title or tag): the best chunk's
    # first sentences, as a person would read out the section they were pointed to.
    if passages.only_prompts(hits[0].chunk):
        return []  # the section holds interview questions, not their answers
    if not _names_subject(hits[0].chunk, asked):
        return []  # matched by its words, not by its name: it is about something else
    first = excerpt(hits[0].chunk, "", EXCERPT_CHARS)
    return [quote(hits[0].chunk, first)] if first else []


# A question about what I have done, and the sections that say what I plan to do.
_DONE = re.compile(r"\b(?:have|had|did|were|was) you\b|\byou(?:'ve| have) ever\b", re.I)
_AHEAD = re.compile(r"\b(?:future|plan\w*|goals?|next|want|hope|aim|will|would)\b", re.I)
_GOALS = re.compile(r"goal|aspiration|objective|ambition|plans?\b", re.I)


def _measured(profile: Profile, hits: Sequence[Hit], question: str) -> list[Quote]:
    """A fact; for a question that asks for results, the figures of the work history: first
    when it asks for nothing else ("what measurable results have you delivered?"), else when
    no passage answers by its words ("did you ever improve a process?")."""
    asked = passages.Asked(question, expand(question))
    if not results.asks_results(asked.subject) or asks_preference(question):
        return _best_facts(hits, question)
    if results.only_results(asked.subject):
        return _figures(profile, asked) or _best_facts(hits, question)
    return _best_facts(hits, question) or _figures(profile, asked)


def _figures(profile: Profile, asked: passages.Asked) -> list[Quote]:
    return _from_units(results.stated(results.work_chunks(profile), asked))


def _measures(profile: Profile, question: str) -> bool:
    """Does the question ask for nothing but results, and does the work history state some?
    (However it words "results", a figure in a role answers it.)"""
    asked = passages.Asked(question, expand(question))
    if not results.only_results(asked.subject) or asks_preference(question):
        return False
    return bool(results.stated(results.work_chunks(profile), asked))


def _names_subject(chunk: Chunk, asked: passages.Asked) -> bool:
    """Does the chunk's name (title, tags, section) hold at least half the question's subject?
    Then its first sentences answer, as a person reads out the section they were pointed to."""
    name = terms(f"{chunk.title} {' '.join(chunk.tags)} {chunk.section}".replace("_", " "))
    named = set(name)
    found = sum(1 for t in asked.subject if t in named or synonyms_of(t) & named)
    return found * 2 >= len(asked.subject)


def _taste(hits: Sequence[Hit], asked: passages.Asked, question: str) -> list[Quote]:
    """A question about a taste: only the passages that state one or list that kind of thing
    (else it is not written down, however many words a project's name shares with it)."""
    scored = passages.best(hits, asked)
    if asks_reason(question):  # "why did you choose your degree?": a sentence giving a reason
        return _from_units([s for s in scored if passages.gives_reason(s.unit)])
    return _from_units([s for s in scored if passages.answers_taste(s.unit, asked)])


def _topic(profile: Profile, hits: Sequence[Hit], question: str, name: str) -> list[Quote]:
    """An open question: the sections that answer it, else the identity core (for the topics
    it answers), else nothing (not written down)."""
    found = topic_named(name)
    if found is None:
        return []
    if name in _FROM_LOVES:  # what I care about, in my own words, before a list of interests
        loves = _from_units(passages.tastes(hits, passages.Asked(question, expand(question))))
        if loves:
            return loves
    chunks = topic_chunks(profile, name)
    if name == "expertise" and not chunks:  # no section of its own: my strengths and summary
        return distinct([*_topic(profile, hits, question, "strengths")[:1], *_about(profile)[:1]])
    if name == "education" and _CREDENTIALS.search(question):  # "degrees and certifications"
        chunks = _both(chunks, [c for c in profile.chunks if _lists_credentials(c)])
    asked = passages.Asked(question, expand(question))
    if _AVAILABLE.search(question):  # "are you open to new roles?": only a search said
        said = [s for s in passages.best(hits, asked) if _SEARCHING.search(s.unit.text)]
        return _from_units(said)
    if (
        name == "learning"
        and not stated.NOW.search(question)
        and (focus := stated.learning_focus(profile))
    ):
        return focus  # what I want to get better at: my learning focus (now: my studies too)
    if chunks:
        scored = passages.in_chunks(chunks, asked) or passages.best(hits, asked)
        if name in _LEARNING_TOPICS:  # "which skill do you want to pick up next?": learning
            scored = [s for s in scored if _about_learning(s.unit)]
        if scored:  # its sections' sentences that answer, else those retrieval found
            return _from_units(scored)
        first = excerpt(chunks[0], "", EXCERPT_CHARS)
        return [quote(chunks[0], first)] if first else []
    if name == "learning":  # no such section: a passage about learning, or nothing
        learning = [s for s in passages.best(hits, asked) if _about_learning(s.unit)]
        return _from_units(learning)
    if name in _FROM_TASTES:  # only a sentence that states one ("I'm passionate about...")
        return _from_units(passages.tastes(hits, asked))
    quotes = []
    if name == "proud" and results.only_results(asked.subject):
        # the results the work history measures, else any passage about it
        quotes = _from_units(results.stated(results.work_chunks(profile), asked))
    if not quotes and name in _FROM_FACTS:  # a passage about it, not one under a like title
        floor = 0.0 if found.core else _ABOUT_IT  # the core answers a core topic's miss
        quotes = _from_units([s for s in passages.best(hits, asked) if s.score >= floor])
    if not quotes and name == "proud":
        quotes = _from_units(passages.results(profile.chunks, asked))
    if quotes:
        return quotes
    return _about(profile) if found.core else []


_CREDENTIALS = re.compile(r"certif\w*|qualification|credential", re.I)


def _lists_credentials(chunk: Chunk) -> bool:
    """A section of certifications, or a chunk with a line labelled so."""
    if _CREDENTIALS.search(f"{chunk.section} {chunk.title}".replace("_", " ")):
        return True
    return any(_CREDENTIALS.match(u.context) for u in passages.units(chunk))


def _both(first: list[Chunk], second: list[Chunk]) -> list[Chunk]:
    """The first of each list, then the rest of both: a question spanning two sections is
    answered from each (a degree and a certificate), not twice from one."""
    rest = [c for c in (*first[1:], *second[1:]) if c not in first[:1] and c not in second[:1]]
    return list(dict.fromkeys([*first[:1], *second[:1], *rest]))


# Open questions any fact may answer (an achievement is wherever the profile tells one).
# Whether I am looking for work now, and a sentence that says I am.
_AVAILABLE = re.compile(
    r"\b(?:open to (?:new )?(?:opportunit\w*|roles?|offers?|work)|looking for (?:a )?(?:new )?"
    r"(?:job|role|position|work)|available for (?:hire|work)|job[- ]hunting|on the market)\b",
    re.I,
)
_SEARCHING = re.compile(
    r"\b(?:seek\w*|looking for|open to|secure (?:a|an)\b|obtain (?:a|an)\b|available|"
    r"job search\w*|searching)\b",
    re.I,
)
_FROM_LOVES = {"interests", "motivation"}
_LEARNING_TOPICS = {"learning", "upskilling"}
_LEARNING = re.compile(
    r"\blearn\w*|\bstudying\b|\bbootcamps?\b|\bconferences?\b|\btraining\b|"
    r"\bonline courses?\b|\bcourses?:",
    re.I,
)


def _about_learning(unit: passages.Unit) -> bool:
    return bool(_LEARNING.search(f"{unit.context} {unit.text}"))


_ABOUT_IT = 0.5  # more than a word of its section's name or of the topic's expansion
_FROM_FACTS = {"proud", "strengths", "why_hire", "work_with"}
# ... and those only a passage stating a taste answers ("what do you love about your job?").
_FROM_TASTES = {"likes_work"}


_INTROS = {
    "about": "so here is who I am, from my profile:",
    "history": "so here are the roles in my profile, earliest first:",
    "walkthrough": "so here is who I am, then the roles in my profile, earliest first:",
    "current": "so here is my current role as my profile has it:",
    "before": "so here is the role before that one in my profile:",
    "previous": "so here is the role before my current one in my profile:",
    "after": "so here is the role that came next in my profile:",
    "first": "so here is the earliest role in my profile:",
    "longest": "so here is the role I held longest, by the dates in my profile:",
    "list": "so here is the list from my profile:",
    "where": "so here is where my profile says I'm based:",
    "origin": "so here is what my profile says about where I come from:",
    "team": "so here is what my profile says about my team:",
    "links": "so here is where my profile points to me online:",
    "name": "so here is my name as my profile gives it:",
    "projects": "so here are my projects as my profile tells them:",
    "goals": "so here is what my profile says I'm aiming for:",
    "learning": "so here is what my profile says I'm learning:",
    "challenge": "so here is a hard problem my profile tells:",
    "focus": "so here is what my profile says I'm focused on:",
    "passion": "so here is what my profile says I care about:",
    "section": "so here is what my profile lists for that:",
}
_FACT_INTRO = "so here is what my profile says that best matches your question:"
INJECTION_REPLY = (
    "I'm a digital twin: I answer questions about my work, projects and studies, and I keep my"
    " instructions to myself. What would you like to know?"
)


def _known(profile: Profile, question: str = "") -> Callable[[str], bool]:
    """Does the profile hold a term? Its chunks, or the owner's name ("hey Maya, ..."), or a
    word asking for a kind of thing some chunk names (`holding.kind_words_held`)."""
    name = set(terms(profile.name)) | kind_words_held(profile.chunks, question)
    return lambda t: t in name or knows(profile.chunks, t)


# The kinds of answer that quote passages found for the question (not the role or the city
# its kind points to): a kind of thing asked is answered only by a passage naming one.
_BY_PASSAGE = frozenset({"fact", "list", "topic"})


def _unwritten_then_about(profile: Profile, no_answer: str) -> Degraded:
    """Not written down (a gap for the owner), then who I am: an opener asking for a part of
    my story the profile does not tell ("how did you get into this line of work?")."""
    about = _about(profile)
    lines = [f"{DEGRADED_INTRO}. {no_answer.strip()} Meanwhile, who I am, from my profile:"]
    return Degraded("\n".join([*lines, *(q.render() for q in about)]), quoted=False)


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
    for; "who are you" and "tell me about yourself" quote who I am. Chat spellings are read
    written out ("do u know sql")."""
    question = written_out(question)
    how = intent(second_person(question, profile.name)) if question else Intent("fact")
    if how.kind == "injection":
        return Degraded(f"{DEGRADED_INTRO}. {INJECTION_REPLY}", quoted=False)
    if asks_what_you_are(question):  # "are you a bot?": honestly, then who I am
        return what_i_am(profile.name or identity(profile).name, _about(profile))
    if small_talk and question:
        greeting = small_talk_reply(profile, question)
        if how.kind != "about":
            return greeting
        about = _about(profile)  # "who are you?": the greeting, then who I am
        lines = [
            greeting.text.split(f" {DEGRADED_INTRO}")[0],
            f"{DEGRADED_INTRO}, {_INTROS['about']}",
        ]
        text = "\n".join([*lines[:1], lines[1], *(q.render() for q in about)])
        return Degraded(text, quoted=bool(about), sources=tuple(q.title for q in about))
    quotes: list[Quote] = []
    if (concept := concepts.answer(profile, hits, question)) is not None:
        quotes, how = concept.quotes, Intent(concept.kind)  # my name, projects, goals...
    elif how.kind == "about" and how_i_got_here(texting(question)):
        return _unwritten_then_about(profile, no_answer)  # "how did u end up doing this?"
    elif how.kind == "about":
        quotes = _about(profile)
        if judgement.others_describe(question):  # "how would your coworkers describe you?"
            if unsaid := judgement.unstated(profile, "describe"):
                return judgement.hedged(unsaid, quotes)  # theirs to say, and not written down
            quotes, how = judgement.stating(profile, "describe") or quotes, Intent("fact")
    elif HIGH_SCHOOL.asked.search(question):
        quotes, how = stated.school(profile), Intent("fact")
    elif (
        (found := _tenure_at(profile, question))
        or (
            found := job_answers.answer(profile, question, how.kind)  # a job or a period named
        )
        or (found := degrees.answer(profile, question))
    ):  # "did you do a PhD?": my degrees
        quotes, how = found, Intent("fact")
    elif how.kind == "current" and stated.COMPANY_ASKED.search(question):
        quotes = stated.company(profile, hits)
        if not quotes and stated.FIELD_ASKED.search(question):  # my role says the field
            quotes = _current(profile, hits, question)
    elif how.kind == "current":
        quotes = _current(profile, hits, question)
        if quotes and is_opener(question):  # "what are you up to these days?": who I am first
            quotes, how = [*_about(profile)[:1], *quotes], Intent("about")
    elif how.kind == "origin":
        quotes = stated.origin(profile)
    elif how.kind in ("before", "after", "first", "longest", "previous"):
        quotes = _neighbour(profile, question, how)
    elif how.kind == "where":
        quotes = stated.where(profile, hits, question)
    elif how.kind == "team":
        quotes = stated.team(profile, question)
    elif how.kind == "links":
        quotes = stated.links(profile)
    elif how.kind == "history":
        quotes = _history(profile)
        if quotes and is_opener(question):  # "walk me through your career": who I am first
            quotes, how = [*_about(profile)[:1], *quotes], Intent("walkthrough")
    elif results.asks_tenure(question) and (found := stated.career_length(profile)):
        quotes, how = found, Intent("fact")  # how long my career is
    elif (
        how.kind in ("list", "topic", "fact")
        and lists.EVERY.search(question)
        and (found := lists.sectioned(profile, question))
    ):
        quotes, how = found, Intent("list")  # "name all your projects": every entry
    elif how.kind == "topic":
        quotes = _topic(profile, hits, question, how.anchor)
        if is_opener(question) and not quotes:  # "how did you get into this line of work?"
            return _unwritten_then_about(profile, no_answer)  # and it is not written down
        if is_opener(question):  # who I am first, then how I got here
            quotes, how = distinct([*_about(profile)[:1], *quotes]), Intent("about")
        elif quotes and (unsaid := judgement.unstated(profile, how.anchor, question)):
            return judgement.hedged(unsaid, quotes)  # "your biggest strength?": mine to say
    elif covered(question, _known(profile, question)) or _measures(profile, question):
        quotes = _from_units(tools_used.in_section(profile, question))  # "in your projects"
        answering = holding.answering(profile, hits, question, _known(profile, question))
        if not quotes and how.kind == "list" and not passages.wants_numbers(question):
            quotes = lists.quoted(answering, question, profile)
        if not quotes:
            quotes, how = _measured(profile, answering, question), Intent("fact")
    intro = _INTROS.get(how.kind, _FACT_INTRO)
    if how.kind == "about":
        name = profile.name or identity(profile).name
        intro = f"so here is who I am ({name}), from my profile:" if name else intro
    # "What did you do after graduating?" when no role follows it: not the degree itself.
    by_kind = how.kind in ("current", "first", "longest", "previous", "where")
    if not quotes and by_kind and covered(question, _known(profile, question)):
        quotes, intro = (
            _best_facts(
                holding.answering(profile, hits, question, _known(profile, question)), question
            ),
            _FACT_INTRO,
        )
    if how.kind in _BY_PASSAGE:  # a certificate asked: only a passage naming one answers
        quotes = holding.kept(profile, quotes, question)
    quotes = stated.besides(quotes, question)
    if HIGH_SCHOOL.asked.search(question) and not any(
        names_kind(q.render(), HIGH_SCHOOL) for q in quotes
    ):
        quotes = []  # "where did you go to high school?" and only a university written
    if by_kind and stated.HOW_LONG.search(question) and not stated.dated(quotes):
        quotes = []  # "how long have you been in your current job?" and no date says it
    if not quotes:
        return Degraded(f"{DEGRADED_INTRO}. {no_answer.strip()}", quoted=False)
    text = "\n".join([f"{DEGRADED_INTRO}, {intro}", *(q.render() for q in quotes)])
    return Degraded(text, quoted=True, sources=tuple(dict.fromkeys(q.title for q in quotes)))


def degraded_answer(
    profile: Profile, hits: Sequence[Hit], no_answer: str, *, question: str = ""
) -> str:
    """An answer from the profile alone: says so plainly, then quotes the facts asked for."""
    return degraded_reply(profile, hits, no_answer, question=question).text
