"""`twin import` as a user runs it: a real process, inputs the test builds, then the twin
answering from what was written (no GROQ_API_KEY: profile-only answers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.cli.test_cli import base_env, run_twin
from tests.importer import inputs


async def test_import_then_the_twin_answers_the_openers_from_it(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    linkedin = inputs.linkedin_zip(tmp_path / "export")
    pdf = inputs.pdf_two_columns(tmp_path / "cv.pdf")
    config = tmp_path / "config.toml"
    code, out, err = await run_twin(
        "import", str(linkedin), str(pdf), "--config", str(config), env=base_env(None)
    )
    assert (code, err) == (0, "")
    profile = tmp_path / "profile.md"  # beside the config
    assert f"Wrote {profile}" in out
    assert "Experience: 3 jobs" in out and "Platform Engineer at Tidewater Logistics" in out
    assert "Education: 2 schools" in out and "Chalmers University of Technology" in out
    assert "Skills: 7" in out
    assert "skipped" in out and "messages.csv" in out and "Connections.csv" in out
    assert "Private:" in out and "never sent to the model" in out
    assert "Privacy: withheld" in out
    assert f'create {config} with\n  [persona]\n  profile = "profile.md"' in out
    assert "canary" not in profile.read_text(encoding="utf-8").lower()

    config.write_text('[persona]\nprofile = "profile.md"\n', encoding="utf-8")
    questions = tmp_path / "openers.txt"
    questions.write_text("What do you do now?\nWhat did you study?\nTell me about yourself\n")
    code, out, err = await run_twin(
        "ask", "--questions", str(questions), "--json", "--config", str(config),
        env=base_env(None),
    )  # fmt: skip
    assert code == 0, err
    answers = {r["question"]: r["answer"] for r in map(json.loads, out.splitlines())}
    assert "Platform Engineer at Tidewater Logistics" in answers["What do you do now?"]
    assert "Chalmers University of Technology" in answers["What did you study?"]

    code, out, _ = await run_twin("privacy", "--show", "--config", str(config), env=base_env(None))
    assert code == 0
    assert "Contact details (private)" in out and inputs.BIRTH in out

    code, out, _ = await run_twin("import", str(pdf), "--config", str(config), "--force",
                                  env=base_env(None))  # fmt: skip
    assert code == 0 and f"{config} already uses this profile." in out


async def test_tell_me_about_yourself_without_a_model(tmp_path: Path) -> None:
    profile = tmp_path / "profile.md"
    code, _, err = await run_twin(
        "import", str(inputs.json_resume(tmp_path / "r.json")), "--out", str(profile),
        env=base_env(None),
    )  # fmt: skip
    assert code == 0, err
    config = tmp_path / "config.toml"
    config.write_text('[persona]\nprofile = "profile.md"\n', encoding="utf-8")
    code, out, err = await run_twin(
        "ask", "Tell me about yourself", "--config", str(config), env=base_env(None)
    )
    assert code == 0, err
    assert "Platform engineer who builds internal developer platforms" in out


def run_main(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


def test_an_existing_profile_is_never_overwritten_without_force(tmp_path, capsys):
    source = inputs.json_resume(tmp_path / "resume.json")
    out = tmp_path / "mine.md"
    out.write_text("# My own words\n\nKeep me.\n", encoding="utf-8")
    assert run_main("import", str(source), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert (
        err == f"twin import: {out} already exists: pass --force to overwrite it, or --out PATH\n"
    )
    assert out.read_text(encoding="utf-8") == "# My own words\n\nKeep me.\n"
    assert run_main("import", str(source), "--out", str(out), "--force") == 0
    assert "# Rosa Lindqvist" in out.read_text(encoding="utf-8")


def _bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    plain = inputs.pdf_single_column(folder / "plain.pdf")
    not_linkedin = folder / "photos.zip"
    import zipfile

    with zipfile.ZipFile(not_linkedin, "w") as z:
        z.writestr("beach.jpg", b"\xff\xd8")
    corrupt, empty = folder / "broken.pdf", folder / "empty.txt"
    corrupt.write_bytes(b"%PDF-1.4\n%%EOF garbage")
    empty.write_text("\n\n")
    return {
        "password": (inputs.pdf_with_password(folder / "locked.pdf", plain), "password-protected"),
        "scan": (inputs.pdf_image_only(folder / "scan.pdf"),
                 "no text layer: export it as text or run OCR first"),
        "not linkedin": (not_linkedin, "not a LinkedIn data export"),
        "corrupt": (corrupt, "not a readable PDF"),
        "empty": (empty, "the résumé is empty"),
    }  # fmt: skip


@pytest.mark.parametrize("case", ["password", "scan", "not linkedin", "corrupt", "empty"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, case):
    path, message = _bad_inputs(tmp_path)[case]
    good = inputs.json_resume(tmp_path / "good.json")
    out = tmp_path / "out" / "profile.md"
    assert run_main("import", str(good), str(path), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"twin import: {path}: ") and message in err
    assert "Traceback" not in err
    assert not out.exists() and not out.parent.exists()


def test_other_commands_never_load_the_importer():
    """pypdf, python-docx and the readers load only for `twin import`: start-up is unchanged."""
    code = (
        "import sys; from bot.cli.main import _parser; _parser().parse_args(['health']);"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('pypdf', 'docx', 'fpdf')"
        " or m.startswith('core.importer')]; print(loaded)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_next_step_names_private_paths_the_new_profile_lacks(tmp_path, capsys):
    """The shipped config keeps the example profile's private paths; pointed at an imported
    profile they match nothing and every command warns. The import says so where it says
    which line to change, and names only the paths that match nothing."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[persona]\nprofile = "example.json"\nprivate = ["references", "Skills", "my dog Rex"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "me.md"
    source = inputs.json_resume(tmp_path / "resume.json")
    assert run_main("import", str(source), "--out", str(out), "--config", str(config)) == 0
    said = capsys.readouterr().out
    assert f'Next: in {config}, under [persona], set\n  profile = "me.md"' in said
    assert "private = [...]: 'references' match" in said
    assert "'Skills'" not in said and "my dog Rex" not in said
