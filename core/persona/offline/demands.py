"""What the shape of a question demands of the passage that answers it, whatever its subject.

- **A reason** for "why did you choose...?", "what made you pick...?", "how come...?": a
  passage that gives one ("because", "I wanted to", "I care about"), not the degree line.
- **A number** for "how many years / people...?", "how long...?", "how big...?": a passage
  that counts or dates (not a task line without a date for "how many years of experience?").
  A count of people, users or downloads is not a date: the years a job's title carries do not
  tell how big its team was ("how big is your team at Gong?" and only "(2019 - present)").
- **A thing made** for "what have you built in Rust?", "which project did you run on
  Kubernetes?": a passage telling of work (a job, a project), not the skills list naming the
  technology (knowing Rust is not having built something in it).
- **A name** for "which race series...?", "what's the name of your theme?": a passage that
  names one, not one that mentions the thing only as "a ..." or "multiple ..." ("released a
  popular WordPress theme" names no theme).
- **A description** for "what does http-responder do?", "what's your channel about?": a
  passage with a sentence about it, not its bare entry (a name, a date, a link, a list of
  keywords).

A passage that holds the question's words but not what its shape asks for answers something
near the question: the twin says it is not written down (a gap), and the owner is asked. (Not
a level for "your strongest language?": annotators take the skills list for its answer.)
"""

from __future__ import annotations

import re

from core.persona.offline.passages import gives_reason, units
from core.persona.profiles.profile import Chunk
from core.persona.questions.understanding import names_in
from core.persona.search.kinds import KINDS
from core.persona.search.retrieval import terms

# The wordings of "why" that are not read as a stance elsewhere ("why did you...?" is: a
# sentence giving a reason is quoted for it, and "why would you be a good fit?" asks for
# what the owner offers).
_WHY = re.compile(
    r"\bhow come\b|\bwhat (?:made|led|drew|inspired|pushed|motivated) you\b|"
    r"\bwhat was the reason\b",
    re.I,
)

# "how many years", "how long", "how big", "how many people": a count or a measure, not a list
# ("how many languages do you speak?" is answered by naming them).
_COUNT_ASKED = re.compile(
    r"\bhow (?:long|big|large|much|old|popular|accurate)\b|\bhow many (?:\w+ )?(?:years?|yrs?|"
    r"months?|people|engineers|developers|staff|reports|members|employees|hours|users|customers|"
    r"headcount|person|downloads|installs|stars|visitors|subscribers|followers|students|kids|"
    r"children|pupils|attendees|sites|websites|pages|servers|requests)\b|"
    r"\bwhat (?:size|percentage|headcount|accuracy)\b|\bnumber of (?:years|people|staff)\b",
    re.I,
)
_TIME_ASKED = re.compile(
    r"\bhow (?:long|old)\b|\bhow many (?:\w+ )?(?:years?|yrs?|months?)\b|"
    r"\bhow much (?:\w+ )?experience\b",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\+?\s*(?:years?|"
    r"yrs|months?|decades?)\b|\b(?:19|20)\d\d\b|\bsince\b|\bpresent\b",
    re.I,
)
# A date, which counts nothing: "2019-04-30", "Sep 2022", "2016 - 2018", "present".
_DATE = re.compile(
    r"\b(?:19|20)\d\d(?:[-/.]\d\d?){0,2}\b|\b\d\d?[-/.]\d\d?[-/.](?:19|20)?\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d\d?(?:st|nd|rd|th)?\b|"
    r"\bpresent\b",
    re.I,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|dozen|hundred|thousand|million|several|half)\b",
    re.I,
)


# "what have you built / deployed / made in X", "which project did you run on X", "your X
# projects": something made with a technology.
_MADE_ASKED = re.compile(
    r"\bwhat (?:have|did) you (?:ever )?(?:built|build|made|make|deployed|deploy|shipped|ship|"
    r"created|create|written|write|run|ran)\b(?: \w+)? (?:in|with|on|using)\b|"
    r"\b(?:which|what) (?:\w+ )?projects? (?:have |did )?you\b.*\b(?:in|with|on|using) \w+|"
    r"\bprojects? (?:that )?you (?:built|ran|made|did|deployed) (?:in|with|on|using)\b",
    re.I,
)
# "what does X do?", "what's X about?", "what problem does X solve?": what a thing is.
_DESCRIBE_ASKED = re.compile(
    r"\bwhat (?:does|did) (?!you\b)(?:your |the )?[\w.-]+(?: [\w.-]+){0,2} do\b|"
    r"\bwhat(?:'s| is| was) (?:your |the )?(?:[\w.-]+ ){1,3}about\b|"
    r"\bwhat problems? does\b|\bwhat (?:videos|content|posts) do you (?:post|make|publish)\b",
    re.I,
)
_NOT_PROSE = re.compile(
    r"https?://\S+|\b[\w-]+\.(?:com|org|io|net|dev)\S*|\([^)]*\)|\b[\w ]{1,30}:\s|"
    r"\b(?:19|20)\d\d(?:[-/.]\d\d?){0,2}\b",
    re.I,
)
# "which race series did...", "the name of your WordPress theme": one thing, by its name.
_WHICH_ASKED = re.compile(
    r"\bwhich ((?:[a-z]+ )?[a-z]+) (?:did|have|has|were|was)\b|"
    r"\bname of (?:your|the|that|this) ((?:[a-z]+ )?[a-z]+)\b",
    re.I,
)
# "a popular open source theme", "multiple race series": a thing mentioned, none named.
_INDEFINITE_BEFORE = re.compile(
    r"\b(?:a|an|multiple|several|various|some|many|numerous)\b(?:\s+[\w/&-]+){0,5}\s+$", re.I
)
_NAMED_AFTER = re.compile(r"^(?:e?s)?\s*(?:[,(:\u2013-]\s*|called |named )[\"'A-Z0-9]")
# "your React projects", "any Rust projects?": projects named by a technology.
_TECH_PROJECTS = re.compile(r"\b(?:which|what|any|your) ([\w.+#-]+) projects?\b", re.I)
# Every named technology (`kinds.KINDS`' members): "kubernetes" asked is a thing, not a wording.
TECHNOLOGIES = frozenset(t for names in KINDS.values() for t in terms(names))
# A passage that lists what the owner knows, not what they made with it.
_SKILLS_LIST = re.compile(r"\bskills?\b|\btools\b|\btechnolog\w*|\bstack\b|\bcompetenc", re.I)


def _which_head(question: str) -> str:
    """The noun a "which ...?" or "the name of ...?" question asks to be named ("series")."""
    m = _WHICH_ASKED.search(question)
    if not m:
        return ""
    head = (m.group(1) or m.group(2) or "").split()[-1].lower()
    return head[:-1] if head.endswith("s") and not head.endswith(("ss", "ies", "series")) else head


def _only_indefinite(head: str, text: str) -> bool:
    """Does the text mention the noun only as "a ..." or "multiple ..." (naming none)? False
    when it never mentions it (it may be worded otherwise)."""
    found = list(re.finditer(rf"\b{re.escape(head)}", text, re.I))
    return bool(found) and all(_unnamed(text, m.start(), m.end()) for m in found)


def _unnamed(text: str, start: int, end: int) -> bool:
    """Is the noun at text[start:end] opened by "a", "multiple"... and named neither after it
    ("a theme called X") nor before it ("responsive-carousel, an open source plugin")?"""
    before = text[max(0, start - 60) : start]
    m = _INDEFINITE_BEFORE.search(before)
    if not m or _NAMED_AFTER.match(text[end:]):
        return False
    return not before[: m.start()].rstrip().endswith(",")


def _prose(text: str) -> bool:
    """Does the text hold a phrase of running words (three or more), not only names, dates,
    links and keyword lists?"""
    parts = re.split(r"[·;,|\n\"]", _NOT_PROSE.sub(" , ", text))
    return any(len(re.findall(r"[A-Za-z]+", p)) >= 3 for p in parts)


def asks_made(question: str) -> bool:
    """Does the question ask for something made with a technology ("what have you built in
    Rust?", "which React projects...?")?"""
    if _MADE_ASKED.search(question):
        return True
    return any(
        (found := terms(m.group(1))) and set(found) <= TECHNOLOGIES
        for m in _TECH_PROJECTS.finditer(question)
    )


def asks_why(question: str) -> bool:
    """Does the question ask for the owner's reason in words other than "why"?"""
    return bool(_WHY.search(question))


def asks_count(question: str) -> bool:
    """Does the question ask for a count or a measure (years, people, size)?"""
    return bool(_COUNT_ASKED.search(question))


def meets(question: str, text: str, chunk: Chunk | None, title: str = "") -> bool:
    """Does a quote (`text` under `title`, from `chunk` when known) give what the question's
    shape asks for? A question of none of these shapes asks for nothing more. A title's dates
    answer a question about time (the first job's dates tell how long a career is); a count of
    people or things must be in the quoted words."""
    if asks_why(question) and not _reason_in(text, chunk):
        return False
    where = f"{chunk.section} {chunk.title}" if chunk is not None else title
    if (
        (head := _which_head(question))
        and head not in where.lower()
        and _only_indefinite(head, text)
    ):
        return False  # "which race series?" and only "in multiple race series"
    if _DESCRIBE_ASKED.search(question) and not _prose(text):
        return False  # "what does http-responder do?" and only its name and date
    if asks_made(question) and _SKILLS_LIST.search(where):
        return False  # "what have you built in Rust?" and only "Back End: Node.js, Rust"
    if _TIME_ASKED.search(question):
        if not _DURATION.search(f"{title} {text}"):
            return False  # "how many years?" and only "300 servers"
    elif asks_count(question) and not _NUMBER.search(
        _DATE.sub(" ", f"{title} {text}" if names_in(question) else text)
    ):
        return False  # "how big is your team?" and only the job's dates
    return True


def _reason_in(text: str, chunk: Chunk | None) -> bool:
    """Does the quoted text hold a sentence of its chunk that gives a reason?"""
    if chunk is None:
        return False
    return any(gives_reason(u) for u in units(chunk) if u.text and u.text in text)
