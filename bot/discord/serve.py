"""Running the Discord adapter: the environment it needs, the endpoint overrides, and
`serve_discord`, which runs the client until cancelled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.common import SetupError
from bot.discord.client import TwinDiscordClient
from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin


class DiscordSetupError(SetupError):
    """Discord cannot start: the message names the variable to fix."""


def missing_discord_env(env: Mapping[str, str]) -> list[str]:
    """The variables still needed to start Discord."""
    return [name for name in ("DISCORD_TOKEN",) if not env.get(name)]


def use_discord_endpoints(env: Mapping[str, str]) -> None:
    """Point discord.py at DISCORD_API_URL (REST base, e.g. https://discord.com/api/v10) and
    DISCORD_GATEWAY_URL (e.g. wss://gateway.discord.gg/) when set: proxies, tests. These two
    class attributes are discord.py's own override points; nothing else is changed."""
    api = env.get("DISCORD_API_URL")
    if api:
        discord.http.Route.BASE = api.rstrip("/")
    gateway = env.get("DISCORD_GATEWAY_URL")
    if gateway:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


async def serve_discord(twin: Twin, config: Config, env: Mapping[str, str]) -> None:
    """Run Discord until cancelled: DISCORD_TOKEN, endpoints from DISCORD_API_URL and
    DISCORD_GATEWAY_URL when set. Raises DiscordSetupError naming missing variables."""
    missing = missing_discord_env(env)
    if missing:
        raise DiscordSetupError("Discord needs " + ", ".join(missing) + " in the environment")
    use_discord_endpoints(env)
    client = TwinDiscordClient(twin, config)
    try:
        await client.start(env["DISCORD_TOKEN"])
    except discord.LoginFailure:
        raise DiscordSetupError(
            "Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal"
        ) from None
    finally:
        await client.close()
