"""Questions answered by concept before their words are searched: my name, where I am, my
address on a network (`person`), what I am learning now (`stated`), my projects as a whole
(`projects`), my next or long-term goal (`goals`), every school, certificate or course since
school (`credentials`), every skill (`lists`), a hard problem I
faced (`challenge`), what I focus on now (`focus`), what I care about (`passion`) and a kind
of section named (`sections`: volunteering, awards, talks, publications, references). Each
concept reads the question's shape and the place a profile keeps that fact; `answer` gives
the quotes and the intro's kind, or None when no concept applies (the question is then
answered by its words). An empty list means the concept applies and the profile does not say
it: not written down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.persona.facts import (
    challenge,
    credentials,
    focus,
    goals,
    passion,
    person,
    projects,
    sections,
)
from core.persona.offline import lists, stated
from core.persona.offline.quotes import Quote
from core.persona.profiles.profile import Profile
from core.persona.questions.understanding import topic
from core.persona.search.retrieval import Hit


@dataclass(frozen=True)
class Answered:
    """What a concept answered: the quotes, and the kind of intro they get."""

    quotes: list[Quote]
    kind: str  # "name", "where", "links", "projects", "goals"


def answer(profile: Profile, hits: Sequence[Hit], question: str) -> Answered | None:
    """The answer by concept, or None when the question is none of them (or asks who I am
    as a whole: "where are you based and what's your background?")."""
    asks = topic(question)
    if asks is not None and asks.name in ("about", "describe"):
        return None
    if person.NAME_ASKED.search(question):
        return Answered(person.name(profile), "name")
    if networks := person.networks_asked(question):  # else where my profile points online
        found = [q for n in networks for q in person.link_on(profile, n)]
        return Answered(found, "links") if found else None
    if person.PLACE_ASKED.search(question):
        return Answered(stated.where(profile, hits, question), "where")
    if stated.LEARNING_ASKED.search(question) and (
        found := stated.learning_focus(profile, now=True)
    ):
        return Answered(found, "learning")
    if which := projects.asked(question):
        found = projects.answer(profile, hits, which)
        return Answered(found, "projects") if found else None
    if horizon := goals.asked(question):
        found = goals.goals(profile, horizon)
        return Answered(found, "goals") if found else None
    if credentials.SCHOOLS_ASKED.search(question) and (found := credentials.schools(profile)):
        return Answered(found, "list")
    if credentials.CERTS_ASKED.search(question) and (found := credentials.certificates(profile)):
        return Answered(found, "list")
    if credentials.COURSES_ASKED.search(question) and (found := credentials.courses(profile)):
        return Answered(found, "list")
    if lists.EVERY_SKILL.search(question) and (found := lists.every_skill(profile, question)):
        return Answered(found, "list")
    if challenge.ASKED.search(question) and (found := challenge.faced(profile)):
        return Answered(found, "challenge")
    if focus.ASKED.search(question) and (found := focus.now(profile)):
        return Answered(found, "focus")
    if passion.ASKED.search(question) and (found := passion.cares(profile, question)):
        return Answered(found, "passion")
    if kinds := sections.asked(question):  # "any talks or publications?": each kind asked
        found = [q for kind in kinds for q in sections.entries(profile, kind, question)]
        if found or all(k.name in _SAID_WHERE_NAMED for k in kinds):  # else not written down
            return Answered(found, "section")
    return None


# Kinds a profile tells only under their name or in a sentence naming them (an award may be a
# grade, "High Distinction", that only the words of the question find).
_SAID_WHERE_NAMED = frozenset({"talks", "volunteering", "references"})
