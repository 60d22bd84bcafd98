"""Malformed profiles give one ProfileError naming the file and the problem, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.persona.profiles.profile import ProfileError, load_profile


def _error(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message
    assert "Traceback" not in message
    error = caught.value
    assert error.__cause__ is None  # no chained traceback on the way to the operator
    assert error.__context__ is None or error.__suppress_context__
    return caught.value


def test_missing_file(tmp_path):
    assert "file not found" in str(_error(tmp_path / "nope.json"))


def test_a_directory_is_not_a_profile(tmp_path):
    assert "directory" in str(_error(tmp_path))


@pytest.mark.parametrize("content", ["", "   \n\t\n", "\ufeff"])
def test_empty_file(write, content):
    assert "empty" in str(_error(write("empty.json", content)))


def test_invalid_json_names_line_and_column(write):
    path = write("bad.json", '{\n  "personal": {\n    "name": "Ada",\n  }\n}\n')
    message = str(_error(path))
    assert "invalid JSON at line 4, column 3" in message


def test_truncated_one_line_json(write):
    message = str(_error(write("cut.json", '{"personal": {"name": "Ada"')))
    assert "invalid JSON at line 1" in message


@pytest.mark.parametrize(
    ("content", "kind"), [("[1, 2]", "a list"), ('"hello"', "str"), ("42", "int")]
)
def test_json_that_is_not_an_object(write, content, kind):
    message = str(_error(write("list.json", content)))
    assert f"expected a JSON object at the top level, got {kind}" in message


def test_not_utf8(write):
    path = write("latin1.json", '{"personal": {"name": "Zoë"}}'.encode("latin-1"))
    message = str(_error(path))
    assert "not UTF-8" in message and "offset" in message


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"personal": {"contact": {"email": "a@b.io", "phone": "+44 7700 900123"}}},
        {"salary_location": {"current_salary": "£40,000"}},
        {"personal": {"name": "", "summary": "N/A"}, "skills": []},
    ],
)
def test_no_usable_public_text(write, data):
    assert "no usable public text" in str(_error(write("p.json", json.dumps(data))))


def test_markdown_with_only_private_sections(write):
    path = write("p.md", "## Contact\n\nEmail: a@b.io\n\n## Salary\n\n£40k\n")
    assert "no usable public text" in str(_error(path))


def test_error_keeps_the_path_and_problem_as_data(write):
    error = _error(write("e.json", ""))
    assert error.path.name == "e.json"
    assert error.problem == "the file is empty"
