"""Questions answered by concept before their words are searched: my name, where I am, my
address on a network (`person`), my projects as a whole (`projects`) and my next or long-term
goal (`goals`). Each concept reads the question's shape and the place a profile keeps that
fact; `answer` gives the quotes and the intro's kind, or None when no concept applies (the
question is then answered by its words). An empty list means the concept applies and the
profile does not say it: not written down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.persona import goals, person, projects, stated
from core.persona.profile import Profile
from core.persona.quotes import Quote
from core.persona.retrieval import Hit


@dataclass(frozen=True)
class Answered:
    """What a concept answered: the quotes, and the kind of intro they get."""

    quotes: list[Quote]
    kind: str  # "name", "where", "links", "projects", "goals"


def answer(profile: Profile, hits: Sequence[Hit], question: str) -> Answered | None:
    """The answer by concept, or None when the question is none of them."""
    if person.NAME_ASKED.search(question):
        return Answered(person.name(profile), "name")
    if network := person.network_asked(question):
        return Answered(person.link_on(profile, network), "links")
    if person.PLACE_ASKED.search(question):
        return Answered(stated.where(profile, hits, question), "where")
    if which := projects.asked(question):
        found = projects.answer(profile, hits, which)
        return Answered(found, "projects") if found else None
    if horizon := goals.asked(question):
        found = goals.goals(profile, horizon)
        return Answered(found, "goals") if found else None
    return None
