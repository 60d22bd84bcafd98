"""LinkedIn's "Get a copy of your data" archive, in the variants people report (see `inputs`)."""

from __future__ import annotations

import zipfile

import pytest

from core.importer.errors import ImportProblem
from core.importer.linkedin import read_linkedin
from core.importer.markdown import to_markdown
from core.importer.sources import read_source
from tests.importer import inputs

VARIANTS = {
    "2024 export, files at the top of the ZIP": lambda d: inputs.linkedin_zip(d, "2024"),
    "2024 export, files in a dated folder in the ZIP": lambda d: inputs.linkedin_zip(
        d, "2024", "Basic_LinkedInDataExport_12-01-2026/"
    ),
    "2018 export unpacked (Marital Status, BOM, CRLF, full month names)": lambda d: (
        inputs.linkedin_folder(d, "2018")
    ),
    "other header names, ISO dates, underscores in file names": lambda d: inputs.linkedin_zip(
        d, "alt"
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_gives_the_same_profile(tmp_path, variant):
    resume = read_source(VARIANTS[variant](tmp_path))
    assert resume.name == inputs.NAME
    assert resume.headline == inputs.HEADLINE  # not shifted by a column LinkedIn dropped
    assert resume.location == inputs.LOCATION
    assert resume.summary.startswith("Platform engineer who builds")
    jobs = resume.sections["experience"]
    assert [(j.name, j.org, j.start, j.end, j.current) for j in jobs] == [
        (title, company, start, end, end is None)
        for title, company, _, start, end, _ in inputs.JOBS
    ]
    assert "Cut deployment time from 45 minutes to 6 minutes" in " ".join(jobs[0].details)
    schools = resume.sections["education"]
    assert [(s.org, s.start[0] if s.start else None) for s in schools] == [
        (school, a) for _, _, school, a, _ in inputs.SCHOOLS
    ]
    assert "Computer Science" in schools[0].name
    assert resume.skills == inputs.SKILLS
    counts = {k: len(v) for k, v in resume.sections.items()}
    assert counts == {
        "experience": 3, "education": 2, "certifications": 2, "projects": 1, "languages": 3,
        "awards": 1, "courses": 1, "publications": 1, "volunteering": 1,
    }  # fmt: skip
    assert resume.sections["publications"][0].start == (2023, 4)  # "4/12/23"


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_messages_connections_and_contact_files_are_never_read(tmp_path, variant):
    resume = read_source(VARIANTS[variant](tmp_path))
    written = to_markdown(resume)
    for canary in ("canary-secret-message", "canary-ads-interest", "canary-invite", "Canary",
                   "canary.conn@example.com", "canary-rec"):  # fmt: skip
        assert canary not in written, canary
    skipped = " ".join(resume.skipped)
    for name in ("messages.csv", "Connections.csv", "Email Addresses.csv", "Ad_Targeting.csv",
                 "Invitations.csv"):  # fmt: skip
        assert name in skipped
    assert "Phone" in skipped and "Recommendations" not in written


def test_profile_csv_private_columns_go_to_the_private_section(tmp_path):
    resume = read_source(inputs.linkedin_folder(tmp_path, "2018"))
    private = dict(resume.private)
    assert private["Address"] == inputs.ADDRESS
    assert private["Birth date"] == inputs.BIRTH
    assert private["Marital status"] == "Single"
    assert private["Twitter"] == "rosa_builds"
    assert "LF-0042-77" in " ".join(private.values())  # a licence number
    public = to_markdown(resume).split("## Contact details (private)")[0]
    assert inputs.ADDRESS not in public and inputs.BIRTH not in public


def test_a_zip_that_is_not_a_linkedin_export_is_refused(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("holiday/notes.txt", "sun")
        z.writestr("Connections.csv", inputs.CONNECTIONS)  # contacts alone are not a profile
    with pytest.raises(ImportProblem, match="not a LinkedIn data export"):
        read_linkedin(path)


def test_a_corrupt_zip_is_refused(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip"
    path.write_bytes(b"PK\x03\x04 truncated download")
    with pytest.raises(ImportProblem, match="not a readable ZIP"):
        read_source(path)


def test_the_export_date_in_the_archive_name_dates_the_source(tmp_path):
    assert read_source(inputs.linkedin_zip(tmp_path)).as_of == (2026, 12)
