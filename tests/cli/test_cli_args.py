"""The `twin` command line as a new owner meets it: flags anywhere, clear file errors, notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.cli.main import _parser
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import REPO, write_config
from tests.fakes.groq_server import FakeGroq


async def test_config_works_before_and_after_the_command(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    for args in (
        ("--config", str(config), "ask", "Where did you study?"),
        ("ask", "Where did you study?", "--config", str(config)),
        ("-v", "--config", str(config), "ask", "--json", "Where did you study?"),
    ):
        code, out, err = await run_twin(*args, env=base_env(None))
        assert code == 0, err
        assert "Sheffield" in out


async def test_version_is_printed(tmp_path: Path) -> None:
    code, out, _ = await run_twin("--version", env=base_env(None))
    assert code == 0 and re.fullmatch(r"twin \S+\n", out)


async def test_python_dash_m_bot_cli_runs_the_command(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    code, out, err = await run_twin("ask", "--help", env=base_env(None), module="bot.cli")
    assert code == 0 and "--questions" in out
    code, out, err = await run_twin(
        "ask", "Where did you study?", "--config", str(config), env=base_env(None), module="bot.cli"
    )
    assert code == 0 and "Sheffield" in out, err


async def test_questions_dash_reads_stdin(tmp_path: Path, fake_groq: FakeGroq) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    code, out, err = await run_twin(
        "ask",
        "--questions",
        "-",
        "--json",
        "--config",
        str(config),
        env=base_env(fake_groq),
        stdin=b"# two questions\nWhere did you study?\nWhat are your skills?\n",
    )
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["question"] for r in records) == [
        "What are your skills?",
        "Where did you study?",
    ]
    assert all(r["sources"] and all(isinstance(s, str) for s in r["sources"]) for r in records)


async def test_a_missing_questions_file_names_the_file_and_the_flag(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    missing = tmp_path / "nope.txt"
    code, _, err = await run_twin(
        "ask", "--questions", str(missing), "--config", str(config), env=base_env(None)
    )
    assert code == 2
    assert f"--questions {missing}: file not found" in err
    assert "Errno" not in err and "Traceback" not in err


async def test_ask_prints_start_up_notes_on_stderr(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'private = ["salry"]\n')  # a typo of "salary"
    code, out, err = await run_twin(
        "ask", "Where did you study?", "--config", str(config), env=base_env(None)
    )
    assert code == 0, err
    assert "salry" in err and "GROQ_API_KEY" in err
    assert "salry" not in out


async def test_a_missing_profile_names_the_config_key_and_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, profile=tmp_path / "owner" / "bad" / "nobody.md")
    code, _, err = await run_twin("ask", "hi", "--config", str(config), env=base_env(None))
    assert code == 2
    assert f"[persona] profile in {config}" in err
    assert "nobody.md" in err and "not found" in err


async def test_a_markdown_profile_without_a_name_asks_for_persona_name(tmp_path: Path) -> None:
    profile = tmp_path / "me.md"
    profile.write_text("## Experience\n\nI build bridges at Arch & Co.\n", encoding="utf-8")
    config = write_config(tmp_path, profile=profile)
    code, _, err = await run_twin("chat", "--config", str(config), env=base_env(None))
    assert code == 2
    assert "[persona] name" in err and "me.md" in err and "Traceback" not in err
    config.write_text(config.read_text() + 'name = "Rosa Vidal"\n', encoding="utf-8")
    code, out, err = await run_twin("chat", "--config", str(config), env=base_env(None))
    assert code == 0, err
    assert out.startswith("Chatting with Rosa Vidal's twin.")


def documentation() -> str:
    """README.md and the topic pages under docs/ (issue 31 moves detail from one to the other)."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_readme_and_help_name_the_same_commands() -> None:
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    commands = set(sub.choices or {})
    readme = documentation()
    documented = set(re.findall(r"^\| `twin (\w+)", readme, flags=re.M))
    assert commands <= documented
    assert documented == commands
    help_text = parser.format_help()
    assert all(command in help_text for command in commands)
    assert "--version" in help_text and "--config" in help_text


def test_readme_documents_every_flag_and_chat_command() -> None:
    from bot.cli.terminal import COMMANDS

    readme = documentation()
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    flags = {
        option
        for sub_parser in sub.choices.values()
        for action in sub_parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }
    assert {"--config", "--questions", "--concurrency", "--json", "--new"} <= flags
    assert [f for f in sorted(flags) if f"`{f}" not in readme and f" {f}" not in readme] == []
    assert all(f"`{name}`" in readme for name, _ in COMMANDS)
    assert "--version" in readme


async def test_a_missing_config_says_which_setting_named_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    code, _, err = await run_twin("ask", "hi", "--config", str(missing), env=base_env(None))
    assert code == 2 and str(missing) in err and "--config" in err
    code, _, err = await run_twin("ask", "hi", env=base_env(None, TWIN_CONFIG=str(missing)))
    assert code == 2 and str(missing) in err and "TWIN_CONFIG" in err


async def test_an_unusable_database_path_names_storage_path_and_the_config(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    config = write_config(tmp_path, '[storage]\npath = "taken/twin.db"\n')
    code, _, err = await run_twin("ask", "hi", "--config", str(config), env=base_env(None))
    assert code == 2, err
    assert f"[storage] path in {config}" in err and "taken" in err and "Traceback" not in err
