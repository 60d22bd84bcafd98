"""Instances on one PostgreSQL are one twin to a member: a follow-up answered by another
process carries the thread, and an answer cached by one instance is served by another."""

from __future__ import annotations

from pathlib import Path

from core.types import Question
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import MakeTwin, write_config
from tests.fakes.groq_server import FakeGroq
from tests.pg import PgTarget


async def test_a_follow_up_in_another_process_sees_the_first_processes_turns(
    tmp_path: Path, pg_target: PgTarget, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    env = base_env(fake_groq, TWIN_DATABASE_URL=await pg_target.new_database())
    for line in ("Where did you study?", "And what did you learn there?"):
        code, _, err = await run_twin(  # each `twin chat` is its own process, on "cli:chat"
            "chat", "--config", str(config), env=env, stdin=f"{line}\n/quit\n".encode()
        )
        assert code == 0, err
    assert len(fake_groq.requests) == 2
    sent = "\n".join(m["content"] for m in fake_groq.requests[-1]["messages"])
    assert "Where did you study?" in sent  # the first process's turn, read from the store
    assert "And what did you learn there?" in sent


def _asked(conversation: str, text: str) -> Question:
    return Question(text=text, platform="slack", user_id="U1", channel_id="C1",
                    conversation=conversation)  # fmt: skip


async def test_an_answer_cached_by_one_instance_is_served_by_another(
    pg_target: PgTarget, make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    env = {"TWIN_DATABASE_URL": await pg_target.new_database()}
    one = await make_twin(env=env)
    two = await make_twin(env=env)  # its cache index was loaded before anything was answered
    first = await one.answer(_asked("slack:C1:T1", "Where did you study?"))
    assert not first.degraded and len(fake_groq.requests) == 1
    cached = await two.answer(_asked("slack:C2:T9", "Where did you study?"))
    assert cached.cached and cached.text == first.text
    assert len(fake_groq.requests) == 1  # no model call: instance one's answer
