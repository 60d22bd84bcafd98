"""Projects a profile tells without a projects section. Many CVs name their projects inside a
job ("Highlighted projects:" over "BBM: live migration from Oracle to Patroni ...") or tell
them as what they built there ("Implemented a Seat Map Creator using Canvas", "Creation of
mobile applications using React Native"). Asked "what projects have you worked on?" or "show
me something you've made", a person reads those out rather than saying they have none.
"""

from __future__ import annotations

import re

from core.persona.offline import passages
from core.persona.offline.passages import PRIVATE_MARK
from core.persona.offline.quotes import EXCERPT_CHARS, Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Profile

_LABEL = re.compile(r"\b(?:projects?|portfolio|case stud(?:y|ies))\b", re.I)
# A sentence that says I made something: it starts with a verb of making (or its noun).
_MAKING = re.compile(
    r"^(?:(?:i|we) )?(?:built|build|created|create|creation of|developed|develop(?:ment|ing)? of|"
    r"designed and (?:built|implemented|developed)|design and (?:implementation|development) of|"
    r"implemented|implementation of|launched|shipped|wrote|authored|prototyped|architected)\b",
    re.I,
)
_LEAD = re.compile(r"[^:]{1,50}:")
_LABELLED = re.compile(r"^[^:]{1,50}:\s+")
MOST = 3


def labelled(profile: Profile) -> list[Quote]:
    """The lines under a label that names projects, one quote per chunk, in profile order."""
    out = []
    for chunk in profile.chunks:
        under: list[str] = []
        lead = ""
        for line in timeline.clean_lines(chunk.text):
            if _LEAD.fullmatch(line.strip()):  # "Highlighted projects:" alone on its line
                lead = line
            elif PRIVATE_MARK not in line and (_LABEL.search(lead) or _names_projects(line)):
                under.append(line.strip())
        if under:
            out.append(quote(chunk, trim(" · ".join(under), EXCERPT_CHARS)))
    return distinct(out, MOST)


def _names_projects(line: str) -> bool:
    """A line labelled for projects ("Projects: Harbor Bank migration, ...")."""
    label = _LABELLED.match(line)
    return bool(label and _LABEL.search(label.group(0)))


def built(profile: Profile) -> list[Quote]:
    """The sentences of my jobs that say I built something, latest job first."""
    out = []
    jobs = timeline.latest_first(timeline.entries(profile.chunks))
    for chunk in dict.fromkeys(e.chunk for e in jobs):
        said = [u for u in passages.units(chunk) if _MAKING.match(_LABELLED.sub("", u.text))]
        if said:
            out.append(quote(chunk, trim(" · ".join(u.text for u in said[:3]), EXCERPT_CHARS)))
    return distinct(out, MOST)


def told(profile: Profile) -> list[Quote]:
    """What stands for my projects when no section lists them: labelled lines, else the
    things my jobs say I built; [] when neither."""
    return labelled(profile) or built(profile)
