"""Slack event -> `core.Question`: which events are for the twin, and where the reply goes.

- `ignore_reason(event, ...)` says why an event is not for us (bots, edits, other subtypes);
- `to_question(event, ...)` turns an `app_mention` / DM `message` event into a `core.Question`,
  its text made readable by `plain_text`;
- `reply_target(event)` is the `Target` (channel and thread) the answer goes to; in the agent
  experience (`threaded`) every DM is answered in its own thread (`thread_root`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.types import Question

# A person's message with a file is still theirs; so is a thread reply also sent to the channel.
ALLOWED_SUBTYPES = frozenset({"file_share", "thread_broadcast"})
SYSTEM_USERS = frozenset({"USLACKBOT"})  # Slackbot's notices ("You have been removed from #…")


@dataclass(frozen=True)
class Target:
    """Where a reply goes: a channel, and the thread inside it (None: the channel itself)."""

    channel: str
    thread_ts: str | None


def ignore_reason(event: Mapping[str, Any], bot_user_id: str | None) -> str | None:
    """Why this event gets no answer, or None when it is a person talking to the twin."""
    kind = event.get("type")
    if kind not in ("app_mention", "message"):
        return f"type {kind}"
    if event.get("bot_id") or event.get("bot_profile"):
        return "from a bot"
    subtype = event.get("subtype")
    if subtype and subtype not in ALLOWED_SUBTYPES:
        return f"subtype {subtype}"
    user = event.get("user")
    if not user:
        return "no user"
    if user in SYSTEM_USERS:
        return "from Slackbot"
    if bot_user_id and user == bot_user_id:
        return "from the twin itself"
    if not event.get("channel") or not event.get("ts"):
        return "no channel"
    if kind == "message" and event.get("channel_type") != "im":
        return "channel message (app_mention covers mentions)"
    if kind == "app_mention" and str(event["channel"]).startswith("D"):
        return "mention in a DM (the message event covers it)"
    return None


_BOT_MENTION = r"<@{id}(?:\|[^>]*)?>"
_USER = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")


def plain_text(text: str, bot_user_id: str | None) -> str:
    """Slack message text as the person wrote it: the twin's own mention removed, other
    mentions and links made readable, `&lt;` `&gt;` `&amp;` unescaped."""
    if bot_user_id:
        text = re.sub(_BOT_MENTION.format(id=re.escape(bot_user_id)), " ", text)
    text = _USER.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)).lstrip("@"), text)
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()


def is_dm(event: Mapping[str, Any]) -> bool:
    return event.get("channel_type") == "im"


def thread_root(event: Mapping[str, Any]) -> str:
    """The thread a message belongs to: its own ts when it starts one."""
    return str(event.get("thread_ts") or event["ts"])


def to_question(
    event: Mapping[str, Any],
    *,
    team_id: str,
    bot_user_id: str | None,
    admins: tuple[str, ...],
    threaded: bool = False,
) -> Question:
    """The platform-neutral question for an event `ignore_reason` let through. `threaded`: a DM
    in the agent experience, where each top-level message starts its own thread."""
    channel, user = str(event["channel"]), str(event["user"])
    thread_ts = thread_root(event) if threaded else event.get("thread_ts")
    if is_dm(event):
        conversation = f"slack:{team_id}:{channel}" + (f":{thread_ts}" if thread_ts else "")
    else:
        conversation = f"slack:{team_id}:{channel}:{thread_root(event)}"
    return Question(
        text=plain_text(str(event.get("text") or ""), bot_user_id),
        platform="slack",
        user_id=user,
        channel_id=channel,
        conversation=conversation,
        is_dm=is_dm(event),
        is_admin=user in admins,
        attachments=len(event.get("files") or ()),
        reply_to=str(reply_target(event, threaded=threaded).thread_ts or ""),
    )


def reply_target(event: Mapping[str, Any], *, threaded: bool = False) -> Target:
    """A channel mention is answered in its thread; a DM in the DM (in a thread if it was, and
    always in its own thread in the agent experience, `threaded`)."""
    channel = str(event["channel"])
    if is_dm(event) and not threaded:
        return Target(channel, event.get("thread_ts"))
    return Target(channel, thread_root(event))
