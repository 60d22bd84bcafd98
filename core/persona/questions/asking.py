"""What kind of question it is, read from its wording: who I am, my current job, the job
before or after X, my first, previous or longest-held job, the size of my team, where I come
from, where I'm based, where to find me online, an open question about me, a list, an attempt
to change the rules, or a fact. The answer without a model and the chunks the model is given
(`core.persona.search.recall`) both follow it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.persona.attacks.injection import is_injection
from core.persona.questions.openers import is_opener, texting
from core.persona.questions.understanding import topic
from core.persona.search.retrieval import terms

_LEAD = r"^\s*(?:(?:and|so|but|ok|okay|also|then)\b[\s,]*)?"
_PRESENT = re.compile(
    r"\b(?:now|nowadays|currently|current|at the moment|these days|at present|presently|today|atm|"
    r"present(?= (?:job|role|position|company|employer)))\b"
)
_JOBBY = re.compile(
    r"\b(?:work|working|job|role|position|title|company|employer|employed|occupation|"
    r"for a living|doing)\b"
)
_WHERE_WORK = re.compile(
    _LEAD + r"(?:where|who|which company|what company) do you work(?: for| at)?\b"
    r"(?:\s+(?:now|currently|these days|at the moment|nowadays|today))?\s*\??\s*$|"
    r"\b(?:which|what) (?:company|employer|firm|organi[sz]ation) (?:are you|do you work) "
    r"(?:at|with|for|in)\b|\bwho (?:are you|do you) work(?:ing)? for\b"
)
_WHAT_DO = re.compile(
    _LEAD + r"what do you do\b(?:\s+(?:now|currently|these days|at the moment|nowadays|today|"
    r"for (?:a living|work)))?\s*\??\s*$"
)
_YOUR_JOB = re.compile(
    _LEAD + r"(?:what|who|which)(?:'s| is) your (?:current |present )?(?:job|role|position|"
    r"(?:job )?title|employer|company|occupation)\s*\??\s*$|"
    r"\bwhat(?:'s| is) your (?:\w+ )?(?:job|role|position|title) called\b"
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
_FIRST_EVER = re.compile(
    r"\b(?:first[- ]ever|very first)\s+(?:\w+\s+)?(?:job|role|position|employer|company)\b"
)
# "once you left X", "after you quit X": the job after X
_LEFT = re.compile(
    r"\b(?:once|when|after) (?:you|u) (?:had |'d )?(?:left|quit|finished (?:at|with))\s+"
    r"(?P<x>.+?)\s*[?.!]*\s*$"
)


def _main_clause_cut(anchor: str) -> str:
    """The X of "after X, what came next?": what comes before the comma (the rest is the
    question itself); "that first role" reads as "the first role"."""
    head = anchor.split(",")[0].strip() or anchor
    return re.sub(r"^(?:that|this) (?=(?:very )?(?:first|earliest|last|previous)\b)", "the ", head)


_LONGEST = re.compile(
    r"\blongest (?:job|role|position|employer|tenure)\b|"
    r"\b(?:work|worked|stay|stayed)\b(?:\s+\w+){0,3}?\s+(?:the\s+)?longest\s*[?.!]*$"
)
_TEAM = re.compile(
    r"\b(?:how (?:big|large) is|how many (?:people|members|engineers|developers|colleagues) "
    r"(?:are )?(?:on|in)|who(?:'s| is| are)? (?:on|in)|size of|tell me about) "
    r"(?:your|the) (?:current )?team\b|"
    r"\b(?:which|what) team (?:are you|do you work) (?:on|in|part of|with)\b"
)
_PREVIOUS = re.compile(
    r"\b(?:previous|last|prior|former)\s+(?:job|role|position|employer|company)\b"
)
# Where I come from, not where I live: a birthplace, a hometown, a nationality.
_ORIGIN = re.compile(
    r"\b(?:(?:are|r) (?:you|u) (?:\w+ )?from originally|originally from|from originally|"
    r"(?:where|which (?:country|city|town)) (?:do|did) (?:you|u) (?:\w+ )?come from|"
    r"nationality|where (?:were|was) (?:you|u) (?:born|raised)|where did (?:you|u) grow up|"
    r"home ?town|place (?:you|u) grew up|country of (?:birth|origin)|born and raised)\b"
)
_MEMORY = re.compile(r"\b(?:memor\w*|remember\w*|miss\w*|favou?rite|best|like most)\b")
_WHERE_BASED = re.compile(
    r"\bwhere\b.*\b(?:based|live|living|located|from|reside)\b|\b(?:which|what) (?:city|country|"
    r"town)\b|^\s*where are you\s*\??\s*$"
)
_DAY_JOB = re.compile(
    r"\b(?:your|the) day job\b|\bwhat do you (?:actually |really )?do (?:all day|at work)\b|"
    r"\bwhat does your (?:current )?(?:company|employer|firm|organi[sz]ation) do\b|"
    r"\b(?:what|which) (?:position|role|job|title) do you (?:hold|have)\b|"
    r"\b(?:your|the) (?:company|employer|firm)(?:'s|s')? (?:business|line of business|product)\b"
)
# "Any projects outside of your day job?": not the day job itself.
_OUTSIDE = re.compile(
    r"\b(?:outside(?: of)?|besides|apart from|other than|beyond|aside from) "
    r"(?:your|the|my) (?:day job|job|work)\b"
)
_INDUSTRY = re.compile(
    r"\b(?:what|which) (?:industry|sector|field|line of business)\b"
    r"(?!.*\b(?:interest|want|like)\w*)"
)
_DUTIES = re.compile(
    r"\b(?:day to day|day-to-day|typical (?:work ?)?day|responsibilit\w*|responsible for|duties|"
    r"what does your "
    r"(?:current |present )?(?:role|job|position|work) involve)\b"
)
_LINKS = re.compile(
    r"\b(?:your|ur|a|an|any)\s+(?:own\s+|personal\s+|public\s+)?(?:linkedin|github|gitlab|"
    r"portfolio|website|web ?site|homepage|home ?page|online (?:profiles?|presence)|social media|"
    r"links?|urls?)\b|\bfind (?:you|your (?:work|code))\s+online\b|\bwhere (?:can|could|do) i "
    r"(?:find|see|look at) your (?:work|code|projects|portfolio)\b"
)
_MAKING = re.compile(r"\b(?:build|built|make|made|develop\w*|design\w*|creat\w*|work(?:ed)? on)\b")
_WHY = re.compile(_LEAD + r"(?:why\b|what made you (?:pick|choose|decide|go for|want)\b)")
_REASONS = frozenset({"why_field", "motivation", "why_hire", "likes_work", "interests"})
_LIST_START = re.compile(
    _LEAD + r"(?:what|which|list|name|enumerate)\b|\bany\s+[a-z]+s\b|"
    r"\b(?:full|complete|whole) list\b"
)
# What people ask to have listed ("which checks did you build?" asks for a detail, not a list).
_LISTED = re.compile(
    r"(?:skill|language|tool|technolog|framework|librar|databas|platform|certific|qualific|"
    r"course|module|project|award|prize|publication|paper|hobb|interest|job|role|compan|"
    r"employer|degree|achievement|app|product|client|industr|area|subject|stack|system|"
    r"provider|service|vendor)",
)
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous|ics)$")


@dataclass(frozen=True)
class Intent:
    """What kind of question it is: injection | about | links | current | before | after |
    first | longest | previous | team | origin | where | topic | list | fact."""

    kind: str
    anchor: str = ""  # the X of "before X"; for kind "topic", the topic's name


_THIS_ONE = re.compile(
    r"^(?:this|that|it|then|now|this one|that one|your current \w+|"
    r"(?:my|your|the) (?:current|present) (?:job|role|position|company))$"
)


@lru_cache(maxsize=256)  # asked by the pinned chunks and by recall: once per question
def intent(question: str) -> Intent:
    """Read the kind of question from its wording."""
    q = texting(question)  # "whats ur job" is "what's your job"
    if is_injection(question):
        return Intent("injection")
    found = topic(q)
    if found is not None and found.name in ("about", "describe"):
        return Intent("about")
    if _LINKS.search(q) and not _MAKING.search(q) and not is_opener(q):  # "saw your linkedin, ..."
        return Intent("links")
    if _FIRST_EVER.search(q):  # "first ever role after school?": the earliest, whatever follows
        return Intent("first")
    if left := _LEFT.search(q):  # "where did you go once you left your first job?"
        return Intent("after", _main_clause_cut(left.group("x")))
    order = _ORDER.search(q)
    if order and (_THIS_ONE.match(order.group("x")) or terms(order.group("x"))):
        direction = order.group("dir")
        anchor = _main_clause_cut(order.group("x"))  # "after that first role, what was next?"
        if _THIS_ONE.match(anchor) and direction not in ("after", "following"):
            return Intent("previous")  # "where did you work before now?"
        kind = "after" if direction in ("after", "following") else "before"
        return Intent(kind, anchor)
    if _FIRST.search(q):
        return Intent("first")
    if _LONGEST.search(q):
        return Intent("longest")
    if _TEAM.search(q):
        return Intent("team")
    if _PREVIOUS.search(q) and not q.startswith("why"):
        return Intent("previous")
    if found is not None and found.name in ("goals", "ideal_role"):
        return Intent("topic", found.name)  # "what do you want to be doing years from now?"
    if _WHY.match(q):  # a reason, which no role, date or degree states: answered as a stance
        reasons = found is not None and found.name in _REASONS
        return Intent("topic", found.name) if found is not None and reasons else Intent("fact")
    if (
        (_PRESENT.search(q) and _JOBBY.search(q))
        or _WHERE_WORK.search(q)
        or _WHAT_DO.search(q)
        or _YOUR_JOB.search(q)
        or (found is not None and found.name == "current_work")
    ):
        return Intent("current")
    day_job = _DAY_JOB.search(q) and not _OUTSIDE.search(q)
    if _INDUSTRY.search(q) or _DUTIES.search(q) or day_job:
        return Intent("current")
    if _ORIGIN.search(q) and not _MEMORY.search(q):  # not "a memory of where you grew up"
        return Intent("origin")
    if _WHERE_BASED.search(q):
        return Intent("where")
    if found is not None and found.name == "history":
        return Intent("history")
    if found is not None:
        return Intent("topic", found.name)
    words = re.findall(r"[a-z]+", q)
    plural = [w for w in words if len(w) > 3 and w.endswith("s") and not _NOT_PLURAL.search(w)]
    listed = [w for w in plural if terms(w) and _LISTED.match(w)]
    if _LIST_START.search(q) and listed:
        return Intent("list")
    return Intent("fact")


SKILLS_ASKED = re.compile(
    r"\b(?:languages?|skills?|tools?|technolog\w*|tech|stack|frameworks?|software|databases?)\b",
    re.I,
)
