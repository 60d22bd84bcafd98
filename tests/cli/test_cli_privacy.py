"""`twin privacy`, `twin forget USER` and the start-up privacy line, run as real processes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq
from tests.persona.test_withheld import SENTENCES


async def test_privacy_lists_withheld_values_masked_unless_asked(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n", SENTENCES)
    code, out, err = await run_twin("privacy", "--config", str(config), env=base_env(None))
    assert code == 0, err
    assert "withheld 13 values: 5 pay" in out
    assert "+49 •• ••••20" in out and "+49 30 901820" not in out  # masked
    assert "in: I was born on [private] in Bremen." in out
    assert "Borderline" in out and "cloud budget of €1.2M" in out
    code, out, _ = await run_twin(
        "privacy", "--show", "--json", "--config", str(config), env=base_env(None)
    )
    report = json.loads(out)
    assert code == 0 and report["masked"] is False
    assert {"where", "rule", "value", "context"} <= set(report["withheld"][0])
    assert "+49 30 901820" in [w["value"] for w in report["withheld"]]


async def test_forget_deletes_a_members_turns_and_rejects_a_bad_user(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    env = base_env(fake_groq)
    code, _, err = await run_twin("ask", "Where did you study?", "--config", str(config), env=env)
    assert code == 0, err
    code, out, err = await run_twin("forget", "cli:owner", "--config", str(config), env=env)
    assert code == 0, err
    assert "Forgot cli:owner: deleted 2 conversation turns" in out
    code, _, err = await run_twin("forget", "U123", "--config", str(config), env=env)
    assert code == 2 and "PLATFORM:ID" in err and "Traceback" not in err


async def test_start_up_prints_the_one_line_privacy_summary(tmp_path: Path) -> None:
    config = write_config(tmp_path, "", SENTENCES)
    code, _, err = await run_twin(
        "run", "--config", str(config), env=base_env(None), stdin=b"/quit\n"
    )
    assert code == 0, err
    [line] = [x for x in err.splitlines() if x.startswith("Privacy:")]
    assert line.startswith("Privacy: withheld 13 values: 5 pay, 2 birth_date, 2 address")
