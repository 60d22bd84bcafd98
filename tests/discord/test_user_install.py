"""The twin as a user-installed app, end to end through discord.py: `/ask` and the message menu
from DMs, group DMs and servers the bot is not in (interactions without a guild), deferred within
Discord's 3 s and answered in followups; the feedback buttons; the access lists."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.access import NO_DMS, NOT_FOR_YOU
from bot.discord.client import TwinDiscordClient
from tests.discord.conftest import ALICE, BOB, DiscordHarness
from tests.fakes.discord_server import APP_ID, EPHEMERAL, FakeDiscord, RestCall
from tests.fakes.groq_server import FakeGroq

DEADLINE_S = 3.0
MENU = "Ask Maya's twin"


def callbacks(fake: FakeDiscord, payload: dict[str, Any]) -> list[RestCall]:
    return fake.calls_to("POST", rf"/interactions/{payload['id']}/[^/]+/callback")


def followups(fake: FakeDiscord, payload: dict[str, Any]) -> list[RestCall]:
    return fake.calls_to("POST", rf"/webhooks/{APP_ID}/{payload['token']}")


def button_ids(body: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in body.get("components") or () for c in row["components"]]


async def interact(harness: DiscordHarness, payload: dict[str, Any], key: str) -> str:
    await harness.fake.interaction(payload)
    return (await harness.journal.wait_key(key)).outcome


async def test_ask_from_a_user_install_in_a_dm_is_deferred_then_answered_with_buttons(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    data = discord_fake.slash_data("ask", question="Where did you study?")
    for context, channel in ((1, 950000000000000001), (2, 950000000000000002)):
        payload = discord_fake.user_install_interaction(data, context=context, channel_id=channel)
        assert "guild_id" not in payload
        assert await interact(harness, payload, "command:/ask") == "answered"
        harness.journal.items.clear()
        (callback,) = callbacks(discord_fake, payload)
        assert callback.json["type"] == 5  # deferred: "the twin is thinking…"
        assert callback.at - discord_fake.dispatched[payload["id"]] < DEADLINE_S
        (followup,) = followups(discord_fake, payload)
        assert followup.json["content"].split("\n-# Sources: ")[0] == "I studied computer science."
        assert followup.json["allowed_mentions"]["parse"] == []
        up, down = button_ids(followup.json)
        assert up.startswith("twin:fb:up:") and down == up.replace(":up:", ":down:")
    assert "Where did you study?" in fake_groq.requests[0]["messages"][-1]["content"]


async def test_ask_from_a_server_the_bot_is_not_in(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    data = discord_fake.slash_data("ask", question="What do you do?")
    payload = discord_fake.user_install_interaction(
        data, context=0, guild_id=970000000000000001, channel_id=970000000000000002
    )
    assert await interact(harness, payload, "command:/ask") == "answered"
    (followup,) = followups(discord_fake, payload)
    assert followup.json["content"].split("\n-# Sources: ")[0] == "I studied computer science."


async def test_the_message_menu_answers_the_selected_message(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin())
    puts = discord_fake.calls_to("PUT", rf"/applications/{APP_ID}/commands")
    menu = next(c for c in puts[-1].json if c["name"] == MENU)
    ask = next(c for c in puts[-1].json if c["name"] == "ask")
    assert menu["type"] == 3 and ask["type"] == 1
    for command in (menu, ask):  # guild and user installs; servers, DMs, group DMs
        assert sorted(command["integration_types"]) == [0, 1]
        assert sorted(command["contexts"]) == [0, 1, 2]
    assert [o["name"] for o in ask["options"]] == ["question"] and ask["options"][0]["required"]
    selected = discord_fake.user_message("Which languages do you write code in?", author=BOB)
    data = discord_fake.message_menu_data(MENU, selected)
    payload = discord_fake.user_install_interaction(data, context=2, channel_id=950000000000000003)
    assert await interact(harness, payload, f"menu:{MENU}") == "answered"
    asked = fake_groq.requests[-1]["messages"][-1]["content"]
    assert "Which languages do you write code in?" in asked
    (callback,) = callbacks(discord_fake, payload)
    assert callback.json["type"] == 5
    (followup,) = followups(discord_fake, payload)
    assert followup.json["content"].split("\n-# Sources: ")[0] == "I studied computer science."


async def test_feedback_buttons_store_the_last_click_of_each_member(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    harness = await start_discord(twin)
    question = await harness.ask("Where did you study?")
    (answer,) = harness.answer_messages(question)
    up, down = discord_fake.custom_ids(answer)
    for custom_id, who in ((up, ALICE), (down, ALICE), (up, BOB)):
        click = discord_fake.button_click(answer, custom_id, author=who)
        assert await interact(harness, click, f"component:{click['id']}") == "feedback stored"
        (thanks,) = callbacks(discord_fake, click)
        assert thanks.json["type"] == 4 and thanks.json["data"]["flags"] & EPHEMERAL
    votes = await twin.feedback.votes(up.removeprefix("twin:fb:up:"))
    assert sorted((v.user_id, v.helpful) for v in votes) == [
        (ALICE["id"], False),
        (BOB["id"], True),
    ]


ACCESS = (
    '[discord]\nallowed_channels = ["920000000000000001"]\nblocked_users = ["800000000000000002"]\n'
    "allow_dms = false\n"
)


async def test_access_lists_silence_channels_and_say_one_line_in_dms(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    harness = await start_discord(await make_twin(ACCESS))
    blocked = await harness.send(discord_fake.user_message("Hi", author=BOB, mention=True))
    elsewhere = await harness.send(
        discord_fake.user_message("Hi", mention=True, channel_id=920000000000000002)
    )
    dm = discord_fake.user_message("Hi", dm=True)
    in_dm = await harness.send(dm)
    assert [blocked.outcome, elsewhere.outcome, in_dm.outcome] == [
        "refused: blocked user",
        "refused: channel not allowed",
        "refused: DMs are off",
    ]
    again = await harness.send(discord_fake.user_message("Hello?", dm=True))
    assert again.outcome == "refused: DMs are off"
    (line,) = discord_fake.sent_messages()  # the polite line is said once a day
    assert line.json["content"] == NO_DMS
    ask = discord_fake.user_install_interaction(
        discord_fake.slash_data("ask", question="Hi?"), author=BOB
    )
    assert await interact(harness, ask, "command:/ask") == "refused: blocked user"
    (callback,) = callbacks(discord_fake, ask)
    assert callback.json["data"]["content"] == NOT_FOR_YOU
    assert callback.json["data"]["flags"] & EPHEMERAL
    await harness.ask("Where did you study?")  # the allowed channel still works
    assert len(fake_groq.requests) == 1


async def test_starting_says_nothing_about_voice(make_twin: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="discord")
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = True  # as at import
    twin = await make_twin()
    client = TwinDiscordClient(twin, twin.config)
    await client.close()
    messages = [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "PyNaCl" in m or "davey" in m]
