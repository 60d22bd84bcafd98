"""Which reader a source needs: a LinkedIn export, a JSON Resume, or a résumé (PDF, DOCX,
Markdown, text). Nothing here touches the network."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from core.importer.errors import ImportProblem
from core.importer.json_resume import load_json, read_json_resume
from core.importer.linkedin import looks_like_linkedin, read_linkedin
from core.importer.model import Resume
from core.importer.resume_text import read_resume_text

_TEXT = {".md", ".markdown", ".txt", ".text", ""}


def _mtime(path: Path) -> tuple[int, int]:
    when = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return (when.year, when.month)


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ImportProblem(path, "a binary file, not a résumé in text, PDF or DOCX")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_source(path: Path) -> Resume:
    """One source read into a `Resume`; ImportProblem (one sentence) when it cannot be."""
    if not path.exists():
        raise ImportProblem(path, "file or folder not found")
    if path.is_dir():
        if looks_like_linkedin(path):
            return read_linkedin(path)
        raise ImportProblem(
            path, "a folder, but not an unpacked LinkedIn export (no Profile.csv, Positions.csv...)"
        )
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            return read_linkedin(path)
        if suffix == ".json":
            resume = read_json_resume(path, load_json(path))
            resume.as_of = resume.as_of or _mtime(path)
            return resume
        if suffix == ".pdf":
            from core.importer.documents import pdf_text

            text, kind = pdf_text(path), "PDF"
        elif suffix == ".docx":
            from core.importer.documents import docx_text

            text, kind = docx_text(path), "DOCX"
        elif suffix in _TEXT:
            text, kind = _text(path), "text"
        elif suffix == ".doc":
            raise ImportProblem(path, "an old Word .doc file: save it as .docx or PDF first")
        elif zipfile.is_zipfile(path):
            return read_linkedin(path)
        else:
            raise ImportProblem(
                path,
                "unknown kind of file: give a LinkedIn export (.zip or folder), a JSON"
                " Resume (.json), or a résumé (.pdf, .docx, .md, .txt)",
            )
    except OSError as exc:
        raise ImportProblem(path, f"cannot read it ({exc.strerror or 'OS error'})") from None
    if len(text.split()) < 5:
        raise ImportProblem(path, f"the résumé is empty (no text found in the {kind} file)")
    resume = read_resume_text(text, path.name)
    resume.as_of, resume.sources = _mtime(path), [str(path)]
    if not resume.name and not resume.sections and not resume.skills:
        raise ImportProblem(path, "found no name and no sections in it: is this a résumé?")
    return resume
