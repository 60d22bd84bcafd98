"""Attempts to change the twin's rules or role, or to pull out its prompt or hidden data: they
are answered like any question (the model's rules hold) but counted apart and never filed as a
gap or sent to the owner as a card.

Two kinds of thing an attempt is made of together (its setup named, the rules set aside, another
role, a claim of authority, taking what is withheld) count as one too. The patterns read the
question as typed and as it reads once the usual disguises are undone:
letters spaced out ("i g n o r e"), digits for letters ("1gn0r3"), and text in Base64.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from functools import lru_cache

__all__ = ["is_injection"]

_INJECTION = re.compile(
    r"|".join(
        [
            r"\b(?:ignore|disregard|forget|override|bypass|skip)\b[\w\s,']{0,60}\b(?:instructions?|"
            r"rules?|prompts?|guidelines?|directives?|programming|constraints?|restrictions?)\b",
            r"\bsystem\s*(?:prompt|message|instructions?)\b",
            r"\b(?:your|the) (?:hidden|secret|initial|original|internal|underlying) "
            r"(?:prompt|instructions?|guidelines|directives?)\b",
            r"\b(?:print|show|reveal|repeat|output|display|dump|leak|list|tell me|give me|"
            r"what (?:is|are|were))\b[\w\s,']{0,40}\b(?:your|the) "
            r"(?:(?:hidden|secret|initial|original|first|system|full) )*"
            r"(?:prompt|instructions?|rules|guidelines|configuration|config|api key|"
            r"first message)\b",
            r"\b(?:instructions?|rules|prompt)\b[\w\s']{0,20}\b(?:given|told|programmed|set up)\b",
            r"\b(?:above|before) this (?:line|message)\b",
            r"\bverbatim\b",
            r"(?<!where )(?<!what )(?<!who )(?<!how )\b(?:you are|you're) now\b",
            r"\bfrom now on\b[\w\s,']{0,40}\b(?:you|answer|respond|act|ignore)\b",
            r"\b(?:developer|debug|god|admin|jailbreak|dan) mode\b",
            r"\bjailbreak",
            r"\bdo anything now\b",
            r"\b(?:pretend|imagine|act as if|suppose)\b[\w\s,']{0,40}\b(?:rules?|privacy|filters?|"
            r"restrictions?|instructions?) (?:are|is|were|was) (?:off|disabled|gone|lifted)",
            r"\b(?:act|behave|respond|answer) as (?:an? |the )?(?:unrestricted|unfiltered|"
            r"different|new|pirate|assistant|ai|chatbot|dan)\b",
            r"^[\s#\[(<*]*(?:system|developer|admin|administrator)\s*[\])>*]*\s*:?\s",
            r"\bnew (?:rules|instructions) (?:follow|below|are)\b",
            r"\b(?:hidden|private|withheld|redacted) (?:profile )?fields?\b",
            r"\bforget (?:that )?(?:you are|you're)\b",
            # the earlier instructions set aside, in other words
            r"\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard)\b[\w\s,']{0,40}"
            r"\b(?:previous|prior|earlier|above|preceding|all|any|every)\b[\w\s,']{0,30}"
            r"\b(?:guidance|instructions?|rules|prompts?|messages?|context|directions|commands)\b",
            # the twin's own setup named as such
            r"\b(?:your|ur) (?:\w+ )?(?:instructions|guardrails|guidelines|directives|programming|"
            r"configuration|context window|setup message|system message|(?:system )?prompt)\b",
            r"\b(?:instructions|guardrails|directives|rules|prompt) you (?:follow|were given|"
            r"have been given|received|operate under|run on|were configured|were programmed)\b",
            r"\b(?:configured|programmed|set up) with\b[\w\s]{0,20}"
            r"\b(?:instructions|rules|prompt)\b",
            r"\b(?:rules|instructions|prompt|text) above\b|\bhidden (?:text|message|content)\b",
            r"\b(?:top|start|beginning) of (?:this|the) (?:chat|conversation|thread)\b",
            r"\bfirst message (?:in|of) (?:this|the) (?:conversation|chat)\b|\bword for word\b",
            r"\bnew (?:\w+ )?(?:rules?|instructions?)\s*[:\-]|^\s*new rules?\b",
            r"\b(?:invent|make up|fabricate)\b[\w\s]{0,40}\binstead of\b",
            r"\b(?:you are|you're) (?:an? )?[\w\s-]{0,25}\b(?:bot|chatbot|assistant|ai) now\b",
            r"\bwhat (?:were|was|have) you (?:been )?told\b",
            r"\b(?:text|words|everything|message|messages) (?:above|before) (?:this|here|that)\b",
            r"\b(?:repeat|print|output|copy)\b[\w\s,']{0,30}\b(?:text|words|everything) above\b",
            r"\bcontext window\b|\bbefore this conversation\b|\bexact wording of your\b",
            # a new role
            r"\byou are no longer\b|\byou're no longer\b|\bstop being (?:a |an |the )?"
            r"(?:twin|bot|assistant|yourself|you)\b|\brole-?play(?:ing)? as\b",
            r"\bpretend (?:to be|you are|you're) (?:an? )?(?:different|another|unrestricted|"
            r"evil|ai|assistant|chatbot|bot|someone else|dan)\b",
            r"\bpretend (?:you have|there are) no\b",
            r"\b(?:with|have) no (?:restrictions|filters|guardrails)\b",
            r"\b(?:ai|assistant|bot|model) with no (?:limits|rules|boundaries)\b",
            r"\bbecome (?:chatgpt|gpt|an? (?:ai|assistant|chatbot|different))\b",
            r"\bas your (?:creator|developer|owner|admin|administrator|maker|programmer)\b",
            r"\bi (?:hereby )?authori[sz]e you\b|\bunlock\b[\w\s]{0,20}\b(?:mode|access)\b",
            # the same in other languages people try
            r"\bignor(?:a|e|ez|iere|ieren|ar)\b[\w\s,']{0,40}\b(?:instrucciones|instructions|"
            r"anweisungen|istruzioni|instruções|regeln|reglas|règles)\b",
            r"\boublie[rz]? (?:tes|vos|les|toutes) [\w\s]{0,20}(?:instructions|règles)\b",
            r"\bprompt (?:système|del sistema|di sistema)\b|\bsystemprompt\b",
        ]
    ),
    re.I,
)

# "Show me your instructions" in the languages people try it in.
_ELSEWHERE = re.compile(
    r"\b(?:muestra(?:me)?|mu[eé]strame|revela|dime|ens[eé][nñ]ame|zeige?|gib|montre(?:-moi)?|"
    r"r[eé]v[eè]le|affiche|donne(?:-moi)?|mostra(?:mi)?|rivela|olvida|vergiss|oublie)\b"
    r"[\w\s,'’-]{0,40}\b(?:instrucciones|indicaciones|reglas|prompt|anweisungen|regeln|"
    r"systemprompt|consignes|instructions|r[eè]gles|istruzioni|regole)\b",
    re.I,
)

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "i"})  # fmt: skip
_SPACED = re.compile(r"\b(?:\w[ ._*\-]){3,}\w\b")  # i g n o r e, s.y.s.t.e.m
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


def _unspaced(text: str) -> str:
    """Letters spaced out joined again ("i g n o r e all r u l e s" -> "ignore all rules")."""
    return _SPACED.sub(lambda m: re.sub(r"[ ._*\-]", "", m.group(0)), text)


def _unleet(text: str) -> str:
    """Digits and signs standing for letters read as letters, in words that mix the two."""
    return re.sub(
        r"\S+",
        lambda m: (
            m.group(0).translate(_LEET)
            if re.search(r"[a-z]", m.group(0), re.I) and re.search(r"[0-9@$!|]", m.group(0))
            else m.group(0)
        ),
        text,
    )


def _decoded(text: str) -> str:
    """What Base64 runs in the text say, where they decode to readable text."""
    found = []
    for run in _BASE64.findall(text):
        try:
            raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
            plain = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if plain.isprintable() and sum(c.isalpha() for c in plain) * 2 > len(plain):
            found.append(plain)
    return " ".join(found)


def readings(question: str) -> list[str]:
    """The question as typed, and as it reads with its disguises undone (see the module)."""
    raw = unicodedata.normalize("NFKC", question)
    text = " ".join(raw.split())
    plain = " ".join(_unleet(_unspaced(raw)).split())  # spaced words keep their wider gaps
    out = [text] if plain == text else [text, plain]
    if decoded := _decoded(text):
        out.append(" ".join(decoded.split()))
    return out


# Beyond the patterns: the kinds of thing an attempt is made of. One alone is an ordinary
# question ("what guidelines do you follow for accessibility?"); two kinds together are an
# attempt ("set aside the guidance you were handed"; "roleplay as someone with no rules").
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        # the twin's own machinery
        (
            "setup",
            r"\b(?:instructions?|guidance|guidelines|rules|prompt|configuration|config|"
            r"setup (?:text|message)|programming|directives|policy|restrictions|filters?|"
            r"safety|guardrails|context|internal notes|consignes|reglas|regeln|anweisungen|"
            r"withheld|mark(?:ed)? (?:as )?private|(?:before|above) my (?:first )?message)\b",
        ),
        # said to the twin about the twin
        (
            "you",
            r"\b(?:you (?:were|are|have been)|(?:were|are) you|have you been) (?:given|handed|"
            r"told|configured|programmed|set up|built|trained|fed)\b|"
            r"\b(?:built|made|created|trained|programmed) you\b|"
            r"\byour (?:creators?|developers?|makers?|owner's|instructions|rules)\b|"
            r"\btes\b|\btus\b|\bdeine[nm]?\b",
        ),
        # setting the rules aside
        (
            "aside",
            r"\b(?:ignore|disregard|set aside|put aside|forget|override|bypass|drop the act|"
            r"lifted|disabled|turned off|switched off|suspended|no longer apply|"
            r"(?:no|without) (?:any )?(?:rules|restrictions|filters|guardrails|limits|"
            r"instructions|guidelines|censorship)|unfiltered|uncensored|unrestricted|"
            r"answer (?:freely|anything|everything))\b",
        ),
        # another role, or a world where the rules do not hold
        (
            "role",
            r"\b(?:role-?play|pretend|imagine|hypothetical(?:ly)?|fictional|in a world where|"
            r"you are not (?:a |the )?(?:twin|bot|assistant)|you are now|from (?:now|this "
            r"point) on|from this point|act as|two ais|simulate)\b",
        ),
        # a claim of authority
        (
            "authority",
            r"\b(?:this is|i am|i'm) (?:the |your |an? )?(?:site )?(?:administrator|"
            r"admin|developer|creator|owner|operator|engineer who built)\b|"
            r"\bi work (?:at|for) the company that (?:built|made|created)\b|"
            r"\b(?:authori[sz]ed|permission) to\b",
        ),
        # taking what is withheld or shown to no one
        (
            "take",
            r"\b(?:show|print|paste|dump|disclose|reveal|share|list|quote|repeat|output|"
            r"display|tell me)\b[\w\s,']{0,40}\b(?:private|withheld|hidden|secret|"
            r"confidential|internal|raw|exact|full|verbatim|values|fields|text)\b|"
            r"\btells? (?:me )?everything\b|"
            r"\bowner's (?:phone|address|e-?mail|number|salary)\b",
        ),
    )
)
_STRONG = re.compile(
    r"\bsystem ?prompt\b|<\s*/?\s*system\s*>|\[\s*system\b|\bsystem override\b|"
    r"\bjailbreak|\bDAN\b|\bdo anything now\b|\b(?:developer|debug|god|maintenance) mode\b"
)


def _kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _KINDS if pattern.search(text)}


@lru_cache(maxsize=256)  # asked several times of one question on the answer path
def is_injection(question: str) -> bool:
    """An attempt to change the twin's rules or role, or to extract its prompt or hidden data."""
    return any(
        _INJECTION.search(t) or _ELSEWHERE.search(t) or _STRONG.search(t) or len(_kinds(t)) >= 2
        for t in readings(question)
    )
