"""The slash commands `/twin-usage`, `/twin-health` and `/twin-gaps`: the core's reports, for the
twin's admins only, answered ephemerally as Block Kit (see `bot.slack.render`); and
`/twin-forget` for every member (see `bot.slack.forget`)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.slack.forget import FORGET, forget
from bot.slack.owner_render import owner_gaps_blocks
from bot.slack.render import (
    Block,
    gaps_blocks,
    gaps_text,
    health_blocks,
    health_text,
    usage_blocks,
    usage_text,
)
from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin

COMMANDS = ("/twin-usage", "/twin-health", "/twin-gaps", FORGET)

Report = tuple[
    Callable[[], Awaitable[Any]],  # the twin's report
    Callable[[Any], str],  # its notification text
    Callable[[Any], list[Block]],  # its blocks
]


class SlashCommands:
    """Answers one slash command at a time with the report it names."""

    def __init__(self, twin: Twin, config: Config) -> None:
        self.twin = twin
        self.config = config
        self._reports: dict[str, Report] = {
            "/twin-usage": (twin.usage_report, usage_text, usage_blocks),
            "/twin-health": (twin.health_report, health_text, health_blocks),
            "/twin-gaps": (twin.gaps_report, gaps_text, gaps_blocks),
        }

    async def handle(self, body: Mapping[str, Any], respond: AsyncRespond) -> str:
        """Respond to the command in `body`; return the outcome ("reported", "refused",
        "unknown command"). A failure raises: the runner logs it and apologises."""
        command = str(body.get("command") or "")
        user = str(body.get("user_id") or "")
        if command == FORGET:  # for every member, not only admins
            return await forget(self.twin, self.config, body, respond)
        say = functools.partial(respond, response_type="ephemeral")  # to the caller alone
        report = self._reports.get(command)
        if report is None:
            await say(text=f"I don't know `{command}`.")
            return "unknown command"
        if command == "/twin-gaps" and self.twin.owner.is_owner("slack", user):
            gaps = await self.twin.gaps_report()  # the owner's copy has the card's buttons
            await say(text=gaps_text(gaps), blocks=owner_gaps_blocks(gaps))
            return "reported"
        if user not in self.config.slack.admins:
            await say(text=f"Sorry, `{command}` is only for the twin's admins.")
            return "refused"
        build, text, blocks = report
        found = await build()
        await say(text=text(found), blocks=blocks(found))
        return "reported"
