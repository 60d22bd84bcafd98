"""Résumés as PDF (three layouts), DOCX (two), Markdown and text, and the files refused."""

from __future__ import annotations

import pytest

from core.importer.documents import NO_TEXT_LAYER
from core.importer.errors import ImportProblem
from core.importer.markdown import to_markdown
from core.importer.sources import read_source
from tests.importer import inputs
from tests.importer.conftest import BUILDERS

RESUMES = [k for k in BUILDERS if not k.startswith(("linkedin", "json"))]


@pytest.mark.parametrize("kind", RESUMES)
def test_sections_jobs_and_schools_are_found_in_every_layout(tmp_path, kind):
    resume = read_source(BUILDERS[kind](tmp_path))
    assert resume.name == inputs.NAME
    assert resume.headline == "Platform Engineer"
    assert resume.summary.startswith("Platform engineer who builds internal developer platforms")
    jobs = resume.sections["experience"]
    assert [(j.name, j.org, j.where, j.start, j.end, j.current) for j in jobs] == [
        (title, company, place, start, end, end is None)
        for title, company, place, start, end, _ in inputs.JOBS
    ]
    assert any("6 minutes with preview environments" in d for d in jobs[0].details)
    schools = resume.sections["education"]
    assert [(s.name, s.org, s.start, s.end) for s in schools] == [
        (f"{degree} {field}", school, (a, 0), (b, 0))
        for degree, field, school, a, b in inputs.SCHOOLS
    ]
    assert resume.skills == inputs.SKILLS
    counts = {k: len(v) for k, v in resume.sections.items()}
    assert counts == {
        "experience": 3, "education": 2, "certifications": 2, "projects": 1, "languages": 3,
        "awards": 1, "courses": 1, "publications": 1, "volunteering": 1,
    }  # fmt: skip
    assert resume.sections["projects"][0].name == "kube-lantern"
    assert ("Other", "Driving licence, category B. Happy to relocate within the Nordics.") in (
        resume.extra
    )


@pytest.mark.parametrize("kind", RESUMES)
def test_contact_details_go_to_the_private_section_only(tmp_path, kind):
    resume = read_source(BUILDERS[kind](tmp_path))
    private = " ".join(value for _, value in resume.private)
    for value in (inputs.EMAIL, "Storgatan 12", inputs.BIRTH):
        assert value in private, (kind, value)
    assert "70" in private and "45 67" in private  # the phone number, even wrapped
    public = to_markdown(resume).split("## Contact details (private)")[0]
    assert inputs.EMAIL not in public and "Storgatan" not in public
    assert resume.location == inputs.LOCATION


def test_text_that_belongs_to_no_section_is_kept_under_other():
    from core.importer.resume_text import read_resume_text

    text = "Ada Byron\nEngineer\nLoose note before it all.\nada@example.org\n\nSummary\nBuilds.\n"
    resume = read_resume_text(text, "cv")
    assert (resume.name, resume.headline, resume.summary) == ("Ada Byron", "Engineer", "Builds.")
    assert resume.extra == [("Other", "Loose note before it all.")]


def test_a_password_protected_pdf_is_refused(tmp_path):
    plain = inputs.pdf_single_column(tmp_path / "plain.pdf")
    locked = inputs.pdf_with_password(tmp_path / "locked.pdf", plain)
    with pytest.raises(ImportProblem, match="password-protected"):
        read_source(locked)


def test_a_scanned_pdf_without_a_text_layer_is_refused(tmp_path):
    with pytest.raises(ImportProblem) as caught:
        read_source(inputs.pdf_image_only(tmp_path / "scan.pdf"))
    assert caught.value.problem == NO_TEXT_LAYER


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "not a readable PDF"),
        ("cv.pdf", b"", "not a readable PDF"),
        ("cv.docx", b"PK\x03\x04 not really a document", "not a readable DOCX"),
        ("cv.docx", b"plain words, not a zip", "not a readable DOCX"),
        ("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 encrypted", "password-protected"),
        ("cv.txt", b"  \n\n \t\n", "the résumé is empty"),
        ("cv.md", b"# \n\n", "the résumé is empty"),
        ("cv.doc", b"\xd0\xcf\x11\xe0 old word", "save it as .docx or PDF"),
        ("cv.odt", b"whatever", "unknown kind of file"),
    ],
)
def test_a_corrupt_or_empty_file_is_one_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportProblem, match=message):
        read_source(path)


def test_an_empty_docx_is_an_empty_resume(tmp_path):
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(ImportProblem, match="the résumé is empty"):
        read_source(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ImportProblem, match="not found"):
        read_source(tmp_path / "nope.pdf")


def test_a_plain_text_resume_in_other_shapes():
    """A title on one line with the company and dates under it, "Title at Company (years)",
    and sections written inline ("Skills: ..."), with a category line inside Skills kept."""
    from core.importer.resume_text import read_resume_text

    text = (
        "Sam Park\nData Engineer\nsam@example.com\n\nExperience\n"
        "Analytics Engineer\nGlobex, Seoul | Mar 2021 - Present\n- Led the dbt migration.\n"
        "Data Engineer at Acme (2019 - 2021)\n- Built pipelines.\n\n"
        "Skills: dbt, Airflow\nLanguages: Python, SQL\n\nInterests: hiking, chess\n"
    )
    resume = read_resume_text(text, "cv.txt")
    jobs = [
        (j.name, j.org, j.where, j.start, j.end, j.current) for j in resume.sections["experience"]
    ]
    assert jobs == [
        ("Analytics Engineer", "Globex", "Seoul", (2021, 3), None, True),
        ("Data Engineer", "Acme", "", (2019, 0), (2021, 0), False),
    ]
    assert resume.skills == ["dbt", "Airflow", "Languages: Python, SQL"]
    assert [e.name for e in resume.sections["interests"]] == ["hiking, chess"]
    assert "languages" not in resume.sections


def test_a_sentence_beside_a_contact_detail_stays_public():
    """A line "Backend developer in Malmö. Email: ..." under the name: the sentence is the
    summary, only the address is private (the whole line used to go there as the e-mail)."""
    from core.importer.resume_text import read_resume_text

    text = "# Oskar Lind\n\nBackend developer in Malmö. Email: oskar@example.org\n\n## Skills\nGo\n"
    resume = read_resume_text(text, "resume.md")
    assert resume.private == [("Email", "oskar@example.org")]
    assert resume.summary == "Backend developer in Malmö."
