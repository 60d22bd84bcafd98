"""Several sources, one profile: a fact in two is kept once, the newer source wins."""

from __future__ import annotations

import os

from core.importer.markdown import to_markdown
from core.importer.merge import merge
from core.importer.model import Entry, Resume
from core.importer.sources import read_source
from tests.importer import inputs


def test_the_same_job_in_two_sources_is_kept_once_and_the_newer_dates_win():
    old = Resume(name="Rosa L", headline="SRE", as_of=(2021, 1), skills=["Go", "kubernetes"])
    old.add(
        "experience",
        Entry(
            "Platform Engineer",
            "Tidewater Logistics",
            (2021, 3),
            (2021, 12),
            False,
            "",
            ["Built the platform.", "Ran the migration."],
        ),
    )
    old.add("certifications", Entry("Certified Kubernetes Administrator", "CNCF", (2022, 1)))
    new = Resume(name="Rosa Lindqvist", headline="Platform Engineer", as_of=(2026, 12))
    new.skills = ["Kubernetes", "Terraform"]
    new.add(
        "experience",
        Entry(
            "Platform Engineer",
            "Tidewater Logistics",
            (2021, 3),
            None,
            True,
            "Gothenburg",
            ["Built the platform.", "Led on-call."],
        ),
    )
    new.add("certifications", Entry("Certified Kubernetes Administrator", "The Linux Foundation"))
    for merged in (merge([old, new]), merge([new, old])):  # the order given does not matter
        assert (merged.name, merged.headline) == ("Rosa Lindqvist", "Platform Engineer")
        [job] = merged.sections["experience"]
        assert (job.end, job.current, job.where) == (None, True, "Gothenburg")
        assert job.details == ["Built the platform.", "Led on-call.", "Ran the migration."]
        [cert] = merged.sections["certifications"]
        assert cert.org == "The Linux Foundation" and cert.start == (2022, 1)
        assert merged.skills in (
            ["Go", "kubernetes", "Terraform"],
            ["Kubernetes", "Terraform", "Go"],
        )


def test_different_jobs_at_one_company_stay_apart():
    a = Resume(as_of=(2020, 1))
    a.add("experience", Entry("Developer", "Acme", (2015, 1), (2018, 1)))
    b = Resume(as_of=(2021, 1))
    b.add("experience", Entry("Engineering Manager", "Acme", (2018, 2), None, True))
    assert len(merge([a, b]).sections["experience"]) == 2


def test_linkedin_plus_resume_plus_json_resume_is_one_profile(tmp_path):
    (tmp_path / "li").mkdir()
    linkedin = inputs.linkedin_zip(tmp_path / "li")
    pdf = inputs.pdf_two_columns(tmp_path / "cv.pdf")
    os.utime(pdf, (1_600_000_000, 1_600_000_000))  # an old résumé (2020)
    resume_json = inputs.json_resume(tmp_path / "resume.json", modified="2025-06-01")
    merged = merge([read_source(p) for p in (pdf, linkedin, resume_json)])
    assert len(merged.sections["experience"]) == 3
    assert len(merged.sections["education"]) == 2
    assert len(merged.sections["certifications"]) == 2
    assert merged.headline == inputs.HEADLINE  # from the newest source (the LinkedIn export)
    written = to_markdown(merged)
    assert written.count("### Platform Engineer at Tidewater Logistics") == 1
    assert written.count("Cut deployment time from 45 minutes to 6 minutes") == 1
    assert merged.sources == [str(pdf), str(linkedin), str(resume_json)]
