"""Payload builders for the Slack AI-app surface, written from Slack's documented shapes:
`assistant_thread_started`, a message in an assistant thread, a `block_actions` click."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import aiohttp

from tests.slack.conftest import TEAM, SlackHarness

ASSISTANT_DM = "D0ASSIST"


def thread_started(thread_ts: str, user: str = "U1", channel: str = ASSISTANT_DM) -> dict[str, Any]:
    return {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": user,
            "context": {"channel_id": "C1", "team_id": TEAM, "enterprise_id": None},
            "channel_id": channel,
            "thread_ts": thread_ts,
        },
        "event_ts": thread_ts,
    }


def thread_message(
    text: str, *, ts: str, thread_ts: str, user: str = "U1", channel: str = ASSISTANT_DM
) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread_ts,
        "parent_user_id": "UBOT",
        "channel": channel,
        "event_ts": ts,
        "client_msg_id": f"msg-{ts}",
    }


def feedback_click(value: str, *, user: str, channel: str, message_ts: str) -> dict[str, Any]:
    """The `block_actions` body Slack posts when a member clicks a feedback button."""
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "twin-test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "trigger_id": "1.2.3",
        "channel": {"id": channel, "name": "directmessage"},
        "message": {"type": "message", "ts": message_ts, "text": "answer", "user": "UBOT"},
        "actions": [
            {
                "type": "feedback_buttons",
                "action_id": "twin_feedback",
                "block_id": "twin_feedback_x",
                "value": value,
                "action_ts": "1700000100.000001",
            }
        ],
    }


async def post_action(slack: SlackHarness, body: dict[str, Any]) -> aiohttp.ClientResponse:
    form = urlencode({"payload": json.dumps(body)})
    return await slack.post(form, "application/x-www-form-urlencoded")


AGENT_DM = "D0AGENT"


def home_opened(tab: str = "messages", user: str = "U1", channel: str = AGENT_DM) -> dict[str, Any]:
    """`app_home_opened` as Slack sends it; tab "messages" is the agent's DM."""
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": channel,
        "tab": tab,
        "event_ts": "1700000300.000100",
    }


def context_changed(user: str = "U1", channel: str = AGENT_DM, **entity: Any) -> dict[str, Any]:
    """`app_context_changed`: what the member is looking at now (Slack's entity shapes)."""
    entities = [{"type": f"slack#/types/{kind}", "value": value} for kind, value in entity.items()]
    return {
        "type": "app_context_changed",
        "user": user,
        "channel": channel,
        "context": {"entities": entities},
        "event_ts": "1700000301.000100",
    }


def streamed_text(api: Any, ts: str | None = None) -> str:
    """All markdown Slack took from the app's streams (into the message `ts`, when given)."""
    text = ""
    for call in api.calls:
        if call.method not in ("chat.startStream", "chat.appendStream", "chat.stopStream"):
            continue
        if not call.response.get("ok"):
            continue  # Slack showed nothing of a refused call
        if ts is not None and call.response.get("ts") != ts:
            continue
        text += str(call.args.get("markdown_text") or "")
        for chunk in call.args.get("chunks") or ():
            if chunk.get("type") == "markdown_text":
                text += str(chunk.get("text") or "")
    return text
