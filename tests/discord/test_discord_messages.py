"""Messages end to end: mentions, DMs, reply chains, threads, bots, allowed mentions, refusals,
errors. The real discord.py client against the fake Discord; the fake Groq is the model."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.discord.conversations import MAX_CHAIN_HOPS
from tests.discord.conftest import ALICE, BOB, DiscordHarness
from tests.fakes.discord_server import (
    BOT_ID,
    BOT_ROLE_ID,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    THREAD_ID,
    FakeDiscord,
    user,
)
from tests.fakes.groq_server import FakeGroq

NO_STREAM = "check_models_at_start = false\nstream = false\n"


def user_turns(request: dict[str, Any]) -> list[str]:
    return [m["content"] for m in request["messages"] if m["role"] == "user"]


def assistant_turns(request: dict[str, Any]) -> list[str]:
    return [m["content"] for m in request["messages"] if m["role"] == "assistant"]


def final_text(harness: DiscordHarness, question: dict[str, Any]) -> str:
    """The answer as it reads now, without the sources subtext line under it."""
    text = "".join(m["content"] for m in harness.answer_messages(question))
    return text.split("\n-# Sources: ")[0]


async def test_a_mention_is_answered_as_a_reply_with_the_mention_stripped(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    question = await harness.ask("What did you study?", author=ALICE)

    asked = user_turns(fake_groq.requests[-1])[-1]
    assert "What did you study?" in asked
    assert "<@" not in asked
    (reply,) = harness.replies_to(question)
    assert str(reply["message_reference"]["message_id"]) == question["id"]
    assert reply["message_reference"]["fail_if_not_exists"] is False
    assert final_text(harness, question) == "I studied computer science."
    assert discord_fake.sent_messages(CHANNEL_ID)


async def test_a_mention_of_the_twins_role_counts_as_a_mention(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    message = discord_fake.user_message(
        f"<@&{BOT_ROLE_ID}> which projects did you build?", mention_roles=[BOT_ROLE_ID]
    )
    assert (await harness.send(message)).outcome == "answered"
    assert user_turns(fake_groq.requests[-1])[-1].count("which projects did you build?") == 1
    assert "<@&" not in user_turns(fake_groq.requests[-1])[-1]


async def test_a_dm_is_answered_in_the_dm(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    question = await harness.ask("Hello, what do you do?", dm=True)
    assert discord_fake.sent_messages(DM_CHANNEL_ID)
    assert not discord_fake.sent_messages(CHANNEL_ID)
    assert final_text(harness, question) == "I studied computer science."


async def test_reply_chain_follow_up_carries_the_first_question_and_answer(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    first = await harness.ask("What did you study?")
    (answer,) = harness.answer_messages(first)

    fake_groq.reply = "At the university of my home town."
    follow_up = discord_fake.user_message("Where was that?", reply_to=answer)  # no typed mention
    assert (await harness.send(follow_up)).outcome == "answered"
    request = fake_groq.requests[-1]
    assert any("What did you study?" in turn for turn in user_turns(request))
    assert "I studied computer science." in assistant_turns(request)
    assert "Where was that?" in user_turns(request)[-1]

    # and one more level down the chain: still the same conversation
    (second_answer,) = harness.answer_messages(follow_up)
    fake_groq.reply = "In 2019."
    third = discord_fake.user_message("When did you finish?", reply_to=second_answer)
    assert (await harness.send(third)).outcome == "answered"
    assert any("What did you study?" in turn for turn in user_turns(fake_groq.requests[-1]))


async def test_a_reply_chain_longer_than_the_walk_limit_stays_one_conversation(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin("[limits]\nuser_per_minute = 0\n"))
    question = await harness.ask("What did you study?")
    for i in range(MAX_CHAIN_HOPS // 2 + 1):  # each exchange is two messages deep
        (answer,) = harness.answer_messages(question)
        fake_groq.reply = f"Answer number {i}."
        question = discord_fake.user_message(f"Tell me more, part {i}?", reply_to=answer)
        assert (await harness.send(question)).outcome == "answered"
    assert len(discord_fake.messages) > MAX_CHAIN_HOPS + 1  # deeper than one walk reaches
    assert len(fake_groq.requests) == MAX_CHAIN_HOPS // 2 + 2  # every question reached the model
    assert any("What did you study?" in turn for turn in user_turns(fake_groq.requests[-1]))


async def test_reply_chain_survives_a_restart_by_walking_the_chain_through_discord(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    before = await start_discord(twin)
    first = await before.ask("What did you study?")
    (answer,) = before.answer_messages(first)
    await before.stop()

    after = await start_discord(twin)  # a fresh client: nothing remembered in memory
    fake_groq.reply = "At the university of my home town."
    follow_up = discord_fake.user_message("Where was that?", reply_to=answer)
    assert (await after.send(follow_up)).outcome == "answered"
    assert any("What did you study?" in turn for turn in user_turns(fake_groq.requests[-1]))
    # the root of the chain was looked up through the REST API
    assert discord_fake.calls_to("GET", rf"/channels/{CHANNEL_ID}/messages/{first['id']}")


async def test_separate_mentions_are_separate_conversations(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    await harness.ask("What did you study?")
    await harness.ask("Which languages do you know?", author=BOB)
    assert not any("What did you study?" in t for t in user_turns(fake_groq.requests[-1]))
    assert len(user_turns(fake_groq.requests[-1])) == 1


async def test_mentions_in_a_thread_continue_one_conversation(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    await harness.ask("What did you study?", channel_id=THREAD_ID)
    await harness.ask("And after that?", channel_id=THREAD_ID, author=BOB)
    request = fake_groq.requests[-1]
    assert any("What did you study?" in turn for turn in user_turns(request))
    assert "And after that?" in user_turns(request)[-1]


async def test_messages_from_bots_and_from_the_twin_itself_are_ignored(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    other_bot = user(870000000000000001, "otherbot", bot=True)
    handled = await harness.send(discord_fake.user_message("hi", author=other_bot, mention=True))
    assert handled.outcome == "ignored: from a bot"
    assert not discord_fake.sent_messages()
    assert not fake_groq.requests

    question = await harness.ask("What did you study?")
    (answer,) = harness.answer_messages(question)
    own = await harness.journal.wait_key(f"message:{answer['id']}")  # echoed by the gateway
    assert own.outcome == "ignored: from the twin itself"
    assert len(fake_groq.requests) == 1


async def test_channel_talk_that_does_not_address_the_twin_is_ignored(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    handled = await harness.send(discord_fake.user_message("lunch anyone?"))
    assert handled.outcome == "ignored: not addressed to the twin"
    assert not discord_fake.sent_messages()


async def test_every_message_sent_pings_nobody_even_when_the_answer_mentions_everyone(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = (
        "Hello @everyone and @here! Ask <@&930000000000000001> or "
        f"<@{BOB['id']}> or <@!{ALICE['id']}>."
    )
    harness = await start_discord(await make_twin())
    question = await harness.ask("Who should I ask?")
    assert "@everyone" in final_text(harness, question)
    bodies = [c.json for c in discord_fake.sent_messages() + discord_fake.edits()]
    assert bodies
    for body in bodies:
        mentions = body["allowed_mentions"]
        assert mentions["parse"] == []
        assert not mentions.get("users") and not mentions.get("roles")
        assert not mentions.get("replied_user")


async def test_rate_limited_question_gets_the_polite_refusal(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin("[limits]\nuser_per_minute = 1\n"))
    await harness.ask("What did you study?")
    second = await harness.ask("Which languages do you know?")
    assert "try again in" in final_text(harness, second)
    assert len(fake_groq.requests) == 1


async def test_attachments_only_mention_gets_the_text_only_hint(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    question = await harness.ask("", attachments=1)
    assert "attachments" in final_text(harness, question)
    assert not fake_groq.requests


async def test_a_failed_send_is_logged_with_an_error_id_and_apologised_for_without_details(
    make_twin: Any,
    start_discord: Any,
    discord_fake: FakeDiscord,
    caplog: pytest.LogCaptureFixture,
) -> None:
    harness = await start_discord(await make_twin(llm=NO_STREAM))
    discord_fake.fail(
        "POST",
        rf"/channels/{CHANNEL_ID}/messages",
        status=403,
        body={"code": 50013, "message": "Missing Permissions"},
    )
    question = discord_fake.user_message("What did you study?", mention=True)
    with caplog.at_level(logging.ERROR, logger="bot.discord.client"):
        handled = await harness.send(question)
    assert handled.outcome.startswith("failed ")
    error_id = handled.outcome.split()[1]
    (apology,) = [m["content"] for m in harness.answer_messages(question)]
    assert error_id in apology
    for leak in ("Missing Permissions", "403", "Traceback", "Forbidden"):
        assert leak not in apology
    assert any(error_id in r.getMessage() for r in caplog.records)


async def test_bot_id_is_the_one_from_ready(make_twin: Any, start_discord: Any) -> None:
    harness = await start_discord(await make_twin())
    assert harness.client.my_id == BOT_ID
