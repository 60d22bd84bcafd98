"""The `twin` command run as a real process against the fake Groq server."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq


async def run_twin(
    *args: str,
    env: dict[str, str],
    stdin: bytes = b"",
    module: str = "bot",
    cwd: Path | None = None,
) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin), timeout=60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def base_env(fake: FakeGroq | None, **extra: str) -> dict[str, str]:
    skip = ("GROQ_", "SLACK_", "DISCORD_", "TWIN_DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    if fake is not None:
        env.update(GROQ_API_KEY="test-key", GROQ_BASE_URL=fake.base_url)
    env.update(extra)
    return env


async def test_ask_questions_file_prints_one_json_object_per_line(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    questions = tmp_path / "questions.txt"
    questions.write_text(
        "# interview\nWhere did you study?\nWhat are your skills?\n\nWhat's your salary?\n"
    )
    code, out, err = await run_twin(
        "ask",
        "--questions",
        str(questions),
        "--concurrency",
        "2",
        "--json",
        "--config",
        str(config),
        env=base_env(fake_groq),
    )
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["question"] for r in records) == [
        "What are your skills?",
        "What's your salary?",
        "Where did you study?",
    ]
    for r in records:
        assert set(r) >= {
            "question",
            "answer",
            "model",
            "prompt_tokens",
            "completion_tokens",
            "cost_usd",
            "latency_ms",
            "degraded",
            "error",
            "cached",
        }
        if r["question"] == "What's your salary?":  # a private fact: declined, no model call
            assert r["refused"] == "private" and r["model"] is None
            assert "private" in r["answer"]
            continue
        assert r["answer"] == "I studied computer science." and r["model"] == "openai/gpt-oss-20b"
    assert len(fake_groq.requests) == 2


async def test_twin_config_env_is_used_and_usage_reads_the_same_store(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    env = base_env(fake_groq, TWIN_CONFIG=str(config))
    code, out, _ = await run_twin("ask", "What do you do?", "--json", env=env)
    assert code == 0 and json.loads(out)["degraded"] is False
    code, out, _ = await run_twin("usage", "--json", env=env)
    usage = json.loads(out)
    assert code == 0 and usage["today"]["questions"] == 1 and usage["today"]["calls"] == 1
    code, out, _ = await run_twin("health", env=env)
    assert code == 0 and "openai/gpt-oss-20b" in out and "breaker closed" in out
    code, out, _ = await run_twin("gaps", "--json", env=env)
    assert code == 0 and json.loads(out)["total"] == 0


async def test_run_without_tokens_opens_the_chat_and_says_what_is_missing(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    code, out, err = await run_twin(
        "run", "--config", str(config), env=base_env(None), stdin=b"Where did you study?\n/quit\n"
    )
    assert code == 0, err
    assert "GROQ_API_KEY" in err
    assert "DISCORD_TOKEN" in err and "SLACK_BOT_TOKEN" in err
    assert "Sheffield" in out  # a degraded answer, quoted from the profile
    assert "Traceback" not in err


async def test_a_bad_config_names_the_key_and_file_and_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[persona]\nprofile = "p.json"\n[llm]\nmax_tokens = "many"\n')
    code, _, err = await run_twin("usage", "--config", str(config), env=base_env(None))
    assert code == 2
    assert str(config) in err and "[llm] max_tokens" in err
    assert "Traceback" not in err


async def test_a_missing_profile_is_a_clear_error(tmp_path: Path) -> None:
    config = write_config(tmp_path, profile=tmp_path / "nobody.json")
    code, _, err = await run_twin("ask", "hi", "--config", str(config), env=base_env(None))
    assert code == 2 and "nobody.json" in err and "Traceback" not in err


async def test_run_with_incomplete_slack_variables_exits_2_naming_what_is_missing(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path)
    env = base_env(None, SLACK_BOT_TOKEN="xoxb-half-set")
    code, _, err = await run_twin("run", "--config", str(config), env=env, stdin=b"/quit\n")
    assert code == 2, err
    assert "SLACK_SIGNING_SECRET" in err and "SLACK_APP_TOKEN" in err
    assert "terminal chat" not in err and "xoxb-half-set" not in err
    assert "Traceback" not in err


async def test_health_without_a_key_says_the_groq_key_note_once(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    code, out, err = await run_twin("health", "--config", str(config), env=base_env(None))
    assert code == 0, err
    assert (out + err).count("GROQ_API_KEY is not set") == 1, (out, err)


async def test_a_relative_profile_not_found_says_it_is_read_from_the_config_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "deploy"
    folder.mkdir()
    (folder / "config.toml").write_text('[persona]\nprofile = "profiles/me.md"\n')
    (tmp_path / "profiles").mkdir()  # where a newcomer put it: beside where they run twin
    (tmp_path / "profiles" / "me.md").write_text("# Me\n\nI build things.\n")
    env = base_env(None)
    for command in (("ask", "hi"), ("privacy",)):
        code, _, err = await run_twin(
            *command, "--config", "deploy/config.toml", env=env, cwd=tmp_path
        )
        assert code == 2, err
        assert "[persona] profile in deploy/config.toml" in err
        assert f"resolved against the config file's folder, {folder.resolve()}" in err
        assert "profiles/me.md is in the current directory" in err
        assert "Traceback" not in err


async def test_ask_never_prints_an_invented_claim(tmp_path: Path, fake_groq: FakeGroq) -> None:
    from tests.core.test_grounding_twin import ALL_FOUR, GROUNDED, INVENTED_TERMS, LINE, QUESTION

    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    code, out, err = await run_twin(
        "ask", QUESTION, "--config", str(config), env=base_env(fake_groq)
    )
    assert code == 0, err
    assert f"A: {GROUNDED} {LINE}\n" in out
    for term in INVENTED_TERMS:
        assert term not in out and term not in err
    code, out, err = await run_twin(
        "ask", QUESTION, "--json", "--config", str(config), env=base_env(fake_groq)
    )
    answer = json.loads(out)
    assert "Globex Dynamics" in answer["held_claims"] and "Globex" not in answer["answer"]
