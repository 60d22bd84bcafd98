"""A judgement about me is mine to state: my strengths, my weaknesses, how others describe me,
why someone should hire me, how I like to work with people. A résumé lists skills and results,
but rarely says which of them I would call my strength; answering "what's your biggest
strength?" with the skills list would put words in my mouth and hide the question from me.

So when no passage of the profile states the judgement in so many words (a "Strengths"
section, "colleagues describe me as...", "I work best..."), the answer says it isn't written
down, which makes it a gap the owner hears of, and then quotes what comes closest, so the
member still gets something. A profile that states it is answered as any other question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.persona.offline.passages import units
from core.persona.offline.quotes import MAX_QUOTES, Quote, quote
from core.persona.profiles.profile import Profile
from core.persona.questions.small_talk import DEGRADED_INTRO, Degraded


@dataclass(frozen=True)
class Judgement:
    """What the question asks me to judge, and the words a passage that states it uses."""

    what: str  # "what I'd call my strengths": the words the answer's first line uses
    stated: re.Pattern[str]


JUDGEMENTS = {
    "strengths": Judgement(
        "which of these I'd call my strengths",
        re.compile(
            r"\b(?:strengths?|strongest|superpower|(?<!not )good at|excel(?:s|led)? (?:at|in)|"
            r"known for)\b",
            re.I,
        ),
    ),
    "weaknesses": Judgement(
        "what I'd call my weaknesses",
        re.compile(
            r"\b(?:weakness(?:es)?|weak spots?|areas? (?:for|of) (?:growth|improvement)|"
            r"struggle with|not (?:so |very |yet )?good at|(?:still )?working on (?:my|getting))",
            re.I,
        ),
    ),
    "describe": Judgement(
        "how others would describe me",
        re.compile(
            r"\b(?:describe[sd]? me|described as|call(?:s|ed)? me|(?:colleagues|teammates|"
            r"managers?|people|friends|clients) (?:say|said|tell|told|describe|call)|known "
            r"(?:as|for)|in (?:three|3|a few) words)\b",
            re.I,
        ),
    ),
    "why_hire": Judgement(
        "why you should pick me",
        re.compile(
            r"\b(?:hire me|what i bring|i bring|(?:value|difference) i (?:add|make|bring)|"
            r"sets? me apart|unique(?:ly)?)\b",
            re.I,
        ),
    ),
    "work_with": Judgement(
        "how I like to work with people",
        re.compile(
            r"\b(?:work(?:ing)? with me|(?:my )?work(?:ing)? style|i (?:like|prefer|love) "
            r"(?:to )?(?:work|collaborat)\w*|i work best|team player|how i work)\b",
            re.I,
        ),
    ),
}


# "Are you good at Go?" asks about a skill, not for my strengths: a thing named after the verb.
_SKILL_NAMED = re.compile(
    r"\b(?:good|great|best|strong|skilled|proficient|expert|excel) (?:at|in|with) "
    r"(?!(?:what|work|your|the job|it|this|that|most|all|the most)\b)[\w#+.]",
    re.I,
)
# "How would your teammates describe you?": how others see me, not who I am.
_OTHERS_SAY = re.compile(
    r"\b(?:colleagues?|co-?workers?|teammates?|team|manager|boss|friends?|people|others|peers|"
    r"reports|clients|mentor)\b.{0,40}\b(?:describe|say|call|think of|see)\b",
    re.I,
)


def others_describe(question: str) -> bool:
    """Does the question ask how others describe me ("what would your old team say about
    you?"), which an opener's answer (who I am) does not state?"""
    return _OTHERS_SAY.search(question) is not None


def unstated(profile: Profile, topic: str, question: str = "") -> Judgement | None:
    """The judgement `topic` asks for when no passage of the profile states it, else None (the
    profile says it, the topic is not a judgement, or the question names a skill)."""
    judgement = JUDGEMENTS.get(topic)
    if judgement is None or (topic == "strengths" and _SKILL_NAMED.search(question)):
        return None
    for chunk in profile.chunks:
        if judgement.stated.search(f"{chunk.title}\n{chunk.section}\n{chunk.text}"):
            return None
    return judgement


def hedged(judgement: Judgement, quotes: Sequence[Quote]) -> Degraded:
    """Not written down (a gap for the owner), then the passages that come closest."""
    if not quotes:
        return Degraded(
            f"{DEGRADED_INTRO}. I haven't written down {judgement.what} - that's one for me "
            "to answer in person.",
            quoted=False,
        )
    first = (
        f"{DEGRADED_INTRO}. I haven't written down {judgement.what} in so many words; "
        "here is what my profile says that comes closest:"
    )
    return Degraded("\n".join([first, *(q.render() for q in quotes)]), quoted=False)


def stating(profile: Profile, topic: str) -> list[Quote]:
    """The sentences of the profile that state the judgement `topic` asks for, in its order."""
    judgement = JUDGEMENTS.get(topic)
    if judgement is None:
        return []
    found = [
        quote(chunk, unit.text)
        for chunk in profile.chunks
        for unit in units(chunk)
        if judgement.stated.search(unit.text)
    ]
    return found[:MAX_QUOTES]
