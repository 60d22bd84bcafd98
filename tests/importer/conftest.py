"""Every imported profile of Rosa Lindqvist, built from inputs the tests write themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.importer.markdown import to_markdown
from core.importer.merge import merge
from core.importer.sources import read_source
from core.persona.profiles.profile import Profile, load_profile
from tests.importer import inputs

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "linkedin-zip-2024": lambda d: inputs.linkedin_zip(d, "2024"),
    "linkedin-zip-in-folder": lambda d: inputs.linkedin_zip(
        d, "2024", "Basic_LinkedInDataExport_12-01-2026/"
    ),
    "linkedin-folder-2018": lambda d: inputs.linkedin_folder(d, "2018"),
    "linkedin-zip-alt-headers": lambda d: inputs.linkedin_zip(d, "alt"),
    "pdf-single-column": lambda d: inputs.pdf_single_column(d / "cv.pdf"),
    "pdf-two-columns": lambda d: inputs.pdf_two_columns(d / "cv.pdf"),
    "pdf-capital-headings": lambda d: inputs.pdf_single_column(d / "cv.pdf", caps=True),
    "docx-styled": lambda d: inputs.docx_styled(d / "cv.docx"),
    "docx-two-columns": lambda d: inputs.docx_two_columns(d / "cv.docx"),
    "markdown": lambda d: _write(d / "cv.md", inputs.resume_text(markdown=True)),
    "text-capital-headings": lambda d: _write(d / "cv.txt", inputs.resume_text(caps=True)),
    "json-resume": lambda d: inputs.json_resume(d / "resume.json"),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def imported(kind: str, folder: Path) -> tuple[Path, Profile]:
    """Build one input, import it, write the Markdown profile and load it as the twin does."""
    source = BUILDERS[kind](folder)
    out = folder / "profile.md"
    out.write_text(to_markdown(merge([read_source(source)])), encoding="utf-8")
    return out, load_profile(out)


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Profile]]:
    return {kind: imported(kind, tmp_path_factory.mktemp(kind)) for kind in BUILDERS}
