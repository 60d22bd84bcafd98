"""`/twin-forget`: a member deletes what the twin stored of theirs; an admin may name another
member (`/twin-forget @someone` or a user ID). Answered ephemerally with what was deleted."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from core.config import Config

if TYPE_CHECKING:
    from collections.abc import Mapping

    from slack_bolt.context.respond.async_respond import AsyncRespond

    from core.twin import Twin

FORGET = "/twin-forget"
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")  # with should_escape: true
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def named_member(text: str) -> str | None:
    """The user ID named in the command text ("" = none named); None when it names nobody."""
    text = text.strip()
    if not text:
        return ""
    found = _MENTION.match(text)
    if found:
        return found.group(1)
    return text if _USER_ID.match(text) else None


async def forget(twin: Twin, config: Config, body: Mapping[str, Any], respond: AsyncRespond) -> str:
    """Run `/twin-forget` for the member in `body`; returns the outcome ("forgot", "refused")."""
    caller = str(body.get("user_id") or "")
    target = named_member(str(body.get("text") or ""))

    async def say(text: str) -> None:  # to the caller alone
        await respond(text=text, response_type="ephemeral")

    if target is None:
        await say("Name one member as an @mention or a user ID, or nobody to forget yourself.")
        return "refused"
    target = target or caller
    if target != caller and caller not in config.slack.admins:
        await say("Sorry, only the twin's admins can make me forget someone else.")
        return "refused"
    gone = await twin.privacy.forget("slack", target)
    whose = "your" if target == caller else f"<@{target}>'s"
    await say(
        f"Done: I deleted {whose} conversations with me ({gone.turns} messages), "
        f"{gone.gaps} unanswered questions and {gone.cached} cached answers. "
        "Usage counts stay for the budget, without the user ID."
    )
    return "forgot"
