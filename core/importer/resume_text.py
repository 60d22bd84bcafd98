"""A résumé's text (from a PDF, a DOCX, Markdown or plain text) split into a profile.

Sections are found by their headings: a Markdown heading, a known heading on a line of its own
("Work Experience", "EDUCATION", "Skills:"), or a short line in capitals. The top lines before
the first heading give the name, the headline and the contact details (which go to the private
section). Under Experience, Education, Projects and Volunteering each entry starts at a header
line (title, company, dates in any order and separator) followed by its bullets; a line that
wrapped is joined back to the bullet it belongs to. A section with a heading of its own is kept
under that heading; text that belongs nowhere goes to "Other".
"""

from __future__ import annotations

import re

from core.importer.model import Entry, Resume
from core.importer.resume_entries import entries
from core.importer.resume_lines import (
    MD_HEADING,
    dated,
    find_range,
    is_bullet,
    join_wrapped_dates,
    plain,
    unbullet,
)

_HEADINGS = {
    "summary": "summary, profile, professional summary, about, about me, objective, career"
    " objective, personal statement, overview, professional profile, career summary, bio,"
    " personal profile, introduction",
    "experience": "experience, work experience, professional experience, employment, employment"
    " history, work history, career history, relevant experience, career, positions,"
    " professional background, work",
    "education": "education, academic background, education and training, qualifications,"
    " academic qualifications, studies",
    "skills": "skills, technical skills, key skills, core skills, core competencies,"
    " competencies, technologies, tools, skills and tools, expertise, tech stack, skills and"
    " technologies, technical expertise",
    "projects": "projects, personal projects, selected projects, side projects, portfolio,"
    " open source",
    "certifications": "certifications, certificates, licenses and certifications, licences and"
    " certifications, certification, licenses, licences, accreditations",
    "languages": "languages, spoken languages, language skills",
    "awards": "awards, honors, honours, honors and awards, honours and awards, awards and honors,"
    " awards and honours, achievements, awards and achievements",
    "publications": "publications, papers, talks and publications, publications and talks",
    "courses": "courses, training, coursework, professional development, further training",
    "volunteering": "volunteering, volunteer experience, volunteer work, volunteer, community,"
    " community involvement",
    "interests": "interests, hobbies, hobbies and interests, outside work, personal interests",
    "references": "references, recommendations",
    "other": "other, additional information, miscellaneous, additional, more, extras",
    "contact": "contact, contact details, contact information, personal details, personal"
    " information, details",
}
_HEADING_OF = {
    phrase.strip(): section
    for section, phrases in _HEADINGS.items()
    for phrase in phrases.split(",")
}
_ENTRY_SECTIONS = {"experience", "education", "projects", "volunteering"}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|\b)\d[\d ().-]{7,}\d\b")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|dev|me|org|net)/\S*", re.I)
_LABELLED_PRIVATE = re.compile(
    r"^\s*(e-?mail|phone|mobile|tel|telephone|address|date of birth|birth ?date|born|dob|"
    r"linkedin|github|website|web|twitter|nationality|visa)\s*[:：]\s*(.+)$",
    re.I,
)


def heading_of(line: str) -> tuple[str, str] | None:
    """(section, heading) when `line` is a section heading; section "custom" for a heading the
    table does not know (a Markdown heading or a short line in capitals)."""
    md = MD_HEADING.match(line)
    text = plain(md.group(2) if md else line).strip().rstrip(":：").strip()
    if not text or len(text) > 50:
        return None
    key = " ".join(re.findall(r"[a-z]+", text.lower().replace("&", " and ")))
    if key in _HEADING_OF and (md or len(text.split()) <= 5):
        return _HEADING_OF[key], text.title() if text.isupper() else text
    if md:
        return "custom", text
    letters = [c for c in text if c.isalpha()]
    if (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(text.split()) <= 4
        and not re.search(r"\d", text)
    ):
        return "custom", text.title()
    return None


def _list_items(lines: list[str]) -> list[str]:
    bullets = any(is_bullet(line) for line in lines)
    items: list[str] = []
    for line in lines:
        if bullets and not is_bullet(line) and items:
            items[-1] = f"{items[-1]} {plain(line)}"
        else:
            items.append(unbullet(line))
    return [i for i in items if i]


def _skill_items(lines: list[str]) -> list[str]:
    out: list[str] = []
    for item in _list_items(lines):
        if re.match(r"^[^:]{1,40}:\s", item):  # "Languages: Python, SQL" stays one line
            out.append(item)
        else:
            out += [p.strip(" .") for p in re.split(r"\s*[,;|•·]\s*", item) if p.strip(" .")]
    return out


def resume_started(sections: list[tuple[str, str, list[str]]]) -> bool:
    """Whether anything came before this line (a heading at the very top is the name)."""
    return len(sections) > 1 or any(line.strip() for line in sections[0][2])


def _take_name(resume: Resume, lines: list[str]) -> list[str]:
    """The owner's name (and the headline under it) taken out of the lines: the first line that
    looks like a name, wherever a two-column layout put it; a Markdown `#` heading wins."""
    found = next((i for i, line in enumerate(lines[:80]) if re.match(r"^#\s", line)), None)
    if found is None:
        candidates = (
            i
            for i, line in enumerate(lines[:80])
            if not is_bullet(line) and _looks_like_name(plain(line))
        )
        found = next(candidates, None)
    if found is None:
        return lines
    md = MD_HEADING.match(lines[found])
    name = plain(md.group(2) if md else lines[found])
    resume.name = name.title() if name.isupper() else name
    taken = {found}
    nxt = next((i for i in range(found + 1, len(lines)) if lines[i].strip()), None)
    if nxt is not None:
        line = plain(lines[nxt])
        plain_line = not (is_bullet(lines[nxt]) or heading_of(lines[nxt]) or dated(line))
        if (
            plain_line
            and len(line.split()) <= 12
            and not line.endswith(".")
            and not _is_contact(line)
        ):
            resume.headline = line
            taken.add(nxt)
    return [line for i, line in enumerate(lines) if i not in taken]


def _is_contact(line: str) -> bool:
    return bool(_LABELLED_PRIVATE.match(line) or _EMAIL.search(line) or _URL.search(line))


def _top(resume: Resume, lines: list[str]) -> list[str]:
    """Name, headline and contact details from the lines before the first heading; returns the
    lines left over (a summary without a heading, when there is one)."""
    rest: list[str] = []
    after_private = False
    for raw in lines:
        md = MD_HEADING.match(raw)
        for line in _apart(plain(md.group(2) if md else raw)):
            after_private = _top_line(resume, line, rest, after_private)
    return rest


def _apart(line: str) -> list[str]:
    """A line's sentences apart when some are contact details and some are not ("Backend
    developer in Malmö. Email: ..."), so the contact detail does not take the sentence with it."""
    parts = _SENTENCE_END.split(line)
    contact = [_is_contact(part) for part in parts]
    return parts if any(contact) and not all(contact) else [line]


def _top_line(resume: Resume, line: str, rest: list[str], after_private: bool) -> bool:
    """One line before the first heading into the contact details, the headline or `rest`;
    returns whether it was a contact detail (the next line may continue it)."""
    if _contact(resume, line):
        return True
    if after_private and len(line.split()) <= 3 and resume.private and not line.endswith("."):
        label, value = resume.private.pop()  # a contact detail that wrapped onto this line
        resume.add_private(label, f"{value} {line}")
        return True
    short = len(line.split()) <= 14 and not line.endswith(".")
    if resume.name and not resume.headline and not rest and short:
        resume.headline = line
        return False
    rest.append(line)
    return False


def _looks_like_name(line: str) -> bool:
    """Two to five capitalised words, no digits or symbols, not a known section heading."""
    words = line.split()
    heading = heading_of(line)
    return (
        1 < len(words) <= 5
        and not re.search(r"[\d@/:|,]", line)
        and all(w[:1].isupper() for w in words if w[:1].isalpha())
        and (heading is None or heading[0] == "custom")
    )


def _contact(resume: Resume, line: str) -> bool:
    """Contact details on a line (alone or separated by | • ·) go to the private section."""
    labelled = _LABELLED_PRIVATE.match(line)
    if labelled:
        resume.add_private(labelled.group(1).strip().capitalize(), labelled.group(2))
        return True
    pieces = [p.strip() for p in re.split(r"\s*[|•·]\s*|\s{3,}", line) if p.strip()]
    found = False
    public: list[str] = []
    for piece in pieces:
        if _EMAIL.search(piece):
            resume.add_private("Email", piece)
            found = True
        elif _URL.search(piece) or "linkedin" in piece.lower():
            resume.add_private("Link", piece)
            found = True
        elif (_PHONE.search(piece) and sum(c.isdigit() for c in piece) >= 8) or (
            re.fullmatch(r"[\d\s()+./-]{4,}", piece) and sum(c.isdigit() for c in piece) >= 3
        ):
            resume.add_private("Phone", piece)
            found = True
        else:
            public.append(piece)
    if found and public:  # "Leeds, UK" beside an e-mail address: where the owner is based
        place = ", ".join(public)
        if len(place.split()) <= 6 and not re.search(r"\d", place):
            resume.location = resume.location or place
        else:
            resume.add_private("Contact", place)
    return found


def read_resume_text(text: str, source: str) -> Resume:
    """A résumé's text split into a profile (see the module docstring)."""
    resume = Resume(sources=[source])
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = join_wrapped_dates([line.replace("\u00a0", " ") for line in lines])
    lines = _take_name(resume, lines)
    sections: list[tuple[str, str, list[str]]] = [("top", "", [])]
    for line in lines:
        if not line.strip():
            if sections[-1][2] and sections[-1][2][-1] != "":
                sections[-1][2].append("")
            continue
        found = heading_of(line)
        inline = re.match(r"^\s*([A-Za-z][A-Za-z &]{2,30}):\s+(\S.*)$", line)
        known = heading_of(inline.group(1)) if found is None and inline else None
        at_break = not sections[-1][2] or sections[-1][2][-1] == ""  # after a blank line
        if (
            known is not None
            and inline is not None
            and at_break
            and known[0] not in ("custom", "contact", "summary")
            and sections[-1][0] != known[0]
            and (sections[-1][0], known[0]) != ("skills", "languages")  # "Languages: Go" there
        ):
            sections.append((known[0], known[1], [inline.group(2)]))  # "Skills: Go, SQL"
            continue
        md = MD_HEADING.match(line)
        current = sections[-1][0]
        if found and found[0] == "custom" and current == "top" and not resume_started(sections):
            sections[-1][2].append(line)  # the name, in capitals or as a heading, at the very top
        elif found and not (
            found[0] == "custom" and current in _ENTRY_SECTIONS and md and len(md.group(1)) > 2
        ):
            sections.append((found[0], found[1], []))
        else:
            sections[-1][2].append(line)
    other: list[str] = []
    summary: list[str] = []
    for section, heading, body in sections:
        content = [line for line in body if line.strip()]
        if section == "top":
            top = _top(resume, content)
            has_summary = any(s == "summary" for s, _, _ in sections)
            (other if has_summary else summary).extend(top)
        elif section == "summary":
            summary += [plain(line) for line in body]
        elif section == "contact":
            for line in content:
                if not _contact(resume, plain(line)):
                    resume.add_private("Contact", plain(line))
        elif section in _ENTRY_SECTIONS:
            resume.sections.setdefault(section, []).extend(entries(section, content, source))
        elif section == "skills":
            resume.skills += _skill_items(content)
        elif section in ("custom", "other"):
            if content:
                resume.extra.append((heading, "\n".join(_para(body))))
        else:
            for item in _list_items(content):
                dates = find_range(item)
                resume.add(section, Entry(item, start=dates[0] if dates else None, source=source))
    resume.summary = "\n\n".join(_para(summary))
    if other:
        resume.extra.append(("Other", "\n".join(other)))
    return resume


def _para(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs (a blank line ends one; bullets stay lines)."""
    out: list[str] = []
    joinable = False
    for line in lines:
        if not line.strip():
            joinable = False
            continue
        if is_bullet(line):
            out.append("- " + unbullet(line))
            joinable = False
        elif joinable:
            out[-1] = f"{out[-1]} {plain(line)}"
        else:
            out.append(plain(line))
            joinable = True
    return out
