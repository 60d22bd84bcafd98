"""Sharding: `[discord] shard_count` / `shard_ids` split the gateway shards between clients
(processes), each shard getting the servers Discord routes to it; config mistakes named."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.discord.client import TwinDiscordClient
from bot.discord.serve import use_discord_endpoints
from bot.discord.shards import ShardedTwinDiscordClient, make_discord_client
from core.config import ConfigError, load_config
from tests.conftest import write_config
from tests.discord.conftest import WAIT, Journal
from tests.fakes.discord_server import GUILD_ID, TOKEN, FakeDiscord

GUILD_SHARD = (GUILD_ID >> 22) % 2  # the shard of 2 that Discord sends the test server's events on


async def _connect(twin: Any, fake: FakeDiscord, running: list[Any]) -> tuple[Any, Journal]:
    use_discord_endpoints(
        {"DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url}
    )
    journal = Journal()
    client = make_discord_client(
        twin, twin.config, observer=journal, guild_ready_timeout=0.01, identify_pause_s=0
    )
    task = asyncio.create_task(client.start(TOKEN))
    running.append((client, task))
    await asyncio.wait_for(client.wait_until_ready(), WAIT)
    return client, journal


async def test_two_processes_split_two_shards_and_each_answers_its_own_traffic(
    make_twin: Any, discord_fake: FakeDiscord
) -> None:
    running: list[Any] = []
    try:
        first = await make_twin("[discord]\nshard_count = 2\nshard_ids = [0]\n")
        zero, zero_journal = await _connect(first, discord_fake, running)
        second = await make_twin("[discord]\nshard_count = 2\nshard_ids = [1]\n")
        one, one_journal = await _connect(second, discord_fake, running)
        assert isinstance(zero, ShardedTwinDiscordClient)
        assert sorted(i["shard"] for i in discord_fake.identifies) == [[0, 2], [1, 2]]
        by_shard = {0: (zero, zero_journal), 1: (one, one_journal)}

        owner, owner_journal = by_shard[GUILD_SHARD]
        other, other_journal = by_shard[1 - GUILD_SHARD]
        assert owner.get_guild(GUILD_ID) is not None and other.get_guild(GUILD_ID) is None

        message = discord_fake.user_message("What did you study?", mention=True)
        await discord_fake.dispatch("MESSAGE_CREATE", message)
        handled = await owner_journal.wait_key(f"message:{message['id']}")
        assert handled.outcome == "answered"
        assert not other_journal.items  # Discord never sent it to the other shard

        dm = discord_fake.user_message("And your projects?", dm=True)
        await discord_fake.dispatch("MESSAGE_CREATE", dm)
        handled = await zero_journal.wait_key(f"message:{dm['id']}")  # DMs arrive on shard 0
        assert handled.outcome == "answered"
        assert all(h.key != f"message:{dm['id']}" for h in one_journal.items)
    finally:
        for client, task in running:
            await client.close()
            await asyncio.gather(task, return_exceptions=True)


async def test_one_process_runs_every_shard_when_shard_ids_is_empty(
    make_twin: Any, discord_fake: FakeDiscord
) -> None:
    running: list[Any] = []
    try:
        twin = await make_twin("[discord]\nshard_count = 3\n")
        client, _ = await _connect(twin, discord_fake, running)
        assert sorted(i["shard"] for i in discord_fake.identifies) == [[0, 3], [1, 3], [2, 3]]
        assert client.get_guild(GUILD_ID) is not None
    finally:
        for client, task in running:
            await client.close()
            await asyncio.gather(task, return_exceptions=True)


async def test_no_shard_count_means_one_plain_connection(make_twin: Any) -> None:
    twin = await make_twin()
    client = make_discord_client(twin, twin.config)
    assert type(client) is TwinDiscordClient
    assert twin.config.discord.shard_count == 0 and twin.config.discord.shard_ids == ()


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ("shard_ids = [0]", "[discord] shard_ids: needs shard_count"),
        ("shard_count = 2\nshard_ids = [2]", "[discord] shard_ids: [2] outside 0..1"),
        ("shard_count = 2\nshard_ids = [1, 1]", "[discord] shard_ids: a shard is listed twice"),
        ("shard_count = -1", "[discord] shard_count: must not be negative"),
        ('shard_ids = ["a"]', "[discord] shard_ids: expected list[int]"),
        ('shard_count = "2"', "[discord] shard_count: expected int"),
    ],
)
def test_shard_mistakes_name_the_key_and_the_file(tmp_path: Path, toml: str, problem: str) -> None:
    path = write_config(tmp_path, f"[discord]\n{toml}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert problem in str(raised.value) and str(path) in str(raised.value)
