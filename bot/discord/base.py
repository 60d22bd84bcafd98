"""What the command modules see of the Discord client: `TwinClientBase`, a discord.py `Client`
with its twin, its config, its id and its `Runner` (which records one log line and the
observer's `Handled` per message or command). `TwinDiscordClient` builds on it; the
commands, the owner loop and the user-install commands take this base, so none of them imports
the client that wires them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.runner import Handled as Handled
from bot.runner import Observer as Observer
from bot.runner import Runner
from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin


class TwinClientBase(discord.Client):
    """A discord.py client serving a twin (the attributes are set by `TwinDiscordClient`)."""

    twin: Twin
    config: Config
    runner: Runner

    @property
    def my_id(self) -> int:
        return self.user.id if self.user is not None else 0
