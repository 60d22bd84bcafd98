"""Questions about what the twin is ("are you a bot?", "is this the real you or an AI?", "am I
talking to a human?", "what am I talking to?") and the honest answer without a model: I am the
owner's digital twin, a bot answering from their profile, not the owner in person; then who the
owner is.

`asks_what_you_are(question)` reads the question's shape: a question about you / this / the
other end ("are you", "is this", "am I talking to", "is there ... behind this") whose only
content is what kind of thing is answering (a bot, an AI, a human, the real person, a digital
twin, a machine), with nothing narrower left: "are you a morning person?", "are you the person
who wrote the pipelines article?" and "what bots have you built?" ask about the owner.

`about_the_twin(question)` is wider: what the twin is, or its model, its makers, its training,
how it works. Such a question is answered like any other and is not an attack, but the owner
cannot add it to their profile: it never becomes a gap or an owner card. Only the whole question
counts: "what AI are you?" is about the twin, "what AI tools do you use at work?" and "are you an
AI engineer?" are about the owner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline.quotes import Quote
from core.persona.questions.openers import texting
from core.persona.questions.small_talk import DEGRADED_INTRO, Degraded

# What kind of thing is answering: any one of these names it.
_KIND = (  # the longer first: "real person" before "real"
    r"(?:an? )?ai version of you|actual person|live person|real person|real human|real you|"
    r"human beings?|artificial intelligence|digital twin|language models?|chat ?bots?|bots?|"
    r"robots?|ai|a\.i\.|humans?|machines?|programs?|computers?|llms?|gpt|chatgpt|twin|"
    r"claude|gemini|llama|clone|avatar|sentient|conscious|alive|self-aware|"
    r"automated|automatic|script|someone|somebody|anyone|a person|the person|real"
)
# Who is asked about, and how.
_HEAD = (
    r"(?:are|r) (?:you|u)|is (?:this|it|that)|(?:am|are) (?:i|we) (?:talking|chatting|speaking|"
    r"texting|messaging|writing) (?:to|with)|is (?:there|someone|somebody|anyone|a|an|any)|"
    r"what (?:are you|is this)|"
    r"who(?:'s| is) (?:answering|typing|replying)"
)
_FILLER_TEXT = """
    a an the or just really exactly actually lol haha honestly even you yourself me of in version
    behind this it that there on other end person answering typing replying wait hey hi hello so
    ok okay like real actual live reading writing here
"""
_FILLER = frozenset(_FILLER_TEXT.split())
_TO_YOU = re.compile(r"(?:are|r) (?:you|u)|is (?:this|it|that)$")
_KIND_RE = re.compile(rf"(?<![\w.])(?:{_KIND})(?![\w])")
_HEAD_RE = re.compile(rf"^(?:{_HEAD})\b")
_LEAD = re.compile(
    r"^(?:(?:hey|hi|hello|wait|so|ok|okay|quick question|honestly|be honest)\b[\s,]*)+"
)
_WHAT_AM_I = re.compile(r"^what (?:am|are) (?:i|we) (?:talking|chatting|speaking) (?:to|with)$")
_EMOJI = {"🤖": " bot ", "👤": " human ", "🧑": " human "}


def asks_what_you_are(question: str) -> bool:
    """Does the question ask what the twin is: a bot, an AI, a human, the owner in person?"""
    for emoji, word in _EMOJI.items():
        question = question.replace(emoji, word)
    text = " ".join(re.sub(r"[^\w'.# ]+", " ", texting(question)).replace(".", " ").split())
    text = _LEAD.sub("", text).strip()
    if _WHAT_AM_I.match(text):
        return True
    head = _HEAD_RE.match(text)
    rest = text[head.end() :] if head else text
    kinds = _KIND_RE.findall(rest)
    named = any(k not in ("real", "someone", "somebody", "anyone") for k in kinds)
    to_you = head is not None and _TO_YOU.match(head.group()) is not None
    if not named and not (to_you and "real" in kinds):  # "r u real?" names it too
        return False
    if not head and not re.search(r"\bor\b", rest) and len(rest.split()) > 1:
        return False  # "bot or human?" asks; "digital twin projects" does not
    left = _KIND_RE.sub(" ", rest).split()
    return all(w in _FILLER for w in left)


def what_i_am(name: str, about: Sequence[Quote]) -> Degraded:
    """The honest answer: I am `name`'s digital twin answering from the profile, then who
    `name` is (`about`, the identity core's quotes)."""
    who = f"{name}'s digital twin" if name else "a digital twin"
    them = name or "the person I stand for"
    line = (
        f"{DEGRADED_INTRO}, but to answer plainly: I'm {who}, a bot that answers as {them} from"
        f" {them}'s profile, not {them} in person. What that profile says about me:"
    )
    text = "\n".join([line, *(q.render() for q in about)])
    return Degraded(text, quoted=bool(about), sources=tuple(q.title for q in about))


# Questions about the twin beyond what it is: its model, makers, training, how it works.
_OPENING = re.compile(
    r"^(?:(?:hey|hi|hello|yo|so|ok|okay|and|but|wait|lol|honestly|btw|quick question|just "
    r"curious|be honest|seriously|real talk|um+|hmm+)\b[\s,:!.-]*)+"
)
_CLOSING = re.compile(r"[\s?!.…]+$")
_ABOUT = re.compile(
    "|".join(
        (
            r"(?:what|which) (?:kind of )?(?:ai|a\.i\.|model|llm|language model|bot|gpt|engine) "
            r"(?:are you|is this|powers (?:you|this)|runs (?:you|this)|do you (?:use|run on)|are "
            r"you (?:running on|using|based on|built on)|is behind (?:you|this))",
            r"who (?:made|built|created|programmed|trained|designed|developed|coded|runs|operates|"
            r"set up|wrote) (?:you|this bot|this twin|this ai|this chatbot|this thing)",
            r"(?:what(?:'s| is) your|do you have a) (?:knowledge cutoff|training data|training "
            r"cutoff|context window|token limit)",
            r"(?:when|how|what(?: data)?|on what(?: data)?) (?:were|was) (?:you|this bot|this "
            r"twin) (?:trained|programmed)(?: on)?",
            r"how (?:does|do) (?:this|the|you) (?:twin|bot|chatbot|ai|digital twin|thing)? ?work"
            r"(?: exactly)?(?<!you work)",
            r"(?:are|were) (?:these|those|your) (?:answers|replies|responses|messages) (?:ai[- ])?"
            r"(?:generated|automated|written)(?: by (?:an? )?(?:ai|bot|machine|model|llm|gpt))?",
        )
    )
)


def about_the_twin(question: str) -> bool:
    """The whole question asks about the twin itself (what it is, its model, its makers, its
    training), not about the owner: answered, never filed as a gap."""
    if asks_what_you_are(question):
        return True
    low = " ".join(question.lower().replace("’", "'").split())
    low = _CLOSING.sub("", _OPENING.sub("", low))
    return bool(low) and _ABOUT.fullmatch(low) is not None
