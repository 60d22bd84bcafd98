"""While the store is down the twin answers from its profile, the live one: a fact the owner has
removed since start-up is never quoted (regression: it answered from the start-up profile)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.limits.messages import STORAGE_NOTE
from core.store.records import StoredTurn, StoreUnavailable
from core.twin import Twin
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.owner import profile_copy


def ask(text: str, conversation: str) -> Question:
    return Question(
        text=text, platform="slack", user_id="U1", channel_id="C1", conversation=conversation
    )


@contextmanager
def store_down(twin: Twin) -> Iterator[None]:
    """The store fails the first read of a question (as a database locked by another program
    does): the twin must answer before any model call, from the profile."""
    memory = twin._p.memory
    working = memory.last

    async def last(conversation: str) -> list[StoredTurn]:
        raise StoreUnavailable("the database is locked by another program")

    memory.last = last  # type: ignore[method-assign]
    try:
        yield
    finally:
        memory.last = working  # type: ignore[method-assign]


async def test_the_storage_down_answer_quotes_the_live_profile_not_the_start_up_one(
    make_twin: MakeTwin, tmp_path: Path
) -> None:
    profile = profile_copy(tmp_path)
    twin = await make_twin(profile=profile)
    question = "Where do you volunteer as a mentor?"
    with store_down(twin):
        before = await twin.answer(ask(question, "a"))
    assert before.error == "storage" and STORAGE_NOTE in before.text
    assert "Code First Girls" in before.text  # the profile says so at start-up

    data = json.loads(profile.read_text(encoding="utf-8"))
    del data["volunteering"]  # the owner takes it out of the profile
    profile.write_text(json.dumps(data), encoding="utf-8")
    st = profile.stat()
    os.utime(profile, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    reload = await twin.live.check_files()
    assert reload is not None and reload.ok and reload.changed

    with store_down(twin):
        after = await twin.answer(ask(question, "b"))
    assert after.error == "storage" and STORAGE_NOTE in after.text
    assert "Code First Girls" not in after.text
