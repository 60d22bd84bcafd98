"""Two twins on one PostgreSQL are one twin to a member: a follow-up answered by the other
instance carries the thread, and an answer cached by one is served by the other."""

from __future__ import annotations

from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.pg import PgTarget


def _asked(conversation: str, text: str) -> Question:
    return Question(text=text, platform="slack", user_id="U1", channel_id="C1",
                    conversation=conversation)  # fmt: skip


async def test_a_follow_up_on_the_other_instance_sees_the_thread_and_the_cache_is_shared(
    pg_target: PgTarget, make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    env = {"TWIN_DATABASE_URL": await pg_target.new_database()}
    one = await make_twin(env=env)
    two = await make_twin(env=env)  # started before anything was said

    first = await one.answer(_asked("slack:C1:T1", "Where did you study?"))
    assert not first.degraded and len(fake_groq.requests) == 1

    follow_up = await two.answer(_asked("slack:C1:T1", "And what did you learn there?"))
    assert not follow_up.degraded and len(fake_groq.requests) == 2
    sent = [m["content"] for m in fake_groq.requests[-1]["messages"]]
    assert "Where did you study?" in "\n".join(sent)  # instance one's turn, read from the store
    assert first.text in "\n".join(sent)

    cached = await two.answer(_asked("slack:C2:T9", "Where did you study?"))
    assert cached.cached and len(fake_groq.requests) == 2  # instance one's answer, no model call
