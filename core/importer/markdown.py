"""A `Resume` written as a Markdown profile the owner can read and edit.

The layout is the one `core.persona.profiles.profile_markdown` reads: front matter with the name and
headline, a `# Name` heading, the summary, then one `##` heading per section and one `###`
heading per job, school or project ("Data Engineer at Northwind Freight (Mar 2022 - present)",
the shape the timeline reads to tell the current role from past ones). Contact details,
addresses and birth dates go under "## Contact details (private)": a heading about contact
details is always withheld by the profile reader, so none of it reaches a prompt, and
`twin privacy` lists it.
"""

from __future__ import annotations

import re

from core.importer.dates import format_month, format_range
from core.importer.model import SECTIONS, Entry, Resume

PRIVATE_HEADING = "Contact details (private)"
_DATED = {"experience", "education", "volunteering", "projects"}


def _recent_first(entries: list[Entry]) -> list[Entry]:
    def when(e: Entry) -> tuple[int, tuple[int, int]]:
        return (1 if e.current else 0, e.end or e.start or (0, 0))

    return sorted(entries, key=when, reverse=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _title(section: str, entry: Entry) -> str:
    name, org = _one_line(entry.name), _one_line(entry.org)
    if section in ("experience", "volunteering"):
        head = f"{name} at {org}" if name and org else name or org
    elif section == "education":
        head = f"{name}, {org}" if name and org else name or org
    else:
        head = f"{name} ({org})" if name and org else name or org
    dates = format_range(entry.start, entry.end, entry.current)
    return f"{head} ({dates})" if dates else head


_BULLET = re.compile(r"^\s*(?:[-*+•▪◦●‣∙·–])\s+")


def _details(entry: Entry) -> list[str]:
    """Paragraphs apart, bullets together; "•" and other bullets written as Markdown "- "
    (LinkedIn descriptions keep the bullets their owners typed)."""
    lines: list[str] = []
    for detail in entry.details:
        for raw in detail.splitlines():
            text = raw.strip()
            if not text:
                continue
            if _BULLET.match(text):
                text = "- " + _BULLET.sub("", text, count=1)
            if lines and not (text.startswith("- ") and lines[-1].startswith("- ")):
                lines.append("")
            lines.append(text)
    return lines


def _fact(section: str, entry: Entry) -> str:
    """The entry as one sentence: every heading gets a body (the profile reader keeps only
    headings with text under them), in words people ask with ("studied", "worked")."""
    name, org = _one_line(entry.name), _one_line(entry.org)
    dates = format_range(entry.start, entry.end, entry.current)
    where = f" in {_one_line(entry.where)}" if entry.where else ""
    when = f" ({dates})" if dates else ""
    if section == "education":
        what = f"{name} at {org}" if name and org else name or org
        return f"Studied {what}{when}."
    if section in ("experience", "volunteering"):
        role = f" as {name}" if name else ""
        at = f" at {org}" if org else ""
        if entry.current:
            since = f", since {format_month(entry.start)}" if entry.start else ""
            verb = "Currently volunteering" if section == "volunteering" else "Currently working"
            return f"{verb}{role}{at}{where}{since}."
        verb = "Volunteered" if section == "volunteering" else "Worked"
        return f"{verb}{role}{at}{where}{when}."
    return ""


def _entry_section(section: str, entries: list[Entry]) -> list[str]:
    out: list[str] = []
    for entry in _recent_first(entries):
        out += ["", f"### {_title(section, entry)}"]
        fact = _fact(section, entry)
        if fact:
            out += ["", fact]
        details = _details(entry)
        if details:
            out += ["", *details]
        elif not fact:
            out += ["", _title(section, entry)]
    return out


def _list_section(section: str, entries: list[Entry]) -> list[str]:
    out = [""]
    for entry in entries:
        name, org = _one_line(entry.name), _one_line(entry.org)
        if section == "languages":
            line = f"{name} ({org})" if name and org else name or org
        elif section == "courses":
            line = f"{name} ({org})" if org else name
        else:
            line = f"{name} - {org}" if name and org else name or org
        date = format_month(entry.start)
        if date and date not in line:
            line += f" ({date})"
        extra = "; ".join(_one_line(d) for d in entry.details if d.strip())
        out.append(f"- {line}: {extra}" if extra else f"- {line}")
    return out


# Programming languages, so a flat skills list (LinkedIn's) answers "what languages do you
# program in?" the way an owner's own "Languages: Python, SQL" line does.
_PROGRAMMING = {
    "python", "go", "golang", "java", "javascript", "typescript", "c", "c++", "c#", "rust",
    "ruby", "php", "kotlin", "swift", "scala", "r", "sql", "bash", "shell", "perl", "haskell",
    "elixir", "erlang", "dart", "matlab", "julia", "lua", "clojure", "objective-c", "groovy",
    "f#", "fortran", "cobol", "ocaml", "zig", "solidity", "vba", "powershell", "html", "css",
}  # fmt: skip


def _skills(skills: list[str]) -> list[str]:
    grouped = [s for s in skills if ":" in s]
    plain = [s for s in skills if ":" not in s]
    languages = [s for s in plain if s.strip().lower() in _PROGRAMMING]
    if languages and not any(g.lower().startswith(("languages", "programming")) for g in grouped):
        grouped.append(f"Programming languages: {', '.join(languages)}")
        plain = [s for s in plain if s not in languages]
    out = [""] + [f"- {s}" for s in grouped]
    if plain:
        out.append(f"- {'Other skills' if grouped else 'Skills'}: {', '.join(plain)}")
    return out


def _overview(entries: list[Entry]) -> list[str]:
    """Every job on one line each, newest first: answers "before X", "first job", "list your
    jobs" from one chunk."""
    lines = ["", "Jobs, newest first:", ""]
    for entry in _recent_first(entries):
        lines.append(f"- {_title('experience', entry)}")
    return lines


def current_role(resume: Resume) -> str:
    """ "Title at Company" of the newest current job, or ""."""
    jobs = [e for e in resume.sections.get("experience", []) if e.current]
    if not jobs:
        return ""
    job = _recent_first(jobs)[0]
    return f"{job.name} at {job.org}" if job.name and job.org else job.name or job.org


def to_markdown(resume: Resume, note: str = "") -> str:
    """The profile as Markdown; `note` goes in an HTML comment (the reader skips comments)."""
    name = _one_line(resume.name) or "Your Name"
    headline = _one_line(resume.headline) or current_role(resume)
    out = ["---", f"name: {name}"]
    if headline:
        out.append(f"headline: {headline}")
    out += ["---", "", f"# {name}", ""]
    if headline:
        out += [headline, ""]
    if note:
        out += [f"<!-- {note} -->", ""]
    summary = resume.summary.strip()
    if summary:
        out += [summary, ""]
    if resume.location:
        out += [f"Based in {_one_line(resume.location)}.", ""]
    if resume.facts:
        out += [*resume.facts, ""]
    if resume.private:
        out += [
            f"## {PRIVATE_HEADING}",
            "",
            "<!-- Never sent to the model: the privacy rules withhold this section; `twin"
            " privacy` lists it. -->",
            "",
        ]
        out += [f"- {label}: {_one_line(value)}" for label, value in resume.private]
        out.append("")
    for section, heading in SECTIONS.items():
        if section == "skills":
            if resume.skills:
                out += [f"## {heading}", *_skills(resume.skills), ""]
            continue
        entries = resume.sections.get(section, [])
        if not entries:
            continue
        body = (
            _entry_section(section, entries)
            if section in _DATED
            else _list_section(section, entries)
        )
        if section == "experience" and len(entries) > 1:
            body = _overview(entries) + body
        out += [f"## {heading}", *body, ""]
    for heading, text in resume.extra:
        if text.strip():
            out += [f"## {heading}", "", text.strip(), ""]
    return "\n".join(out).rstrip() + "\n"
