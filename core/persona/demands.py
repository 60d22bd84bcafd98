"""What the shape of a question demands of the passage that answers it, whatever its subject.

- **A reason** for "why did you choose...?", "what made you pick...?", "how come...?": a
  passage that gives one ("because", "I wanted to", "I care about"), not the degree line.
- **A number** for "how many years / people...?", "how long...?", "how big...?": a passage
  that counts or dates (not a task line without a date for "how many years of experience?").

A passage that holds the question's words but not what its shape asks for answers something
near the question: the twin says it is not written down (a gap), and the owner is asked. (Not
a level for "your strongest language?": annotators take the skills list for its answer.)
"""

from __future__ import annotations

import re

from core.persona.passages import gives_reason, units
from core.persona.profile import Chunk
from core.persona.understanding import names_in

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
    r"\bhow (?:long|big|large|much|old)\b|\bhow many (?:\w+ )?(?:years?|yrs?|months?|people|"
    r"engineers|developers|staff|reports|members|employees|hours|users|customers|headcount|"
    r"person)\b|\bwhat (?:size|percentage|headcount)\b|\bnumber of (?:years|people|staff)\b",
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
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|dozen|hundred|thousand|million|several|half)\b",
    re.I,
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
    if _TIME_ASKED.search(question):
        if not _DURATION.search(f"{title} {text}"):
            return False  # "how many years?" and only "300 servers"
    elif asks_count(question) and not _NUMBER.search(
        f"{title} {text}" if names_in(question) else text
    ):
        return False
    return True


def _reason_in(text: str, chunk: Chunk | None) -> bool:
    """Does the quoted text hold a sentence of its chunk that gives a reason?"""
    if chunk is None:
        return False
    return any(gives_reason(u) for u in units(chunk) if u.text and u.text in text)
