"""Connecting: the gateway handshake, intents, command sync, the env overrides and the runner."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from discord.gateway import DiscordWebSocket

from bot.discord.client import twin_intents
from bot.discord.serve import (
    DiscordSetupError,
    missing_discord_env,
    serve_discord,
    use_discord_endpoints,
)
from tests.discord.conftest import ADMIN_CONFIG, ALICE
from tests.fakes.discord_server import APP_ID, GUILD_ID, TOKEN, FakeDiscord

COMMANDS = {"twin-usage", "twin-health", "twin-gaps", "twin-why"}
USER_INSTALL = {"ask", "Ask Maya's twin"}  # global always, so user installs can use them
EVERY_MEMBER = {"twin-forget"}  # global always, no permission hint: members forget themselves


async def test_identify_asks_guilds_guild_messages_and_dms_but_not_message_content(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    identify = await discord_fake.wait_identified()
    intents = discord.Intents._from_value(identify["intents"])
    assert intents.guilds and intents.guild_messages and intents.dm_messages
    assert not intents.message_content
    assert not intents.members and not intents.presences
    assert identify["intents"] == twin_intents().value
    assert harness.client.user is not None and harness.client.my_id == harness.client.user.id
    assert harness.client.get_guild(GUILD_ID) is not None  # GUILD_CREATE arrived
    paths = [c.path for c in discord_fake.calls]
    assert "/users/@me" in paths  # login
    assert any(p.endswith("/applications/@me") for p in paths)  # application id


async def test_commands_sync_globally_when_no_guilds_are_configured(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    await start_discord(await make_twin())
    puts = discord_fake.calls_to("PUT", rf"/applications/{APP_ID}/commands")
    assert len(puts) == 1
    assert {c["name"] for c in puts[0].json} == COMMANDS | USER_INSTALL | EVERY_MEMBER
    for command in (c for c in puts[0].json if c["name"] in EVERY_MEMBER):
        assert command.get("default_member_permissions") is None
    for command in (c for c in puts[0].json if c["name"] in COMMANDS):
        assert (
            int(command["default_member_permissions"])
            == discord.Permissions(administrator=True).value
        )
    assert not discord_fake.calls_to("PUT", r"/applications/\d+/guilds/\d+/commands")


async def test_commands_sync_to_each_configured_guild(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin(f'[discord]\nguilds = ["{GUILD_ID}", "42"]\n')
    await start_discord(twin)
    for guild in (GUILD_ID, 42):
        puts = discord_fake.calls_to("PUT", rf"/applications/{APP_ID}/guilds/{guild}/commands")
        assert len(puts) == 1
        assert {c["name"] for c in puts[0].json} == COMMANDS
    (global_put,) = discord_fake.calls_to("PUT", rf"/applications/{APP_ID}/commands")
    assert {c["name"] for c in global_put.json} == USER_INSTALL | EVERY_MEMBER


def test_missing_discord_env_names_the_token() -> None:
    assert missing_discord_env({}) == ["DISCORD_TOKEN"]
    assert missing_discord_env({"DISCORD_TOKEN": ""}) == ["DISCORD_TOKEN"]
    assert missing_discord_env({"DISCORD_TOKEN": "x"}) == []


def test_endpoint_overrides_leave_defaults_alone_when_unset(endpoints: Any) -> None:
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    use_discord_endpoints({})
    assert discord.http.Route.BASE is base
    assert DiscordWebSocket.DEFAULT_GATEWAY is gateway
    use_discord_endpoints(
        {"DISCORD_API_URL": "http://proxy.local/api/v10/", "DISCORD_GATEWAY_URL": "ws://gw.local/"}
    )
    assert discord.http.Route.BASE == "http://proxy.local/api/v10"
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://gw.local/"


async def test_serve_discord_refuses_to_start_without_a_token(make_twin: Any) -> None:
    twin = await make_twin()
    with pytest.raises(DiscordSetupError, match="DISCORD_TOKEN"):
        await serve_discord(twin, twin.config, {})


async def test_serve_discord_connects_through_the_env_overrides_and_answers_a_dm(
    make_twin: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin(ADMIN_CONFIG)
    env = {
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_URL": discord_fake.api_url,
        "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
    }
    runner = asyncio.create_task(serve_discord(twin, twin.config, env))
    try:
        await discord_fake.wait_identified()
        message = discord_fake.user_message("What did you study?", author=ALICE, dm=True)
        await discord_fake.dispatch("MESSAGE_CREATE", message)
        calls = await discord_fake.wait_for(
            lambda calls: any(
                c.method == "PATCH" or (c.method == "POST" and c.path.endswith("/messages"))
                for c in calls
            )
        )
        assert discord_fake.gateway_queries[0]["v"] == "10"
        assert any(c.path == "/users/@me" for c in calls)
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
    assert runner.cancelled()


async def test_a_wrong_token_is_refused_at_login(make_twin: Any, endpoints: Any) -> None:
    twin = await make_twin()
    async with FakeDiscord(token="the-right-one") as fake:
        env = {
            "DISCORD_TOKEN": "a-wrong-one",
            "DISCORD_API_URL": fake.api_url,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
        }
        with pytest.raises(DiscordSetupError, match="refused DISCORD_TOKEN") as refused:
            await serve_discord(twin, twin.config, env)
        assert "a-wrong-one" not in str(refused.value)  # the token is never echoed
