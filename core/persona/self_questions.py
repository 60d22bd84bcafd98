"""A question about the twin itself, not about its owner: whether it is a bot or the person
("are you a bot?", "am I talking to a real person?"), which model it runs on, who built it, what
it was trained on, how this twin works. Such a question is answered like any other and is not an
attack, but the owner cannot add it to their profile: it never becomes a gap or an owner card.

Only the whole question counts (after a greeting and before its closing mark): "what AI are
you?" is about the twin, "what AI tools do you use at work?" and "are you an AI engineer?" are
about the owner.
"""

from __future__ import annotations

import re

__all__ = ["about_the_twin"]

_OPENING = re.compile(
    r"^(?:(?:hey|hi|hello|yo|so|ok|okay|and|but|wait|lol|honestly|btw|quick question|just "
    r"curious|be honest|seriously|real talk|um+|hmm+)\b[\s,:!.-]*)+"
)
_CLOSING = re.compile(r"[\s?!.…]+$")
_BOT = (
    r"(?:bot|ai|a\.i\.|robot|chat ?bot|machine|program|computer program|llm|language model|"
    r"chatgpt|gpt|claude|gemini|llama|digital twin|clone|copy|avatar|automated|"
    r"(?:a |an )?(?:real )?(?:human|person))"
)
# ... and what only a thing that might not be a person is asked ("are you real?")
_ALIVE = r"(?:real|sentient|conscious|alive|self-aware)"
_OR = (
    r"(?:\s+or\s+(?:not|a (?:bot|human|person|real person|machine)|an ai|ai|human|real|him|her|"
    r"you))?"
)
_SELF = re.compile(
    "|".join(
        (
            rf"(?:are|r) (?:you|u) (?:(?:just|really|actually|even|secretly|only|a|an|the)\s+)*"
            rf"(?:{_BOT}|{_ALIVE}){_OR}",
            r"(?:are|r) (?:you|u) (?:really |actually )?(?:him|her|them|the real (?:one|deal|"
            r"person|\w+)|\w+ (?:himself|herself|themselves))" + _OR,
            r"(?:what|which) (?:kind of )?(?:ai|a\.i\.|model|llm|language model|bot|gpt|engine) "
            r"(?:are you|is this|powers (?:you|this)|runs (?:you|this)|do you (?:use|run on)|are "
            r"you (?:running on|using|based on|built on)|is behind (?:you|this))",
            rf"(?:is|was) (?:this|that|it) (?:really |actually |just |an? )?(?:you|{_BOT}|"
            rf"generated|ai[- ]generated|the real \w+){_OR}",
            r"am i (?:talking|speaking|chatting) (?:to|with) (?:a |an |the )?(?:bot|ai|human|real "
            r"person|person|machine|robot|you|him|her|real \w+|an? actual (?:person|human))" + _OR,
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
    """The whole question asks about the twin itself (a bot or the person, its model, its
    makers, its training), not about the owner: answered, never filed as a gap."""
    low = " ".join(question.lower().replace("’", "'").split())
    low = _CLOSING.sub("", _OPENING.sub("", low))
    return bool(low) and _SELF.fullmatch(low) is not None
