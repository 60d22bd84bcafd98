"""`[discord]` of config.toml: the admins, where commands sync, access lists and gateway shards,
and the check that the shards named exist (read by `core.config`, which re-exports
`DiscordConfig`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DiscordConfig:
    admins: tuple[str, ...] = ()
    admin_roles: tuple[str, ...] = ()
    admin_channel: str = ""
    guilds: tuple[str, ...] = ()
    # Gateway shards (Discord requires sharding above 2,500 servers, one shard per 2,500 at most).
    shard_count: int = 0  # 0 = one connection, no sharding; N = N shards split between processes
    shard_ids: tuple[int, ...] = ()  # the shards this process runs; empty = all of shard_count
    allowed_channels: tuple[str, ...] = ()  # empty = every channel (threads: their parent)
    blocked_users: tuple[str, ...] = ()
    allow_dms: bool = True


def shard_problems(discord: Mapping[str, Any]) -> list[str]:
    """`[discord] shard_count` / `shard_ids` must describe shards that exist, each once."""
    count = discord.get("shard_count", 0)
    ids = discord.get("shard_ids", ())
    if count < 0:
        return ["[discord] shard_count: must not be negative (0 = no sharding)"]
    if ids and count == 0:
        return ["[discord] shard_ids: needs shard_count (the total number of shards)"]
    bad = [i for i in ids if not 0 <= i < count]
    if bad:
        return [f"[discord] shard_ids: {bad} outside 0..{count - 1} (shard_count = {count})"]
    if len(set(ids)) != len(ids):
        return ["[discord] shard_ids: a shard is listed twice"]
    return []
