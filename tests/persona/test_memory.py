"""Conversation memory: the in-process view agrees with SQLite, across restarts too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.persona.memory import ConversationMemory
from core.store.records import StoredTurn
from core.store.sqlite import SqliteStore as Store

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class CountingStore(Store):
    """The real store, counting the turn reads that reach SQLite."""

    reads = 0

    async def last_turns(
        self, conversation: str, limit: int, since: datetime | None = None
    ) -> list[StoredTurn]:
        CountingStore.reads += 1
        return await super().last_turns(conversation, limit, since)


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


async def test_two_processes_on_one_file_see_each_others_turns(tmp_path: Path) -> None:
    """Two instances answering one thread in turn: each reads the other's newest turns."""
    one, two = await Store.open(tmp_path / "t.db"), await Store.open(tmp_path / "t.db")
    later = NOW + timedelta(seconds=61)  # the first process's next beat: it sees the second
    first = ConversationMemory(one, keep=4, wall=lambda: later, writer="a")
    second = ConversationMemory(two, keep=4, wall=lambda: later, writer="b")
    await first.start(NOW)
    await second.start(NOW)  # sees "a": shared from its start
    assert await second.last("thread") == []
    await second.add("thread", qa(0), NOW)
    assert [t.text for t in await first.last("thread")] == ["q0", "a0"]  # "a" sees "b" too
    await first.add("thread", qa(1), NOW)
    assert [t.text for t in await second.last("thread")] == ["q0", "a0", "q1", "a1"]
    await one.close()
    await two.close()


async def test_alone_again_the_copy_is_rebuilt_from_the_store(tmp_path: Path) -> None:
    store, other = await Store.open(tmp_path / "t.db"), await Store.open(tmp_path / "t.db")
    now = [NOW]
    memory = ConversationMemory(store, keep=4, wall=lambda: now[0], writer="a")
    await other.heartbeat("b", NOW, timedelta(minutes=1))
    await memory.start(NOW)
    await other.add_turns("thread", qa(0), NOW)  # "b" answers while both run
    assert [t.text for t in await memory.last("thread")] == ["q0", "a0"]
    now[0] = NOW + timedelta(minutes=10)  # "b" is long gone
    await other.add_turns("thread", qa(1), NOW)  # its last words, written before it stopped
    assert [t.text for t in await memory.last("thread")] == ["q0", "a0", "q1", "a1"]
    await store.close()
    await other.close()


async def test_a_process_learns_of_a_newcomer_with_its_next_answer(tmp_path: Path) -> None:
    """The first process beats with an answer's turns (no extra trip to the store), so it reads
    the newcomer's turns within seconds, not at its next minute's beat."""
    one, two = await CountingStore.open(tmp_path / "t.db"), await Store.open(tmp_path / "t.db")
    now = [NOW]
    first = ConversationMemory(one, keep=4, wall=lambda: now[0], writer="a")
    await first.start(NOW)  # alone: answers from its own copy
    second = ConversationMemory(two, keep=4, wall=lambda: now[0], writer="b")
    await second.start(NOW + timedelta(seconds=1))  # the newcomer
    now[0] = NOW + timedelta(seconds=2)
    await first.add("mine", qa(0), now[0])  # too soon after its last beat: none with it
    await second.add("thread", qa(1), now[0])
    CountingStore.reads = 0
    assert await first.last("thread") == []  # not yet aware: its copy says "no turns"
    assert CountingStore.reads == 0
    now[0] = NOW + timedelta(seconds=6)
    await first.add("mine", qa(2), now[0])  # an answer's turns, and a beat with them
    assert [t.text for t in await first.last("thread")] == ["q1", "a1"]
    assert CountingStore.reads == 1
    await one.close()
    await two.close()
