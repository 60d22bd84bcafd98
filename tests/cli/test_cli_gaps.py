"""`twin gaps answer|private|ignore ID` as a real process: the owner answers a gap from the
terminal, the learned file gets the fact and the next `twin ask` sends it to the model."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import PET_FACT, facts_sent, knows_only_prompt, profile_copy


async def test_the_owner_answers_a_gap_from_the_terminal(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = knows_only_prompt
    config = str(
        write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n", profile_copy(tmp_path))
    )
    env = base_env(fake_groq)
    code, _, err = await run_twin("ask", "Do you have any pets?", "--config", config, env=env)
    assert code == 0, err
    code, out, _ = await run_twin("gaps", "--config", config, env=env)
    assert "#1 " in out and "Do you have any pets?" in out and 'twin gaps answer ID "text"' in out

    code, _, err = await run_twin("gaps", "answer", "1", "--config", config, env=env)
    assert code == 2 and "give the answer text" in err
    code, out, err = await run_twin("gaps", "answer", "1", PET_FACT, "--config", config, env=env)
    assert code == 0, err
    assert "Thanks!" in out and "maya.learned.md" in out
    assert PET_FACT in (tmp_path / "maya.learned.md").read_text(encoding="utf-8")
    code, _, err = await run_twin("gaps", "ignore", "1", "--config", config, env=env)
    assert code == 1 and "already answered by owner (terminal)" in err

    code, out, _ = await run_twin("ask", "Have you got any pets?", "--config", config, env=env)
    assert code == 0 and "Pip" in out
    assert "Pip" in facts_sent(fake_groq.requests[-1])


async def test_gaps_answer_to_an_unknown_group_is_an_input_error_exit_2(tmp_path: Path) -> None:
    config = str(write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n"))
    code, out, err = await run_twin(
        "gaps", "answer", "99", "x", "--config", config, env=base_env(None)
    )
    assert code == 2, (out, err)
    assert "There is no gap 99" in err and "Traceback" not in err
    code, _, err = await run_twin("gaps", "ignore", "99", "--config", config, env=base_env(None))
    assert code == 2 and "There is no gap 99" in err
