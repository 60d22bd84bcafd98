"""What the command modules see of the Discord client: `TwinClientBase`, a discord.py `Client`
with its twin, its config, its id and `done` (one log line and the observer's `Handled` per
message or command). `TwinDiscordClient` builds on it; the commands, the owner loop and the
user-install commands take this base, so none of them imports the client that wires them."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger("bot.discord.client")  # the client's own line: this is its base


@dataclass(frozen=True)
class Handled:
    """One message or command processed: what it was and what became of it."""

    key: str  # "message:<id>" or "command:/twin-usage"
    outcome: str  # "answered", "ignored: ...", "refused", "reported", "failed <error id>"
    seconds: float


Observer = Callable[[Handled], Awaitable[None]]


class TwinClientBase(discord.Client):
    """A discord.py client serving a twin (the attributes are set by `TwinDiscordClient`)."""

    twin: Twin
    config: Config
    _observer: Observer | None

    @property
    def my_id(self) -> int:
        return self.user.id if self.user is not None else 0

    async def done(self, key: str, outcome: str, started: float) -> None:
        seconds = time.monotonic() - started
        level = logging.DEBUG if outcome.startswith("ignored") else logging.INFO
        log.log(level, "discord %s: %s in %.2fs", key, outcome, seconds)
        if self._observer is not None:
            await self._observer(Handled(key, outcome, seconds))
