"""Loading profiles: both formats, as people publish them."""

from __future__ import annotations

import json
from pathlib import Path

from core.persona.profiles.chunks import MAX_CHUNK_WORDS
from core.persona.profiles.profile import load_profile
from tests.persona.conftest import EXAMPLE_JSON


def test_example_json_has_name_headline_and_every_section(example):
    assert example.name == "Maya Okafor"
    assert example.headline == "Data Engineer in Leeds, UK"
    sections = {c.section for c in example.chunks}
    for wanted in (
        "personal",
        "experience",
        "skills",
        "education",
        "projects_portfolio",
        "professional_development",
        "career_goals",
    ):
        assert wanted in sections, wanted
    assert len(example.fingerprint) == 64
    assert example.source == EXAMPLE_JSON
    assert example.warnings == ()


def test_example_json_renders_star_achievements_and_nested_skills(example):
    text = "\n".join(c.text for c in example.chunks)
    assert "Situation: Turbine sensor readings" in text
    assert "Result: The prototype found three faulty vibration sensors" in text
    assert "Python (proficiency: Expert, years: 6)" in text
    titles = [c.title for c in example.chunks]
    assert any(t.startswith("Data Engineering Intern at Kestrel Energy") for t in titles)
    assert "Leeds Bus Punctuality Tracker" in titles


def test_example_markdown_one_chunk_per_heading_and_h1_is_the_name(example_md):
    assert example_md.name == "Maya Okafor"
    assert example_md.headline == "Data engineer in Leeds"
    titles = [c.title for c in example_md.chunks]
    assert "Skills" in titles and "Certifications" in titles and "dbt-guardrails" in titles
    intern = next(c for c in example_md.chunks if "Kestrel" in c.title)
    assert intern.section == "Experience"
    assert "Notes to self" not in "\n".join(c.text for c in example_md.chunks)  # HTML comment


def test_ids_are_unique_and_every_chunk_has_text(example, example_md):
    for profile in (example, example_md):
        ids = [c.id for c in profile.chunks]
        assert len(ids) == len(set(ids))
        assert all(c.text.strip() and c.title.strip() for c in profile.chunks)


def test_utf8_bom_is_accepted(write):
    data = EXAMPLE_JSON.read_text(encoding="utf-8")
    path = write("bom.json", b"\xef\xbb\xbf" + data.encode("utf-8"))
    assert load_profile(path).chunks == load_profile(EXAMPLE_JSON).chunks


def test_utf16_with_bom_from_powershell_is_accepted(write):
    path = write("ps.json", json.dumps({"personal": {"name": "Zoë"}}).encode("utf-16"))
    assert load_profile(path).name == "Zoë"


def test_one_line_json_gives_the_same_chunks(write):
    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    path = write("one-line.json", json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    assert "\n" not in path.read_text(encoding="utf-8")
    one_line = load_profile(path)
    assert one_line.chunks == load_profile(EXAMPLE_JSON).chunks
    assert one_line.fingerprint == load_profile(EXAMPLE_JSON).fingerprint


def test_unknown_sections_are_indexed(write):
    profile = {
        "personal": {"name": "Ada Example"},
        "hackathons": [{"name": "Hack the Dales", "result": "second place", "year": 2021}],
        "fun_facts": ["I have climbed all three Yorkshire peaks in one day"],
        "publications": {"papers": [{"title": "Streaming joins in practice", "venue": "PyData"}]},
    }
    chunks = load_profile(write("p.json", json.dumps(profile))).chunks
    text = "\n".join(f"{c.title}\n{c.text}" for c in chunks)
    assert "Hack the Dales" in text and "second place" in text
    assert "three Yorkshire peaks" in text
    assert "Streaming joins in practice" in text


def test_lists_of_strings_or_dicts_anywhere(write):
    profile = {
        "skills": ["Python", {"language": "Go", "years": 2}, ["nested", "list"]],
        "education": [
            {"degree": "MSc Data Science", "institution": "Uni of Somewhere"},
            "A levels",
        ],
        "personal": {"name": "Ada Example", "title": "Engineer"},
    }
    chunks = load_profile(write("p.json", json.dumps(profile))).chunks
    text = "\n".join(f"{c.title}\n{c.text}" for c in chunks)
    for wanted in ("Python", "Go", "nested", "MSc Data Science", "Uni of Somewhere", "A levels"):
        assert wanted in text, wanted


def test_identical_facts_in_sections_and_content_chunks_are_deduplicated(write):
    fact = (
        "I hold the AWS Certified Cloud Practitioner certificate, earned in 2023 after a bootcamp."
    )
    profile = {
        "personal": {"name": "Ada Example", "summary": fact},
        "content_chunks": [
            {"id": "a", "title": "Certs", "content": fact, "metadata": {"tags": ["cert"]}},
            {"id": "b", "title": "Certs", "content": "  " + fact.upper() + " "},
            {"id": "d", "title": "Cloud", "content": fact[:60]},  # contained in the others
            {"id": "c", "title": "Other", "content": "I also run marathons in my spare time."},
        ],
    }
    chunks = load_profile(write("p.json", json.dumps(profile))).chunks
    holders = [c.id for c in chunks if "cloud practitioner" in c.text.lower()]
    assert holders == ["about", "a"]  # "Certs" adds a title word: a separate (tiny) chunk
    assert any(c.id == "c" for c in chunks)
    assert not any(c.id in ("b", "d") for c in chunks)


def test_same_text_under_titles_that_carry_facts_is_kept(write):
    duties = ["Build and run the nightly data pipelines for the finance and operations teams"] * 3
    roles = [
        {"company": "Acme", "title": "Engineer", "responsibilities": duties},
        {"company": "Globex", "title": "Engineer", "responsibilities": duties},
    ]
    profile = {"personal": {"name": "Ada"}, "experience": roles, "x": "Engineer at Acme"}
    titles = [c.title for c in load_profile(write("p.json", json.dumps(profile))).chunks]
    assert "Engineer at Acme" in titles and "Engineer at Globex" in titles


def test_the_example_repeats_an_education_chunk_and_keeps_one(example):
    texts = [c.text for c in example.chunks if "first-class honours. My dissertation" in c.text]
    assert len(texts) == 1


def test_content_chunks_keep_id_title_and_tags(example):
    certs = next(c for c in example.chunks if c.id == "certs")
    assert certs.title == "Certifications and training"
    assert "bootcamp" in certs.tags


def test_documents_list_layout_is_read_as_chunks(write):
    profile = {
        "documents": [
            {"id": "s1", "title": "Summary", "type": "summary", "content": "I build data tools."},
            {"id": "e1", "title": "Intern at Foo", "type": "experience", "content": "Interned."},
        ]
    }
    chunks = load_profile(write("p.json", json.dumps(profile))).chunks
    assert [c.id for c in chunks] == ["s1", "e1"]
    assert chunks[1].section == "experience"


def test_long_sections_are_split_into_small_chunks(write):
    sentences = [f"Fact number {i} is about topic {i} and nothing else." for i in range(200)]
    profile = {"personal": {"name": "Ada"}, "story": " ".join(sentences)}
    chunks = [c for c in load_profile(write("p.json", json.dumps(profile))).chunks]
    story = [c for c in chunks if c.section == "story"]
    assert len(story) > 3
    assert all(len(c.text.split()) <= MAX_CHUNK_WORDS for c in story)
    assert "Fact number 199" in story[-1].text


def test_long_markdown_section_is_split(write):
    body = "\n".join(f"- Item {i} of a long list of achievements and details" for i in range(120))
    profile = load_profile(write("p.md", f"# Ada\n\n## Achievements\n\n{body}\n"))
    parts = [c for c in profile.chunks if c.section == "Achievements"]
    assert len(parts) >= 3
    assert all(len(c.text.split()) <= MAX_CHUNK_WORDS for c in parts)


def test_markdown_headings_inside_code_fences_are_not_headings(write):
    text = "# Ada\n\n## Projects\n\n```bash\n# not a heading\necho hi\n```\n\n## Skills\n\nGo\n"
    titles = [c.title for c in load_profile(write("p.md", text)).chunks]
    assert titles == ["Projects", "Skills"]


def test_format_is_sniffed_without_a_known_extension(write):
    as_json = load_profile(write("profile.txt", json.dumps({"personal": {"name": "Ada J"}})))
    as_md = load_profile(write("profile", "# Ada M\n\nI like maps.\n"))
    assert as_json.name == "Ada J"
    assert as_md.name == "Ada M"


def test_fingerprint_changes_when_the_profile_changes_and_only_then(write):
    first = load_profile(write("a.json", json.dumps({"personal": {"name": "Ada", "summary": "x"}})))
    same = load_profile(write("b.json", json.dumps({"personal": {"name": "Ada", "summary": "x"}})))
    other = load_profile(write("c.json", json.dumps({"personal": {"name": "Ada", "summary": "y"}})))
    assert first.fingerprint == same.fingerprint != other.fingerprint


def test_fingerprint_ignores_private_changes(write):
    base = {"personal": {"name": "Ada", "summary": "x", "contact": {"email": "a@b.io"}}}
    changed = {"personal": {"name": "Ada", "summary": "x", "contact": {"email": "z@y.io"}}}
    assert (
        load_profile(write("a.json", json.dumps(base))).fingerprint
        == load_profile(write("b.json", json.dumps(changed))).fingerprint
    )


def test_public_chars_counts_titles_and_texts(example):
    assert example.public_chars == sum(len(c.title) + len(c.text) + 1 for c in example.chunks)


def test_a_real_world_scale_profile_loads(write):
    roles = [
        {
            "company": f"Company {i}",
            "title": "Engineer",
            "duration": f"{2000 + i} - {2001 + i}",
            "achievements_star": [
                {
                    "situation": f"Situation {i}: the nightly jobs kept failing. " * 3,
                    "task": "Make them reliable without a rewrite.",
                    "action": f"Rewrote step {i} of the loader, added retries and tests. " * 3,
                    "result": f"Failures fell by {i}% in a quarter.",
                }
            ],
        }
        for i in range(40)
    ]
    path = write("big.json", json.dumps({"personal": {"name": "Ada"}, "experience": roles}))
    assert path.stat().st_size > 20_000
    profile = load_profile(Path(path))
    assert sum(1 for c in profile.chunks if c.section == "experience") >= 40


def test_markdown_hard_wrapped_paragraphs_become_one_line_each(write):
    text = (
        "# Ada\n\n## Work\n\nI build data\npipelines for a\nliving.\n\n"
        "- first item that\n  wraps\n- second item\n\n```\ncode line 1\ncode line 2\n```\n"
    )
    work = next(c for c in load_profile(write("p.md", text)).chunks if c.title == "Work")
    assert work.text.split("\n") == [
        "I build data pipelines for a living.",
        "",
        "- first item that wraps",
        "- second item",
        "",
        "```",
        "code line 1",
        "code line 2",
        "```",
    ]


def test_json_resume_work_is_titled_role_at_company_with_its_dates(write):
    work = [
        {"name": "Fjord AS", "position": "Tester", "startDate": "2023-01", "summary": "QA " * 60},
        {"name": "Krill Ltd", "position": "Intern", "startDate": "2021-06", "endDate": "2022-12"},
    ]
    profile = load_profile(write("r.json", json.dumps({"basics": {"name": "Ida"}, "work": work})))
    titles = [c.title for c in profile.chunks]
    assert "Tester at Fjord AS (2023-01 – present)" in titles
    assert "Intern at Krill Ltd (2021-06 – 2022-12)" in titles
