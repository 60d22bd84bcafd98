"""What an import found, as lines a person reads: sections, jobs, schools, skills, counts."""

from __future__ import annotations

from core.importer.dates import format_range
from core.importer.model import Resume

_NOUNS = {"experience": ("job", "jobs"), "education": ("school", "schools")}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def found_lines(resume: Resume, sections: dict[str, str]) -> list[str]:
    """`Found:` lines for a merged profile."""
    lines = [f"Found: {resume.name or '(no name: edit the # heading)'}"]
    if resume.headline:
        lines[0] += f" - {resume.headline}"
    if resume.summary:
        lines.append(f"  Summary: {len(resume.summary.split())} words")
    if resume.location:
        lines.append(f"  Location: {resume.location}")
    for key, heading in sections.items():
        if key == "skills":
            if resume.skills:
                items = sum(len(s.split(":", 1)[-1].split(",")) for s in resume.skills)
                shown = ", ".join(resume.skills[:6]) + (" ..." if len(resume.skills) > 6 else "")
                lines.append(f"  Skills: {items} ({shown})")
            continue
        entries = resume.sections.get(key, [])
        if not entries:
            continue
        one, many = _NOUNS.get(key, ("entry", "entries"))
        lines.append(f"  {heading}: {_count(len(entries), one, many)}")
        if key in _NOUNS:
            for e in entries:
                what = (
                    " at ".join(p for p in (e.name, e.org) if p)
                    if key == "experience"
                    else (", ".join(p for p in (e.org, e.name) if p))
                )
                dates = format_range(e.start, e.end, e.current)
                lines.append(f"    - {what}" + (f" ({dates})" if dates else ""))
    for heading, _ in resume.extra:
        lines.append(f"  {heading}: kept under its own heading")
    if resume.private:
        labels = ", ".join(
            dict.fromkeys(label.split(" (")[0].lower() for label, _ in resume.private)
        )
        lines.append(
            f"  Private: {_count(len(resume.private), 'detail', 'details')} ({labels}) under"
            ' "Contact details (private)": never sent to the model'
        )
    return lines
