"""Gateway sharding: `[discord] shard_count` / `shard_ids` split the twin's servers between
processes.

Discord requires sharding above 2,500 servers (at most 2,500 per shard) and sends each server's
events on shard `(server_id >> 22) % shard_count`, direct messages on shard 0. With
`shard_count = 0` (the default) the twin opens one plain connection. With N shards, each
process lists the shards it runs in `shard_ids` (all N when empty) and discord.py's
`AutoShardedClient` opens one connection per shard; the processes share one PostgreSQL
(`TWIN_DATABASE_URL`) so they are one twin.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.client import TwinDiscordClient
from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin

IDENTIFY_PAUSE_S = 5.0  # Discord allows one IDENTIFY per 5 s (per max_concurrency bucket)


class ShardedTwinDiscordClient(TwinDiscordClient, discord.AutoShardedClient):
    """The same twin client over one connection per shard (`AutoShardedClient`).

    `identify_pause_s` spaces the IDENTIFYs of this process's shards as discord.py does (5 s);
    tests against the fake gateway set 0."""

    def __init__(
        self, twin: Twin, config: Config, *, identify_pause_s: float = IDENTIFY_PAUSE_S, **kw: Any
    ) -> None:
        super().__init__(twin, config, **kw)
        self._identify_pause_s = identify_pause_s

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if not initial and self._identify_pause_s > 0:
            await asyncio.sleep(self._identify_pause_s)


def make_discord_client(
    twin: Twin, config: Config, *, identify_pause_s: float = IDENTIFY_PAUSE_S, **options: Any
) -> TwinDiscordClient:
    """A plain client, or a sharded one when `[discord] shard_count` is set."""
    shards = config.discord
    if shards.shard_count <= 0:
        return TwinDiscordClient(twin, config, **options)
    return ShardedTwinDiscordClient(
        twin,
        config,
        shard_count=shards.shard_count,
        shard_ids=list(shards.shard_ids) or None,
        identify_pause_s=identify_pause_s,
        **options,
    )
