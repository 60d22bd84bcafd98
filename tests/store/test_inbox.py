"""The inbox of accepted questions (issue 32), on both backends: accepted with the event's claim
in one transaction, closed when answered, taken over from a dead owner by one claimer only."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core.store.base import Store
from core.store.inbox import InboxEntry
from tests.store.test_ledger import NOW

LEASE = timedelta(seconds=30)


def entry(key: str, owner: str, *, at: timedelta = timedelta(0), user: str = "U1") -> InboxEntry:
    return InboxEntry(f"event:{key}", NOW + at, owner, "slack", user, '{"text": "hi"}')


async def test_an_event_is_accepted_once_and_leaves_when_answered(store: Store) -> None:
    assert await store.accept(entry("E1", "1@a"))
    assert not await store.accept(entry("E1", "2@b"))  # Slack's retry on another instance
    assert not await store.claim("event:E1", NOW)  # the same once-only key as before
    assert [(e.key, e.owner, e.payload) for e in await store.inbox()] == [
        ("event:E1", "1@a", '{"text": "hi"}')
    ]
    await store.answered("event:E1")
    assert await store.inbox() == []
    assert not await store.accept(entry("E1", "1@a"))  # answered: still a duplicate


async def test_a_key_claimed_before_writes_no_entry(store: Store) -> None:
    assert await store.claim("event:E2", NOW)
    assert not await store.accept(entry("E2", "1@a"))
    assert await store.inbox() == []


async def test_only_a_dead_owners_entries_are_taken_over(store: Store) -> None:
    await store.heartbeat("1@dead", NOW, LEASE)
    await store.heartbeat("2@alive", NOW, LEASE)
    await store.accept(entry("E1", "1@dead"))
    await store.accept(entry("E2", "2@alive", at=timedelta(seconds=1)))
    await store.accept(entry("E3", "1@dead", at=timedelta(seconds=2)))
    later = NOW + LEASE + timedelta(seconds=5)
    await store.heartbeat("2@alive", later, LEASE)
    assert await store.take_over("3@new", NOW + timedelta(seconds=10), LEASE) == []  # too soon
    taken = await store.take_over("3@new", later, LEASE)
    assert [(e.key, e.owner, e.taken) for e in taken] == [
        ("event:E1", "3@new", 1),
        ("event:E3", "3@new", 1),
    ]
    assert {e.key: e.owner for e in await store.inbox()}["event:E2"] == "2@alive"
    await store.heartbeat("3@new", later, LEASE)
    assert await store.take_over("4@other", later + timedelta(seconds=1), LEASE) == []


async def test_an_owner_that_died_before_its_first_beat_is_dead_after_a_lease(
    store: Store,
) -> None:
    await store.accept(entry("E1", "9@never"))
    assert await store.take_over("3@new", NOW + LEASE - timedelta(seconds=1), LEASE) == []
    assert len(await store.take_over("3@new", NOW + LEASE, LEASE)) == 1


async def test_survivors_racing_take_each_entry_once(store: Store) -> None:
    await store.heartbeat("1@dead", NOW, LEASE)
    for i in range(12):
        await store.accept(entry(f"E{i}", "1@dead", at=timedelta(milliseconds=i)))
    later = NOW + timedelta(minutes=1)
    survivors = [f"{n}@survivor" for n in range(4)]
    for me in survivors:
        await store.heartbeat(me, later, LEASE)
    taken = await asyncio.gather(*(store.take_over(me, later, LEASE, limit=5) for me in survivors))
    keys = [e.key for batch in taken for e in batch]
    assert sorted(keys) == sorted(f"event:E{i}" for i in range(12))  # each once, none lost
    owners = {e.key: e.owner for e in await store.inbox()}
    assert all(
        owners[e.key] == me for me, batch in zip(survivors, taken, strict=True) for e in batch
    )


async def test_forgetting_a_member_drops_their_waiting_questions(store: Store) -> None:
    await store.accept(entry("E1", "1@a", user="U1"))
    await store.accept(entry("E2", "1@a", user="U2"))
    await store.forget_member("slack", "U1")
    assert [e.key for e in await store.inbox()] == ["event:E2"]


async def test_a_handed_over_entry_is_taken_at_once_and_a_note_needs_its_holder(
    store: Store,
) -> None:
    await store.heartbeat("1@stopping", NOW, LEASE)
    await store.heartbeat("2@alive", NOW, LEASE)
    await store.accept(entry("E1", "1@stopping"))
    await store.accept(entry("E2", "2@alive"))
    assert await store.note("event:E1", "1@stopping", '{"shown": "1.1"}')
    assert not await store.note("event:E1", "2@alive", '{"shown": "9.9"}')  # not its holder
    assert await store.take_over("2@alive", NOW, LEASE) == []  # alive, and not released
    assert await store.hand_over("1@stopping", "discord") == 0  # another platform's: kept
    assert await store.hand_over("1@stopping", "slack") == 1
    assert not await store.note("event:E1", "1@stopping", "{}")  # handed over: not its own
    [taken] = await store.take_over("2@alive", NOW, LEASE)  # at once, not a lease later
    assert (taken.key, taken.owner, taken.payload, taken.taken) == (
        "event:E1",
        "2@alive",
        '{"shown": "1.1"}',
        1,
    )
    assert await store.take_over("3@other", NOW, LEASE) == []  # taken once
