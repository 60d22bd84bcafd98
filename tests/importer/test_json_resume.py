"""JSON Resume (jsonresume/resume-schema `schema.json`): every section of the schema."""

from __future__ import annotations

import json

import pytest

from core.importer.errors import ImportProblem
from core.importer.markdown import to_markdown
from core.importer.sources import read_source
from core.persona.profiles.profile import load_profile
from tests.importer import inputs


def test_every_section_of_the_schema_is_imported(tmp_path):
    resume = read_source(inputs.json_resume(tmp_path / "resume.json"))
    assert (resume.name, resume.headline) == (inputs.NAME, inputs.HEADLINE)
    assert resume.location == "Gothenburg, Vastra Gotaland, SE"
    assert resume.as_of == (2026, 11)  # meta.lastModified
    written = to_markdown(resume)
    headings = [line[3:] for line in written.splitlines() if line.startswith("## ")]
    assert headings == [
        "Contact details (private)", "Experience", "Education", "Skills", "Certifications",
        "Projects", "Languages", "Honors and awards", "Publications", "Volunteering",
        "Interests", "Recommendations",
    ]  # fmt: skip
    for fact in (
        "Worked as Site Reliability Engineer at Norrsken Pay in Stockholm (Aug 2018 - Feb 2021).",
        "Studied MSc Computer Science at Chalmers University of Technology (2014 - 2016).",
        "Platform (Expert): Kubernetes, Terraform, Go, Python",
        "Certified Kubernetes Administrator - The Linux Foundation (Jan 2022)",
        "Roles: Maintainer",
        "- Cut deployment time from 45 minutes to 6 minutes with preview environments.",
        "Keywords: Go, Kubernetes",
        "Type: application",
        "Swedish (Native or bilingual proficiency)",
        "Tidewater Engineering Award - Tidewater Logistics (Nov 2023): For the developer platform.",
        "Platform teams without tickets - Kubernetes Nordic Blog (Apr 2023): On self-service",
        "Mentor at Women in Tech Gothenburg (Sep 2019 - present)",
        "Sailing: archipelago, dinghies",
        "Bo Ek, CTO at Tidewater: Rosa made deploys boring.",
    ):
        assert fact in written, fact


def test_basics_contact_fields_are_private_and_withheld(tmp_path):
    resume = read_source(inputs.json_resume(tmp_path / "resume.json"))
    assert dict(resume.private) == {
        "Email": inputs.EMAIL, "Phone": inputs.PHONE, "Website": "https://rosa.example.se",
        "Address": "Storgatan 12", "Postal code": "411 38",
        "GitHub": "https://github.com/rosa-builds",
    }  # fmt: skip
    out = tmp_path / "profile.md"
    out.write_text(to_markdown(resume), encoding="utf-8")
    profile = load_profile(out)
    public = " ".join(c.text for c in profile.chunks)
    for value in (inputs.EMAIL, inputs.PHONE, "Storgatan", "rosa-builds"):
        assert value not in public
    assert any("Contact details" in w.where for w in profile.withheld)


def test_a_json_file_that_is_not_a_resume_is_refused(tmp_path):
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"name": "left-pad", "version": "1.0.0"}))
    with pytest.raises(ImportProblem, match="not a JSON Resume"):
        read_source(path)


def test_a_digitaltwin_profile_is_pointed_at_not_imported(tmp_path):
    path = tmp_path / "digitaltwin.json"
    path.write_text(json.dumps({"personal": {"name": "Rosa"}, "skills": {"technical": []}}))
    with pytest.raises(ImportProblem, match=r"already a twin profile .* set \[persona\] profile"):
        read_source(path)


def test_broken_json_says_where(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "Rosa",}}')
    with pytest.raises(ImportProblem, match="invalid JSON at line 1, column 28"):
        read_source(path)
