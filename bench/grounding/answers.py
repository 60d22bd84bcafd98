"""Grounded answers: sentences of a profile's own facts, rephrased the way models rephrase them
(written before the checker was tuned):

  first person     "Data engineer with five years..." -> "I'm a data engineer with five years..."
  numbers          "40%" <-> "40 percent", "five" <-> "5", "2019-2022" -> "from 2019 to 2022",
                   "1,200" -> "1200"
  case             Title Case job titles and section words in lower case
  inflection       a plural made singular, "-ing" for "-ed"
  order            "University of X" -> "X University"
  abbreviation     "Amazon Web Services (AWS)" -> "AWS" or the long form alone
  accents          "José" -> "Jose"
  cut              the first clause of a long sentence only
  framing          "In short, ", "Yes - ", "At the moment, "

Each rephrasing is applied with some chance; a sentence keeps only facts of its profile.
"""

from __future__ import annotations

import random
import re
import unicodedata

from core.grounding.sentences import split

_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}
_DIGIT_WORDS = {v: k for k, v in _NUMBER_WORDS.items()}
_FRAMES = ("", "", "", "In short, ", "Yes - ", "At the moment, ", "Honestly, ", "Sure: ")


def fact_sentences(texts: list[str]) -> list[str]:
    """Sentences of the profile's public text worth saying (10 to 60 words)."""
    out = []
    for text in texts:
        for sentence in split(text.replace("\n", " ")):
            sentence = sentence.strip()
            n = len(sentence.split())
            if 6 <= n <= 60 and sentence[-1:] in ".!" and not sentence.startswith(("-", "*", "#")):
                out.append(sentence)
    return out


def rephrase(sentence: str, rng: random.Random) -> str:
    """One fact sentence as a model might say it."""
    s = sentence
    if rng.random() < 0.5 and " - " not in s and len(s.split()) > 25:
        s = re.split(r"[;,] ", s)[0].rstrip(".") + "."
    if rng.random() < 0.4:
        s = re.sub(r"(\d+)%", r"\1 percent", s)
    elif rng.random() < 0.3:
        s = re.sub(r"(\d+) ?percent", r"\1%", s)
    if rng.random() < 0.4:
        s = re.sub(r"\b(19|20)(\d\d) ?[-–] ?(19|20)(\d\d)\b", r"from \1\2 to \3\4", s)
    if rng.random() < 0.3:
        s = re.sub(
            r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\b",
            lambda m: _NUMBER_WORDS[m.group(1)],
            s,
        )
    elif rng.random() < 0.3:
        s = re.sub(r"\b([2-9]|10)( \w+s)\b", lambda m: _DIGIT_WORDS[m.group(1)] + m.group(2), s)
    if rng.random() < 0.3:
        s = re.sub(r"\b(\d{1,3}),(\d{3})\b", r"\1\2", s)
    if rng.random() < 0.3:
        s = re.sub(
            r"\b(Senior |Junior |Lead )?(Data|Software|Machine Learning|Business|Product) "
            r"(Engineer|Analyst|Scientist|Manager|Developer)\b",
            lambda m: m.group(0).lower(),
            s,
        )
    if rng.random() < 0.3:
        s = re.sub(r"\bUniversity of ([A-Z][a-z]+)\b", r"\1 University", s)
    if rng.random() < 0.3:
        s = re.sub(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+) \(([A-Z]{2,})\)", r"\2", s)
    elif rng.random() < 0.3:
        s = re.sub(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+) \(([A-Z]{2,})\)", r"\1", s)
    if rng.random() < 0.3:
        s = re.sub(r"(?<= )([a-z]{3,}?)s(?= (?:and|in|for|with)\b)", r"\1", s, count=1)
    if rng.random() < 0.2:
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _first_person(s, rng)
    frame = rng.choice(_FRAMES)
    if frame and s[:1].isupper() and not s.startswith(("I ", "I'")):
        s = frame + s[0].lower() + s[1:] if s.split()[0].lower() in ("the", "my", "a") else s
    elif frame:
        s = frame + s
    return s


def _first_person(s: str, rng: random.Random) -> str:
    """A profile's third-person or verbless fact, said by its owner."""
    first = s.split()[0]
    if first in ("I", "I'm", "I've", "My", "We", "Our"):
        return s
    if re.match(r"^[A-Z][a-z]+ (engineer|analyst|developer|scientist|professional|graduate)", s):
        return "I'm a " + s[0].lower() + s[1:]
    if rng.random() < 0.5 and re.match(r"^(Built|Led|Designed|Developed|Created|Implemented)", s):
        return "I " + s[0].lower() + s[1:]
    return s
