"""Lists: "what languages do you know?", "which databases have you used?", "what are your
skills?". A profile lists things on labelled lines ("Frameworks: Django, React") or in a
section titled for them; the answer without a model quotes the lines that name what was asked
(or the things of the kind asked: "frameworks" and React), else the section whole."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.offline.passages import PRIVATE_MARK
from core.persona.offline.quotes import Quote, distinct, quote, trim
from core.persona.profiles import timeline
from core.persona.profiles.profile import Profile
from core.persona.questions.asking import SKILLS_ASKED
from core.persona.questions.understanding import GENERIC, expand
from core.persona.search.retrieval import Hit, members_of, overlap, terms

LIST_CHARS = 400  # a list is quoted whole up to here

_QUESTION_VERBS = re.compile(
    r"\b(?:use|used|using|know|known|have|had|got|hold|held|work|worked|working|speak|"
    r"spoken|like|enjoy|learn|learned|learnt|do|did|done|name|list|enumerate|give|tell)\b",
    re.I,
)


# "Name all your projects", "the full list of your publications": every entry asked for.
EVERY = re.compile(
    r"\b(?:all|every|each|full list|complete list|whole list|list|name them|enumerate)\b", re.I
)
_PART = re.compile(r"\s*\((?:part \d+|[^()]*\d{4}[^()]*)\)\s*$", re.I)


def sectioned(profile: Profile, question: str) -> list[Quote]:
    """The entries of the section the question names, one line of their titles ("Projects:
    Birdcount · Ledgerlint"): a list spread over one chunk per entry is gathered whole. The
    section with the most entries wins; [] when no section of two entries or more is named."""
    asked = set(terms(_QUESTION_VERBS.sub(" ", question))) - GENERIC
    sections: dict[str, list[str]] = {}
    whole: set[str] = set()  # sections with a chunk titled for them: one list, not entries
    for chunk in profile.chunks:
        named = set(terms(chunk.section.replace("_", " ")))
        if asked & named:
            title = _PART.sub("", chunk.title).strip()
            titles = sections.setdefault(chunk.section, [])
            if asked & set(terms(title)):
                whole.add(chunk.section)  # "Technical Skills" names the list, not an entry
                continue
            if title and title not in titles:
                titles.append(title)
    sections = {s: t for s, t in sections.items() if s not in whole}
    if not sections:
        return []
    section, titles = max(sections.items(), key=lambda kv: len(kv[1]))
    if len(titles) < 2:
        return []
    text = " · ".join(titles)
    label = section.replace("_", " ").capitalize()
    return [Quote(label, trim(text, LIST_CHARS), text)]


def with_items(lines: Sequence[str], at: int, most: int = 8) -> str:
    """Line `at`, and when it only leads in to a list ("Languages:" over "Russian - native",
    "English - intermediate"), the lines after it that carry no label of their own."""
    line = lines[at]
    if not line.rstrip().endswith(":") or len(line) > 60:
        return line
    items = []
    for nxt in lines[at + 1 : at + 1 + most]:
        if re.match(r"^[^:]{1,50}:", nxt):
            break
        items.append(nxt.strip())
    return f"{line.rstrip()} {', '.join(items)}" if items else line


def quoted(hits: Sequence[Hit], question: str, profile: Profile) -> list[Quote]:
    """The list asked for: the labelled lines of the best hits that name it ("Languages:
    ..."), else a section titled so, whole; the skills section for a skills question none
    answers; [] when nothing lists it."""
    top = [h for h in hits[:3] if h.score >= 0.3 * hits[0].score] if hits else []
    wider = _QUESTION_VERBS.sub(" ", expand(question))  # with the words profiles use
    question = _QUESTION_VERBS.sub(" ", question)
    asked = set(terms(question))
    extra = set(terms(wider)) - asked - GENERIC
    extra |= {m for t in asked for m in members_of(t)}  # "frameworks": React, Django...
    found: list[tuple[int, int, Quote]] = []
    for rank, hit in enumerate(top):
        chunk = hit.chunk
        lines = [ln for ln in timeline.clean_lines(chunk.text) if PRIVATE_MARK not in ln]
        labelled = False
        for at, line in enumerate(lines):
            line = with_items(lines, at)
            label, sep, _ = line.partition(":")
            if not sep or len(label) > 50:
                label, sep, _ = line.partition("(")
                sep = sep if len(label) <= 30 and "," not in label else ""
            named = overlap(question, label) if sep and len(label) <= 50 else 0
            if named:
                labelled = True
                exact = len(asked & set(terms(label)))
                reworded = len(extra & set(terms(label)))  # "interpersonal skills": "Soft skills"
                score = 3 * exact + 3 * reworded + 2 * named + overlap(question, line)
                found.append((-score, rank, quote(chunk, trim(line, LIST_CHARS))))
            elif sep and len(items := extra & set(terms(line))) >= 2:  # "AWS, GCP" for cloud
                found.append((-2 * len(items), rank, quote(chunk, trim(line, LIST_CHARS))))
        titled = overlap(wider, chunk.title)
        exact_title = bool(asked) and set(terms(chunk.title)) <= asked
        if titled and (not labelled or exact_title):
            whole = trim(" · ".join(lines), LIST_CHARS)
            exact = len(asked & set(terms(chunk.title)))
            bonus = 4 if exact_title else 0  # "what are your skills?": the Skills section whole
            found.append((-(3 * exact + 2 * titled + bonus), rank, quote(chunk, whole)))
    found.sort(key=lambda f: (f[0], f[1]))
    if not found and SKILLS_ASKED.search(question) and not any(members_of(t) for t in asked):
        skills = [c for c in profile.chunks if "skill" in f"{c.section} {c.title}".lower()]
        if skills:
            lines = [ln for ln in timeline.clean_lines(skills[0].text) if PRIVATE_MARK not in ln]
            return [quote(skills[0], trim(" · ".join(lines), LIST_CHARS))]
    if not found:
        return []
    strong = [q for score, _, q in found if score <= found[0][0] / 2]  # scores are negated
    return distinct(strong)


# "Full list of your technical skills", "dump every skill you've got", "what's your skill set":
# every skill, not the one kind a word would pick ("soft skills" asks for one kind).
EVERY_SKILL = re.compile(
    r"\b(?:all|every|whole|full|complete|entire)\b(?:\s+\w+){0,3}?\s+skills?\b|"
    r"\bskills?\b.*\b(?:all of them|whole list|full list|complete list)\b|\bskill ?set\b",
    re.I,
)
_ONE_KIND = re.compile(r"\b(?:soft|people|interpersonal|communication|language|spoken)\b", re.I)
_SKILLS = re.compile(r"skill|competenc|expertise|tech(?:nical|nolog)", re.I)
_NOT_SKILLS = re.compile(r"\bsoft\b|interview", re.I)
EVERY_CHARS = 700  # every skill: longer than a list of one kind


def every_skill(profile: Profile, question: str) -> list[Quote]:
    """Every skill the skills sections list, each chunk as "its title: its lines" (a section of
    categories is read through its categories); [] when the question asks for one kind or no
    section lists skills."""
    if _ONE_KIND.search(question):
        return []
    parts: list[str] = []
    first = None
    for chunk in profile.chunks:
        where = f"{chunk.section} {chunk.title}".replace("_", " ")
        if not _SKILLS.search(where) or _NOT_SKILLS.search(where):
            continue
        lines = [ln for ln in timeline.clean_lines(chunk.text) if PRIVATE_MARK not in ln]
        if not lines:
            continue
        first = first or chunk
        title = _PART.sub("", chunk.title).strip()
        said = " · ".join(lines)
        generic = _SKILLS.search(title) and len(title.split()) <= 3
        parts.append(said if generic else f"{title}: {said}")
    if first is None:
        return []
    text = " | ".join(parts)
    return [quote(first, trim(text, EVERY_CHARS))]
