"""What an import found, in one shape for every source: basics, private details, sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.importer.dates import Month

# The sections a profile can have, in the order the Markdown profile lists them, with headings.
SECTIONS: dict[str, str] = {
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "certifications": "Certifications",
    "projects": "Projects",
    "languages": "Languages",
    "awards": "Honors and awards",
    "publications": "Publications",
    "courses": "Courses",
    "volunteering": "Volunteering",
    "interests": "Interests",
    "references": "Recommendations",
}


@dataclass
class Entry:
    """One job, school, certificate, project... `name` is the title, degree or item name,
    `org` the company, school or issuer; `end` None with `current` True means "present"."""

    name: str = ""
    org: str = ""
    start: Month | None = None
    end: Month | None = None
    current: bool = False
    where: str = ""
    details: list[str] = field(default_factory=list)  # paragraphs and bullet points
    source: str = ""  # the file it came from

    def is_empty(self) -> bool:
        return not (self.name or self.org or self.details)


@dataclass
class Resume:
    """Everything one source (or several merged) says about the owner."""

    name: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    facts: list[str] = field(default_factory=list)  # one-line public facts ("Industry: ...")
    private: list[tuple[str, str]] = field(default_factory=list)  # (label, value): never public
    sections: dict[str, list[Entry]] = field(default_factory=dict)  # SECTIONS keys
    skills: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (heading, text) not placed
    skipped: list[str] = field(default_factory=list)  # what was deliberately not read
    sources: list[str] = field(default_factory=list)
    as_of: Month | None = None  # how recent the source is: newer wins in a merge

    def entries(self, section: str) -> list[Entry]:
        return self.sections.setdefault(section, [])

    def add(self, section: str, entry: Entry) -> None:
        if not entry.is_empty():
            self.entries(section).append(entry)

    def add_private(self, label: str, value: str) -> None:
        value = " ".join(str(value).split())
        if value and (label, value) not in self.private:
            self.private.append((label, value))
