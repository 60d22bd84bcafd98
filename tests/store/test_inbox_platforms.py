"""A takeover takes only the inbox entries of the platforms the taking process answers (issue
32): a Discord-only instance never takes a dead Slack instance's questions (nothing there could
answer them, and a live owner's entries are never taken again), on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.store.base import Store
from core.store.inbox import InboxEntry
from tests.store.test_ledger import NOW

LEASE = timedelta(seconds=30)


async def test_only_the_named_platforms_entries_are_taken(store: Store) -> None:
    await store.heartbeat("1@dead", NOW, LEASE)
    for key, platform in (("S1", "slack"), ("D1", "discord"), ("D2", "discord")):
        await store.accept(InboxEntry(f"event:{key}", NOW, "1@dead", platform, "U1", "{}"))
    later = NOW + LEASE + timedelta(seconds=5)
    taken = await store.take_over("2@discord", later, LEASE, platforms=["discord"])
    assert sorted(e.key for e in taken) == ["event:D1", "event:D2"]
    assert {e.key: e.owner for e in await store.inbox()}["event:S1"] == "1@dead"
    await store.heartbeat("2@discord", later, LEASE)  # alive: what it took stays its own
    both = await store.take_over("3@both", later, LEASE, platforms=["discord", "slack"])
    assert [e.key for e in both] == ["event:S1"]
