"""How the twin opens a conversation: a greeting in the owner's voice and a few suggested
questions drawn from the profile's own topics (its latest role, a project, skills, studies)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.persona.profiles.profile import Chunk, Profile

MAX_PROMPTS = 4  # Slack shows up to four suggested prompts
TITLE_LIMIT = 40


@dataclass(frozen=True)
class Starter:
    """A suggested question: a short title and the message it sends."""

    title: str
    message: str


_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("work", re.compile(r"experience|employment|work|career history|jobs?\b", re.I)),
    ("project", re.compile(r"project|portfolio", re.I)),
    ("skills", re.compile(r"skill|stack|technolog", re.I)),
    ("study", re.compile(r"education|stud|degree|universit", re.I)),
    ("courses", re.compile(r"certif|professional.development|course|training", re.I)),
    ("goals", re.compile(r"goal|looking for|next step|aspiration", re.I)),
)
_PHRASE = {
    "work": "my work",
    "project": "my projects",
    "skills": "my skills",
    "study": "my studies",
    "courses": "the courses I've taken",
    "goals": "what I'm looking for next",
}


def _kind(chunk: Chunk) -> str | None:
    for kind, pattern in _KINDS:
        if pattern.search(chunk.section):
            return kind
    return None


def _clean_title(title: str) -> str:
    """ "Data Engineer at Northwind Freight (March 2022 - present)" -> the part before "("."""
    title = re.sub(r"\s*\(.*$", "", title).strip(" -–—:")
    return re.sub(r"\s+", " ", title)


def _clip(text: str, limit: int = TITLE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _starter(kind: str, chunk: Chunk) -> Starter:
    title = _clean_title(chunk.title)
    generic = title.casefold() in {kind, chunk.section.casefold(), ""}
    if kind == "work":
        if not generic and " at " in title:
            place = title.split(" at ", 1)[1]
            return Starter(_clip(f"Work at {place}"), f"What do you do at {place}?")
        return Starter("Your work", "What do you do for a living?")
    if kind == "project":
        if not generic:
            return Starter(_clip(f"Project: {title}"), f"Tell me about your project {title}.")
        return Starter("Your projects", "Which project are you proudest of?")
    if kind == "skills":
        return Starter("Your skills", "What are your strongest skills?")
    if kind == "study":
        return Starter("Your studies", "Where did you study, and what?")
    if kind == "courses":
        return Starter("Courses and certificates", "Which courses or certifications have you done?")
    return Starter("What's next", "What kind of role are you looking for next?")


def topic_kinds(profile: Profile) -> list[tuple[str, Chunk]]:
    """The profile's topics in a fixed order (work first), each with its first chunk."""
    found: dict[str, Chunk] = {}
    for chunk in profile.chunks:
        kind = _kind(chunk)
        if kind is not None and kind not in found:
            found[kind] = chunk
    return [(kind, found[kind]) for kind, _ in _KINDS if kind in found]


def topic_prompts(profile: Profile, limit: int = MAX_PROMPTS) -> list[Starter]:
    """Up to `limit` suggested questions about what the profile actually covers."""
    starters = [_starter(kind, chunk) for kind, chunk in topic_kinds(profile)]
    if not starters:
        starters = [Starter("About you", "Tell me about yourself.")]
    return starters[:limit]


def greeting(profile: Profile) -> str:
    """The first line of a conversation, in the owner's voice (first person)."""
    first = profile.name.split()[0] if profile.name.strip() else ""
    who = f"Hi, I'm {first} - well, my digital twin." if first else "Hi, I'm a digital twin."
    kinds = [kind for kind, _ in topic_kinds(profile)][:3]
    phrases = [_PHRASE[k] for k in kinds] or ["my work, projects and studies"]
    topics = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
    about = f" {profile.headline.rstrip('.')}." if profile.headline else ""
    return f"{who}{about} I answer from what I've written about myself: ask me about {topics}."
