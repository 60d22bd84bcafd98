"""Questions that name a kind of section: "do you volunteer anywhere?", "any awards?", "have
you given any talks?", "have you published anything?", "any references?", "which conferences
do you go to?". A profile keeps each in a section named for it (Volunteering, Awards,
Publications, References) or on a line labelled so ("Conferences: Speaker at PyData..."), or
says it in a sentence ("Awarded 'Teacher of the Month'", "used during a talk on ..."). The
answer quotes those entries: the section's entries by their titles and first lines, else the
sentences that say it. [] when none does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.persona.offline import aspiring, passages
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles.profile import Chunk, Profile


@dataclass(frozen=True)
class Kind:
    """A kind of section: how a question asks for it, how a section or label is named for
    it, and how a sentence says it."""

    name: str
    asked: re.Pattern[str]
    named: re.Pattern[str]
    said: re.Pattern[str]


def _k(name: str, asked: str, named: str, said: str) -> Kind:
    return Kind(name, re.compile(asked, re.I), re.compile(named, re.I), re.compile(said, re.I))


KINDS: tuple[Kind, ...] = (
    _k(
        "volunteering",
        r"\bvolunteer\w*|\bgive back\b|\bcharit\w*|\bnon-?profit|\bpro bono\b",
        r"volunteer|charit|pro bono|community service",
        r"\bvolunteer(?:ed|ing)\b|\bas a volunteer\b|\bpro bono\b",
    ),
    _k(
        "awards",
        r"^(?!.*\b(?:graduat\w*|degree|class)\b).*(?:\bawards?\b|\bprizes?\b|\brecogni[sz]\w*|"
        r"\bwon anything\b|\bhackathon win)",
        r"award|prize|honou?r|recognition",
        r"\bawards?\b|\bawarded\b|\bprizes?\b|\bwinner\b|\bwon\b",
    ),
    _k(
        "talks",
        r"\b(?:given|gave|give|do(?:ne)?|any|hold|held) (?:\w+ ){0,2}?(?:talks?|presentations?)\b|"
        r"\btalks? (?:you|u)\b|\bspeak(?:ing)? at\b|\bspoken? at\b|\bkeynotes?\b|"
        r"\bconference talks?\b",
        r"talks|speaking|presentations",
        r"(?<!native )\bspeaker\b|\bspoke at\b|\b(?:a|my) talk\b|\bpresented at\b|\bkeynote\b",
    ),
    _k(
        "publications",
        r"\bpublications?\b|\bpapers?\b|\bpublished (?:any |a |an )?(?:papers?|articles?|books?|"
        r"anything|research)\b|\b(?:written|write|wrote) (?:any )?(?:articles?|papers?|books?)\b",
        r"publication|papers",
        r"\bpublished\b",
    ),
    _k(
        "references",
        r"\breferences?\b|\breferees?\b|\brecommendation letters?\b|\bletters? of "
        r"recommendation\b|\bvouch",
        r"reference|referee|recommendation",
        r"\breferee\b|\bavailable on request\b",
    ),
    _k(
        "conferences",
        r"\bconferences?\b|\bmeetups?\b",
        r"conference|meetup",
        r"\bconferences?\b|\bmeetups?\b",
    ),
)


def asked(question: str) -> list[Kind]:
    """The kinds of section the question asks for ("talks at conferences" asks for talks, the
    conference is where)."""
    kinds = [k for k in KINDS if k.asked.search(question)]
    if any(k.name == "talks" for k in kinds):
        kinds = [k for k in kinds if k.name != "conferences"]
    return kinds


def entries(profile: Profile, kind: Kind, question: str = "") -> list[Quote]:
    """What the profile keeps of that kind: a section named for it (each entry by its title
    and first line), else lines labelled so, else sentences that say it. A goal says it only
    to a question about what I want (`aspiring`): "are you a speaker?" is not "I want to
    speak at a conference"."""
    named = [c for c in profile.chunks if kind.named.search(_where(c))]
    if named:
        return distinct([_entry(c) for c in named], 3)
    labelled = []
    said = []
    hopes = aspiring.asks_ahead(question)
    for chunk in profile.chunks:
        if re.search(r"interview|question", _where(chunk), re.I):
            continue  # rehearsed answers say how I would talk, not what I did
        if not hopes and aspiring.is_ahead(_where(chunk)):
            continue
        for unit in passages.units(chunk):
            if kind.named.search(unit.context):
                labelled.append(quote(chunk, trim(unit.text, EXCERPT_CHARS)))
            elif kind.said.search(unit.text):
                said.append(quote(chunk, trim(unit.text, EXCERPT_CHARS)))
    return distinct(labelled or said, 2)


def _where(chunk: Chunk) -> str:
    return f"{chunk.section} {chunk.title}".replace("_", " ")


def _entry(chunk: Chunk) -> Quote:
    units = passages.units(chunk)
    first = units[0].text if units else ""
    text = re.sub(r"^(?:description|summary)\s*:\s*", "", first, flags=re.I)
    return quote(chunk, trim(text or chunk.title, EXCERPT_CHARS))  # titled by the entry
