"""Pictographs read as the words they stand for, so "which games lately 🎮" says "video game".

People end chat questions with an emoji that names the subject (⚽ for a football club, 🎂 for
a birthday, 📺 for a TV show). Its Unicode name is that word: "SOCCER BALL", "VIDEO GAME",
"BIRTHDAY CAKE". Faces, hearts and hands say a mood, not a subject, and are dropped, and so
are the name's words that describe the drawing ("HEAVY", "BLACK", "FACE" of "DOG FACE").
"""

from __future__ import annotations

import re
import unicodedata

# Pictographs that say how the asker feels (faces, hearts, hands, sparkles), not what they ask.
_MOOD = re.compile(
    r"\b(?:FACE WITH|SMILING|GRINNING|WINKING|HEART|HAND|HANDS|FINGER|THUMBS|EYES|SPARKLES?|"
    r"PERSON|PARTY|FIRE|HUNDRED|CLAPPING|RAISED|FOLDED|OK|KISS|CRYING|THINKING)\b"
)
# Words of a name that describe the drawing, not the thing drawn.
_DRAWING = re.compile(
    r"FACE|SIGN|SYMBOL|HEAVY|BLACK|WHITE|MEDIUM|LARGE|SMALL|WITH|OF|AND|THE|UP|DOWN|BUILDING|GLOBE"
)


def _named(char: str) -> str:
    name = unicodedata.name(char, "")
    if not name or _MOOD.search(name) or name.startswith("FACE"):
        return ""
    return " ".join(w for w in re.split(r"[ -]", name) if w and not _DRAWING.fullmatch(w)).lower()


def pictographs(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` without its pictographs (symbols such as emoji), and the names of those that say
    a subject, in order ("video game" for 🎮; none for a face, a heart or a hand)."""
    if text.isascii():
        return text, ()
    kept, names = [], []
    for ch in text:
        if unicodedata.category(ch) != "So":
            kept.append(ch)
            continue
        kept.append(" ")
        if name := _named(ch):
            names.append(name)
    return "".join(kept), tuple(names)
