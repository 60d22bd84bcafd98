"""What a Slack answer leaves open when its instance stops (issue 32), and how it is closed.

- `inbox_payload`: what the store's inbox keeps of an accepted event so another instance can
  answer it again: the event's body, the workspace, the app's user, and once the answer shows
  in a message (the native stream or the thinking message), that message (`Shown`);
- `close_left`: a survivor taking over closes what the dead instance left in the thread: its
  native stream is stopped (the member no longer sees the twin at work) and the thinking
  message says the answer follows, each with `CUT_OFF` under what it showed;
- `HANDED_OVER`: the line a gracefully stopping instance leaves under an answer it could not
  finish (`bot.slack.app.SlackBot.close`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.render import escape_mrkdwn
from bot.slack.reply import slack_error

log = logging.getLogger(__name__)

CUT_OFF = "_I was cut off here; my whole answer follows below._"
HANDED_OVER = "_I have to stop here; my whole answer follows below shortly._"


@dataclass(frozen=True)
class Shown:
    """The message showing an answer under way: a native stream, or the thinking message."""

    channel: str
    ts: str
    native: bool

    @classmethod
    def of(cls, saved: Any) -> Shown | None:
        """From an inbox payload's "shown"; None when there is none (or it is malformed)."""
        if not isinstance(saved, Mapping) or not saved.get("channel") or not saved.get("ts"):
            return None
        return cls(str(saved["channel"]), str(saved["ts"]), bool(saved.get("native")))


def inbox_payload(
    body: Mapping[str, Any], team_id: str, bot_user_id: str | None, shown: Shown | None = None
) -> str:
    """What a survivor needs to answer an accepted event again: the event callback's body, who
    the app is in that workspace, and the message showing the answer so far (if any)."""
    saved: dict[str, Any] = {"body": body, "team_id": team_id, "bot_user_id": bot_user_id}
    if shown is not None:
        saved["shown"] = {"channel": shown.channel, "ts": shown.ts, "native": shown.native}
    return json.dumps(saved)


async def close_left(client: AsyncWebClient, shown: Shown) -> str:
    """Close what a stopped instance left showing: stop its native stream, or turn its thinking
    message into `CUT_OFF`. What was done, for the log; never raises."""
    try:
        if shown.native:
            await client.chat_stopStream(
                channel=shown.channel, ts=shown.ts, markdown_text=escape_mrkdwn(f"\n\n{CUT_OFF}")
            )
            return "its stream closed"
        await client.chat_update(channel=shown.channel, ts=shown.ts, text=CUT_OFF)
        return "its thinking message closed"
    except SlackApiError as exc:
        error = slack_error(exc) or "error"
        if error == "message_not_in_streaming_state":  # closed already (Slack's own timeout)
            return "its stream was closed already"
        log.info("slack: closing what a stopped twin left failed (%s)", error)
        return f"closing what it left failed ({error})"
