"""Conversation memory: the in-process view agrees with SQLite, across restarts too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.persona.memory import ConversationMemory
from core.store.sqlite import SqliteStore as Store
from core.store.sqlite import StoredTurn

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class CountingStore(Store):
    """The real store, counting the turn reads that reach SQLite."""

    reads = 0

    async def last_turns(self, conversation: str, limit: int) -> list[StoredTurn]:
        CountingStore.reads += 1
        return await super().last_turns(conversation, limit)


def qa(i: int) -> list[StoredTurn]:
    return [StoredTurn("user", f"q{i}"), StoredTurn("assistant", f"a{i}")]


async def test_new_and_active_conversations_cost_no_database_read(tmp_path: Path) -> None:
    store = await CountingStore.open(tmp_path / "t.db")
    CountingStore.reads = 0
    memory = ConversationMemory(store, keep=4)
    await memory.start(NOW)
    assert await memory.last("new") == []
    for i in range(3):
        await memory.add("new", qa(i), NOW)
    assert [t.text for t in await memory.last("new")] == ["q1", "a1", "q2", "a2"]
    assert CountingStore.reads == 0
    assert [t.text for t in await store.last_turns("new", 4)] == ["q1", "a1", "q2", "a2"]
    await store.close()


async def test_after_a_restart_history_comes_from_the_database(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "t.db")
    first = ConversationMemory(store, keep=4)
    await first.start(NOW)
    await first.add("c", qa(1), NOW - timedelta(days=2))
    await first.add("stale", qa(2), NOW - timedelta(days=40))
    await store.close()

    again = await Store.open(tmp_path / "t.db")
    second = ConversationMemory(again, keep=4)
    await second.start(NOW)
    assert [t.text for t in await second.last("c")] == ["q1", "a1"]
    assert await second.last("stale") == []  # idle past the horizon: starts afresh
    await again.close()


async def test_the_in_process_view_is_bounded(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "t.db")
    memory = ConversationMemory(store, keep=2, conversations=3)
    await memory.start(NOW)
    for i in range(10):
        await memory.add(f"c{i}", qa(i), NOW)
    assert len(memory._recent) == 3
    assert [t.text for t in await memory.last("c0")] == ["q0", "a0"]  # evicted, read back
    await store.close()
