"""Slack's AI-app surface (Agents & AI Apps) through Bolt's `AsyncAssistant` middleware:

- `assistant_thread_started`: a greeting in the owner's voice and suggested prompts drawn from
  the profile's topics (`core.persona.starters`);
- a member's message in an assistant thread: answered like a DM by `SlackBot`, which shows the
  status "is thinking…", titles the thread after its first question and streams natively.

Bolt's listeners ack at once; the work runs in the bot's background tasks."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.middleware.assistant.async_assistant import AsyncAssistant
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules
from bot.slack.logs import bolt_logger
from bot.slack.reply import slack_error
from core.persona.profile import Profile
from core.persona.starters import greeting, topic_prompts

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

log = logging.getLogger(__name__)

STATUS = "is thinking…"
PROMPTS_TITLE = "Ask me about"
TITLE_LIMIT = 60


def thread_title(question: str) -> str:
    """A thread's title: its first question, on one line, clipped."""
    text = " ".join(question.split())
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1].rstrip() + "…"


async def _quietly(what: str, call: Awaitable[Any]) -> bool:
    """Make a cosmetic Web API call; a failure is one log line (the answer goes on)."""
    try:
        await call
    except SlackApiError as exc:
        log.info("slack: %s failed (%s)", what, slack_error(exc) or "error")
        return False
    return True


async def greet(
    client: AsyncWebClient, profile: Profile, access: AccessRules, event: Mapping[str, Any]
) -> str:
    """Answer `assistant_thread_started`: greeting and prompts (or the access line)."""
    thread = event.get("assistant_thread") or {}
    channel = str(thread.get("channel_id") or "")
    thread_ts = str(thread.get("thread_ts") or "")
    user = str(thread.get("user_id") or "")
    if not channel or not thread_ts:
        return "ignored: no thread"
    verdict = access.check(user, (channel,), is_dm=True)
    if not verdict.allowed:
        if verdict.reply:
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=verdict.reply)
        return f"refused: {verdict.reason}"
    await client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=greeting(profile))
    prompts = [{"title": s.title, "message": s.message} for s in topic_prompts(profile)]
    await _quietly(
        "assistant.threads.setSuggestedPrompts",
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, thread_ts=thread_ts, prompts=prompts, title=PROMPTS_TITLE
        ),
    )
    return "greeted"


async def show_status(client: AsyncWebClient, channel: str, thread_ts: str) -> None:
    """The thread shows "is thinking…" until the answer is posted (Slack clears it then)."""
    await _quietly(
        "assistant.threads.setStatus",
        client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=STATUS),
    )


async def set_title(client: AsyncWebClient, channel: str, thread_ts: str, question: str) -> None:
    await _quietly(
        "assistant.threads.setTitle",
        client.assistant_threads_setTitle(
            channel_id=channel, thread_ts=thread_ts, title=thread_title(question)
        ),
    )


def build_assistant(bot: SlackBot) -> AsyncAssistant:
    """The middleware for `app.assistant(...)`, answering through `bot`."""
    assistant = AsyncAssistant(logger=bolt_logger())

    async def thread_started(body: dict[str, Any], payload: dict[str, Any]) -> None:
        bot.spawn_greeting(payload, str(body.get("event_id") or ""))

    async def user_message(body: dict[str, Any], context: AsyncBoltContext) -> None:
        team_id = str(body.get("team_id") or context.team_id or "")
        bot.spawn_event(body, team_id, context.bot_user_id, assistant=True)

    assistant.thread_started(thread_started)
    assistant.user_message(user_message)
    return assistant
