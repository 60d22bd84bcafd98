"""What the twin says without a model before it quotes anything: the reply's shape, its opening
line, and the answer to a greeting, thanks or goodbye."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Profile

DEGRADED_INTRO = "I'm answering without my AI model right now"


@dataclass(frozen=True)
class Degraded:
    """A degraded answer, and whether it quotes the profile at all (if not, it is a gap)."""

    text: str
    quoted: bool
    sources: tuple[str, ...] = ()  # the titles quoted


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
