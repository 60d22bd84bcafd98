"""Text out of PDF and DOCX résumés (pypdf, python-docx), imported only when one is read.

A PDF's text comes in the order its pages draw it (two-column layouts drawn one column after
the other come out one column after the other). A PDF with a password, or with no text layer
(a scan), cannot be read: the error says what to do. A DOCX gives its paragraphs and tables in
document order, headings as Markdown headings and list paragraphs as bullets, so the résumé
reader sees the same shapes in every format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from core.importer.errors import ImportProblem

NO_TEXT_LAYER = "no text layer: export it as text or run OCR first"
_LOCKED = "the PDF is password-protected: save a copy without the password first"


def pdf_text(path: Path) -> str:
    """Every page's text; ImportProblem for a locked, image-only or corrupt PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportProblem(path, _LOCKED)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportProblem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        name = type(exc).__name__
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise ImportProblem(path, _LOCKED) from None
        raise ImportProblem(path, f"not a readable PDF (corrupt or truncated: {name})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ImportProblem(path, NO_TEXT_LAYER)
    return text


def _paragraph_line(paragraph: Any) -> str:
    text = str(paragraph.text).strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") or style == "Title":
        level = style.removeprefix("Heading").strip()
        return "#" * (int(level) if level.isdigit() else 1) + " " + text
    if "List" in style:
        return "- " + text
    return text


def _lines(container: Any) -> list[str]:
    """Paragraphs and tables in document order; a table's cells one after another, row by row
    (a two-column layout built as a table reads one column, then the other)."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                        continue
                    seen.add(id(cell._tc))
                    lines += _lines(cell)
                    lines.append("")
        else:
            lines.append(_paragraph_line(block))
    return lines


def docx_text(path: Path) -> str:
    """The document's text (see the module docstring); ImportProblem when it cannot be read."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with path.open("rb") as f:
        if f.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE container: Word encrypts a DOCX into one
            raise ImportProblem(
                path,
                "the document is password-protected (or an old .doc renamed): save a copy"
                " without the password, as .docx or PDF",
            )
    try:
        document = docx.Document(str(path))
        text = "\n".join(_lines(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportProblem(
            path, f"not a readable DOCX (corrupt, or another format: {type(exc).__name__})"
        ) from None
    return text
