"""The owner's identity core: who the twin is, in a few lines, in every prompt.

The questions a twin hears most are open ("tell me about yourself", "what do you do?"), and a
retrieved slice of a large profile rarely says who its owner is. The core is read once per
profile from what the profile already holds: the name, the title or headline, where the owner
is based (when public), the summary or elevator pitch, and the current role. A profile without
a summary gets one built from its title, current role, latest education and top skills. It is
part of the constant first system message (cached with the rules), it answers openers without a
model, and `twin profile` shows the owner exactly what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.persona.profiles import timeline
from core.persona.profiles.chunks import norm_key
from core.persona.profiles.profile import Chunk, Profile
from core.persona.search.kinds import KINDS

PRIVATE_MARK = "[private]"
FIELD_CHARS = 600  # one field of the core, at most
SHORT_CHARS = 200  # a role, a degree, a list of skills

_ABOUT_SECTIONS = {"about", "personal", "basics", "profile", "summary", "bio", "about_me"}
_ABOUT_TITLE_WORDS = {"about", "personal", "profile", "summary", "bio", "introduction"}
_TITLE_KEYS = {"title", "label", "headline", "role", "job_title", "current_title", "position"}
_PLACE_KEYS = ("location", "location_city", "city", "based", "based_in", "location_region")
_SUMMARY_KEYS = ("summary", "professional_summary", "bio", "about", "profile", "overview")
_PITCH_KEYS = ("elevator_pitch", "pitch", "tagline")
_NAME_IN_TEXT = re.compile(r"\b(?i:my name is) ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})")
_IN_PLACE = re.compile(r"\b(?:in|based in|from) ([A-Z][\w'’-]+(?:,? [A-Z][\w'’-]+){0,3})[.!]?\s*$")
_TECHNOLOGY = frozenset(" ".join(KINDS.values()).split())  # "in Go" names a language
_PLACE_LINE = re.compile(r"^[A-Z][\w'’. -]{1,30}, [A-Z][\w'’. -]{1,30}$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_VOLUNTEER = re.compile(r"volunteer|mentor|community|charity", re.I)


@dataclass(frozen=True)
class Identity:
    """Who the owner is, as the profile says it (public text only)."""

    name: str = ""
    title: str = ""
    based: str = ""
    summary: str = ""
    current_role: str = ""  # "Data Engineer at Northwind Freight (March 2022 - present)"
    role_is_current: bool = True  # False: the latest role, already ended
    education: str = ""
    skills: str = ""
    summary_built: bool = False  # no summary in the profile: education and skills stand in

    def fields(self) -> list[tuple[str, str]]:
        """(label, value) of every field the core holds, in the order the prompt shows them."""
        role = "Current role" if self.role_is_current else "Latest role"
        pairs = [
            ("Name", self.name),
            ("Title", self.title),
            ("Based in", self.based),
            ("Summary", self.summary),
            (role, self.current_role),
        ]
        if self.summary_built:
            pairs += [("Education", self.education), ("Top skills", self.skills)]
        return [(label, value) for label, value in pairs if value]

    def render(self) -> str:
        """The core as the first system message carries it."""
        lines = [f"- {label}: {value}" for label, value in self.fields()]
        if not lines:
            return ""
        head = 'WHO I AM (answers open questions such as "tell me about yourself"):'
        return "\n".join([head, *lines])

    def quotes(self) -> list[tuple[str, str]]:
        """(title, text) to quote for "tell me about yourself" without a model."""
        out: list[tuple[str, str]] = []
        if self.summary and not self.summary_built:
            told = self.title and _squashed(self.title) not in _squashed(self.summary)
            # the title first when the summary does not say it ("Business Analyst | ...")
            out.append(("About me", f"{self.title}: {self.summary}" if told else self.summary))
        else:
            built = ", ".join(v for v in (self.title, self.based and f"based in {self.based}") if v)
            if built:
                out.append(("About me", built))
        if self.current_role:
            out.append(
                ("Current role" if self.role_is_current else "Latest role", self.current_role)
            )
        if self.summary_built:  # no summary: what I studied and work with stand in for it
            out += [("Education", self.education), ("Top skills", self.skills)]
        return [(k, v) for k, v in out if v]


def _squashed(text: str) -> str:
    """Letters and digits only, lower case: "Full-Stack Developer" is "fullstackdeveloper"."""
    return re.sub(r"[\W_]+", "", text.lower())


def identity(profile: Profile) -> Identity:
    """The identity core of a profile (worked out once per profile object)."""
    return _identity(profile.chunks, profile.name, profile.headline)


@lru_cache(maxsize=16)
def _identity(chunks: tuple[Chunk, ...], name: str, headline: str) -> Identity:
    about = [c for c in chunks if _is_about(c)]
    labelled: dict[str, str] = {}
    loose: list[str] = []
    for chunk in about:
        for line in timeline.clean_lines(chunk.text):
            label, sep, value = line.partition(":")
            key = norm_key(label)
            if sep and len(label) <= 40 and value.strip() and not value.startswith("//"):
                labelled.setdefault(key, value.strip())
            else:
                loose.append(line)
    name = name or _name_in(about)
    title = _public(labelled.get(next((k for k in labelled if k in _TITLE_KEYS), ""), ""))
    title = title or _SENTENCE.split(_public(headline))[0].rstrip(".")
    title = title or _emphasised_title(about, name)
    summary = _first(labelled, _SUMMARY_KEYS) or _first(labelled, _PITCH_KEYS)
    summary = summary or _loose_summary(loose, name)
    role, current = _role(chunks)
    education = _education(chunks)
    skills = _skills(chunks)
    built = not summary
    return Identity(
        name=name,
        title=title,
        based=_place(labelled, loose, headline),
        summary=_short(summary, FIELD_CHARS),
        current_role=role,
        role_is_current=current,
        education=education,
        skills=skills,
        summary_built=built,
    )


# A line wholly in bold or italics ("**Full Stack Developer**"), as a résumé sets its title
# under the name.
_EMPHASISED = re.compile(r"^\s*(\*\*|__|\*|_)(?P<text>[^*_\n]+?)\1\s*$")
_NOT_A_TITLE = re.compile(r"\d|@|https?:|www\.|\[|:")


def _emphasised_title(about: list[Chunk], name: str) -> str:
    """The first line of an about passage, when it is wholly emphasised and reads as a title:
    a few words, no date, contact, link or place ("**Lyon, France**" is where I am)."""
    for chunk in about:
        lines = [ln for ln in chunk.text.splitlines() if ln.strip()]
        found = _EMPHASISED.match(lines[0]) if lines else None
        if not found:
            continue
        text = " ".join(found.group("text").split())
        words = len(text.split())
        if (
            1 <= words <= 8
            and not _NOT_A_TITLE.search(text)
            and not _PLACE_LINE.match(text)
            and text.lower() != name.lower()
        ):
            return text
    return ""


def _is_about(chunk: Chunk) -> bool:
    if chunk.section.lower() in _ABOUT_SECTIONS:
        return True
    return bool(set(norm_key(chunk.title).split("_")) & _ABOUT_TITLE_WORDS)


def _public(text: str) -> str:
    """Text without the sentences that held a private value (never "[private]")."""
    if PRIVATE_MARK not in text:
        return " ".join(text.split())
    return " ".join(s for s in _SENTENCE.split(" ".join(text.split())) if PRIVATE_MARK not in s)


def _short(text: str, limit: int) -> str:
    text = _public(text)
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE.split(text):
        if kept and len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept if len(kept) <= limit else kept[: limit - 1].rsplit(" ", 1)[0] + " …"


def _first(labelled: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = _public(labelled.get(key, ""))
        if value:
            return value
    return ""


def _name_in(about: list[Chunk]) -> str:
    for chunk in about:
        found = _NAME_IN_TEXT.search(chunk.text)
        if found:
            return found.group(1).rstrip(".")
    return ""


def _loose_summary(lines: list[str], name: str) -> str:
    """The longest plain paragraph of an about chunk ("My name is ..." sentences left out)."""
    best = ""
    for line in lines:
        sentences = [s for s in _SENTENCE.split(line) if not _NAME_IN_TEXT.search(s)]
        text = _public(" ".join(sentences))
        if len(text.split()) >= 8 and len(text) > len(best):
            best = text
    return best


def _place(labelled: dict[str, str], loose: list[str], headline: str) -> str:
    city = _public(labelled.get("location_city", ""))
    if city:
        region = _public(labelled.get("location_region", ""))
        return f"{city}, {region}" if region else city
    for key in _PLACE_KEYS:
        value = _public(labelled.get(key, ""))
        if value and not re.search(r"\d", value):
            return value
    for line in loose:
        if _PLACE_LINE.match(line) and not re.search(r"\d|@|http", line):
            return line
    for sentence in _SENTENCE.split(_public(headline)):
        found = _IN_PLACE.search(sentence)
        if found and found.group(1).split()[0].lower().strip(",") not in _TECHNOLOGY:
            return found.group(1)  # "... based in Lisbon", not "... payment systems in Go"
    return ""


def _role(chunks: tuple[Chunk, ...]) -> tuple[str, bool]:
    jobs = timeline.entries(chunks)
    if not jobs:
        return "", True

    def paid_first(e: timeline.Entry) -> tuple[int, tuple[int, int]]:
        return (1 if _VOLUNTEER.search(f"{e.chunk.section} {e.chunk.title}") else 0, e.start)

    now = [e for e in jobs if e.current]
    if now:
        entry = min(now, key=lambda e: (paid_first(e)[0], (-e.start[0], -e.start[1])))
        return _entry_text(entry), True
    return _entry_text(timeline.latest_first(jobs)[0]), False


def _entry_text(entry: timeline.Entry) -> str:
    if entry.line:  # "Currently Barista at Kitchen Montague: Developed ..." is the role
        head, sep, tail = entry.line.partition(": ")
        role = head if sep and " at " in head and len(tail.split()) >= 4 else entry.line
        return _short(role, SHORT_CHARS)
    if not _generic_title(entry.chunk.title):
        return _short(entry.chunk.title, SHORT_CHARS)
    # A passage named only "Work" holding short jobs one after another: its first job.
    lines = timeline.clean_lines(entry.chunk.text)
    first = re.split(r"(?<=\))\s*;\s*", lines[0])[0] if lines else entry.chunk.title
    return _short(first, SHORT_CHARS)


def _education(chunks: tuple[Chunk, ...]) -> str:
    studies = timeline.entries(chunks, "education")
    if studies:
        entry = timeline.latest_first(studies)[0]
        if entry.line or not _generic_title(entry.chunk.title):
            return _entry_text(entry)
        return _short(" · ".join(timeline.clean_lines(entry.chunk.text)[:3]), SHORT_CHARS)
    for chunk in chunks:
        if timeline.is_education_chunk(chunk):
            head = chunk.title if not _generic_title(chunk.title) else ""
            lines = timeline.clean_lines(chunk.text)[:3]
            return _short(" · ".join([head, *lines] if head else lines), SHORT_CHARS)
    return ""


_GENERIC_TITLES = frozenset(
    {
        "education",
        "studies",
        "academic_background",
        "qualifications",
        "work",
        "experience",
        "work_experience",
        "employment",
        "employment_history",
        "jobs",
        "career",
        "professional_experience",
    }
)


def _generic_title(title: str) -> bool:
    """A passage named after its section ("Education", "Work"), not after what it holds."""
    return norm_key(title) in _GENERIC_TITLES


def _skills(chunks: tuple[Chunk, ...]) -> str:
    for chunk in chunks:
        if "skill" in f"{chunk.section} {chunk.title}".lower():
            lines = [ln for ln in timeline.clean_lines(chunk.text) if PRIVATE_MARK not in ln]
            if lines:
                return _short(lines[0], SHORT_CHARS)
    return ""
