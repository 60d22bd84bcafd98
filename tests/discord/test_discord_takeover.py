"""Issue 32 on Discord, through the real discord.py client and the fake Discord, on SQLite and
PostgreSQL: a message the twin takes on is in the store's inbox until its answer is posted; a
surviving instance answers, through REST, what a stopped one accepted (a stale heartbeat row
stands for the stopped process), replacing the reply it left half streamed; one too old gets a
short apology; nothing is answered twice, not by two survivors racing either."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest

from bot.discord.conversations import Conversations
from bot.discord.inbox import TOO_LATE, Accepted, entry_key
from core.store.inbox import RELEASED, InboxEntry
from core.twin import Twin
from core.types import Question
from tests.discord.conftest import ALICE, DiscordHarness, StartDiscord
from tests.fakes.discord_server import CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.fakes.groq_server import FakeGroq

LEASE = timedelta(seconds=30)  # [instances] lease_s's default
ANSWER = "I studied computer science."
DEAD = "999@killed"
NO_CACHE = "[cache]\nenabled = false\n"  # each answer a model call: they are counted
GRACE_0 = "[instances]\nstop_grace_s = 0\n"  # a graceful stop hands over at once


@pytest.fixture(params=["sqlite", "postgres"])
async def db_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """The twin's database: SQLite in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return {}
    target = request.getfixturevalue("pg_target")
    return {"TWIN_DATABASE_URL": await target.new_database()}


async def left_by_a_dead_twin(
    twin: Twin, fake: FakeDiscord, age: timedelta, *, dm: bool = False
) -> dict[str, Any]:
    """A question a stopped instance accepted `age` ago and never answered; its message."""
    message = fake.user_message("Where did you study?", mention=not dm, dm=dm)
    fake.messages[message["id"]] = message  # delivered (to the stopped instance) and kept
    channel = DM_CHANNEL_ID if dm else CHANNEL_ID
    key = f"discord:dm:{channel}" if dm else Conversations.chain_key(channel, int(message["id"]))
    question = Question(
        text="Where did you study?",
        platform="discord",
        user_id=ALICE["id"],
        channel_id=str(channel),
        conversation=key,
        is_dm=dm,
        reply_to=message["id"],
    )
    saved = Accepted(channel, None if dm else GUILD_ID, int(message["id"]), question)
    store, now = twin._p.store, twin._p.wall()
    await store.heartbeat(DEAD, now - age, LEASE)  # its last beat
    entry = InboxEntry(
        f"event:{entry_key(message['id'])}",
        now - age,
        DEAD,
        "discord",
        ALICE["id"],
        saved.payload(),
    )
    assert await store.accept(entry)
    return message


def contents(harness: DiscordHarness, message: dict[str, Any]) -> list[str]:
    """The twin's replies to `message` as they read now."""
    return [m["content"] for m in harness.answer_messages(message)]


async def test_an_accepted_message_is_in_the_inbox_until_answered(
    make_twin: Any, start_discord: StartDiscord, fake_groq: FakeGroq, db_env: dict[str, str]
) -> None:
    twin = await make_twin(env=db_env)
    harness = await start_discord(twin)
    gate = fake_groq.hold = asyncio.Event()  # the model answers when the test lets it
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    question = harness.fake.user_message("Where did you study?", mention=True)
    await harness.fake.dispatch("MESSAGE_CREATE", question)
    await asyncio.wait_for(asked.wait(), 10)  # the answer is in flight
    [waiting] = await twin._p.store.inbox()
    assert (waiting.key, waiting.owner, waiting.platform, waiting.user_id) == (
        f"event:discord:{question['id']}",
        twin._p.guard.owner,
        "discord",
        ALICE["id"],
    )
    saved = json.loads(waiting.payload)
    assert (saved["channel_id"], saved["guild_id"], saved["message_id"]) == (
        str(CHANNEL_ID),
        str(GUILD_ID),
        question["id"],
    )
    assert saved["question"]["text"] == "Where did you study?"
    gate.set()
    assert (await harness.journal.wait_key(f"message:{question['id']}")).outcome == "answered"
    assert await twin._p.store.inbox() == []


async def test_a_failed_answer_leaves_the_inbox_with_its_apology(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    discord_fake.fail("PATCH", r"/channels/\d+/messages/\d+", times=5)  # the final edit fails
    question = discord_fake.user_message("Where did you study?", mention=True)
    handled = await harness.send(question)
    assert handled.outcome.startswith("failed ")
    assert await harness.client.twin._p.store.inbox() == []


async def test_a_message_delivered_to_two_instances_is_answered_once(
    make_twin: Any,
    start_discord: StartDiscord,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    db_env: dict[str, str],
) -> None:
    one = await start_discord(await make_twin(env=db_env))
    two = await start_discord(await make_twin(env=db_env))  # the same store
    question = discord_fake.user_message("Where did you study?", mention=True)
    await discord_fake.dispatch("MESSAGE_CREATE", question)  # both connections get it
    key = f"message:{question['id']}"
    outcomes = sorted(
        [(await one.journal.wait_key(key)).outcome, (await two.journal.wait_key(key)).outcome]
    )
    assert outcomes == ["answered", "duplicate"]
    assert len(fake_groq.requests) == 1
    assert len(one.answer_messages(question)) == 1


async def test_a_survivor_answers_what_a_stopped_twin_accepted(
    make_twin: Any,
    start_discord: StartDiscord,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    db_env: dict[str, str],
) -> None:
    twin = await make_twin(NO_CACHE, env=db_env)
    harness = await start_discord(twin)
    lost = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    in_dm = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=40), dm=True)
    old = await left_by_a_dead_twin(twin, discord_fake, timedelta(minutes=10))
    assert await harness.client.take_over() == 3
    outcomes = {
        m["id"]: (await harness.journal.wait_key(f"message:{m['id']}")).outcome
        for m in (lost, in_dm, old)
    }
    assert outcomes == {
        lost["id"]: "answered",
        in_dm["id"]: "answered",
        old["id"]: "too late: apologised",
    }
    [answer] = contents(harness, lost)
    assert answer.startswith(ANSWER)  # a reply to the question, in its channel
    [in_the_dm] = harness.answer_messages(in_dm)
    assert in_the_dm["channel_id"] == str(DM_CHANNEL_ID) and in_the_dm["content"].startswith(ANSWER)
    assert contents(harness, old) == [TOO_LATE]
    assert len(fake_groq.requests) == 2  # the late one never reached the model
    assert await twin._p.store.inbox() == []
    assert await harness.client.take_over() == 0  # nothing is answered twice


async def test_the_reply_a_stopped_twin_left_half_streamed_becomes_the_answer(
    make_twin: Any,
    start_discord: StartDiscord,
    discord_fake: FakeDiscord,
    db_env: dict[str, str],
) -> None:
    twin = await make_twin(env=db_env)
    harness = await start_discord(twin)
    question = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    partial = discord_fake.left_reply(question, "I studied …")
    assert await harness.client.take_over() == 1
    handled = await harness.journal.wait_key(f"message:{question['id']}")
    assert handled.outcome == "answered"
    [answer] = harness.answer_messages(question)  # one answer, in the message it left
    assert answer["id"] == partial["id"] and answer["content"].startswith(ANSWER)
    assert discord_fake.sent_messages() == []  # replaced by edits, nothing new posted


async def test_a_finished_answer_left_in_pieces_is_replaced_by_one(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    question = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    first = discord_fake.left_reply(question, "A long answer, piece one")
    second = discord_fake.left_reply(question, "and piece two")
    assert await harness.client.take_over() == 1
    await harness.journal.wait_key(f"message:{question['id']}")
    [answer] = harness.answer_messages(question)
    assert answer["id"] == first["id"] and answer["content"].startswith(ANSWER)
    assert discord_fake.calls_to("DELETE", rf"/channels/{CHANNEL_ID}/messages/{second['id']}")


async def test_a_late_question_s_half_reply_becomes_the_apology(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    question = await left_by_a_dead_twin(twin, discord_fake, timedelta(minutes=10))
    partial = discord_fake.left_reply(question, "I studied …")
    assert await harness.client.take_over() == 1
    handled = await harness.journal.wait_key(f"message:{question['id']}")
    assert handled.outcome == "too late: apologised"
    [sorry] = harness.answer_messages(question)
    assert (sorry["id"], sorry["content"]) == (partial["id"], TOO_LATE)
    assert fake_groq.requests == [] and discord_fake.sent_messages() == []


async def test_a_live_twins_questions_are_not_taken(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    await twin._p.store.heartbeat(DEAD, twin._p.wall(), LEASE)  # it is alive after all
    assert await harness.client.take_over() == 0
    assert len(await twin._p.store.inbox()) == 1


async def test_two_survivors_racing_answer_each_question_once(
    make_twin: Any,
    start_discord: StartDiscord,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    db_env: dict[str, str],
) -> None:
    one = await start_discord(await make_twin(NO_CACHE, env=db_env))
    two = await start_discord(await make_twin(NO_CACHE, env=db_env))  # the same store
    questions = [
        await left_by_a_dead_twin(one.client.twin, discord_fake, timedelta(seconds=45))
        for _ in range(6)
    ]
    taken = await asyncio.gather(one.client.take_over(), two.client.take_over())
    assert sum(taken) == 6
    await asyncio.gather(one.client.runner.drain(), two.client.runner.drain())
    for question in questions:
        key = f"message:{question['id']}"
        handled = [h.outcome for j in (one.journal, two.journal) for h in j.items if h.key == key]
        assert handled == ["answered"]
        [answer] = contents(one, question)
        assert answer.startswith(ANSWER)
    assert len(fake_groq.requests) == 6
    assert await one.client.twin._p.store.inbox() == []


async def test_the_live_beat_takes_over_once_connected(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    question = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    assert harness.client.takeover.due in twin.live.beats
    await twin.live.tick()
    handled = await harness.journal.wait_key(f"message:{question['id']}")
    assert handled.outcome == "answered"
    await harness.stop()
    assert harness.client.takeover.due not in twin.live.beats


async def test_a_discord_only_twin_leaves_a_dead_twins_slack_questions(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    question = await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    slack = InboxEntry(
        "event:slack:Ev1", twin._p.wall() - timedelta(seconds=45), DEAD, "slack", "U1", "{}"
    )
    assert await twin._p.store.accept(slack)
    assert await harness.client.take_over() == 1  # its own platform's only
    await harness.journal.wait_key(f"message:{question['id']}")
    [left] = await twin._p.store.inbox()  # for a process that answers Slack to take
    assert (left.key, left.owner) == ("event:slack:Ev1", DEAD)


async def test_a_forgotten_members_waiting_question_is_never_answered(
    make_twin: Any, start_discord: StartDiscord, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    await left_by_a_dead_twin(twin, discord_fake, timedelta(seconds=45))
    payload = discord_fake.command_interaction("twin-forget", author=ALICE, dm=True)
    await discord_fake.interaction(payload)
    assert (await harness.journal.wait_key("command:/twin-forget")).outcome == "forgot"
    assert await twin._p.store.inbox() == []  # her question went with her
    assert await harness.client.take_over() == 0
    assert fake_groq.requests == []


async def test_a_graceful_stop_hands_its_unfinished_answer_over_at_once(
    make_twin: Any,
    start_discord: StartDiscord,
    discord_fake: FakeDiscord,
    fake_groq: FakeGroq,
    db_env: dict[str, str],
) -> None:
    stopping = await start_discord(await make_twin(NO_CACHE + GRACE_0, env=db_env))
    gate = fake_groq.hold = asyncio.Event()  # the answer stalls at the model
    asked = asyncio.Event()
    fake_groq.on_request = lambda _body: asked.set()
    question = discord_fake.user_message("Where did you study?", mention=True)
    await discord_fake.dispatch("MESSAGE_CREATE", question)
    await asyncio.wait_for(asked.wait(), 10)
    await stopping.client.close()  # SIGTERM's path: the grace (0 s) passes, the rest handed over
    [handed] = await stopping.client.twin._p.store.inbox()
    assert handed.owner == RELEASED  # any instance takes it now, not a lease later
    survivor = await start_discord(await make_twin(NO_CACHE, env=db_env))
    gate.set()
    assert await survivor.client.take_over() == 1  # its owner is still beating: not a lease
    handled = await survivor.journal.wait_key(f"message:{question['id']}")
    assert handled.outcome == "answered"
    [answer] = contents(survivor, question)
    assert answer.startswith(ANSWER)
    assert await survivor.client.twin._p.store.inbox() == []
