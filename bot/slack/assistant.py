"""Slack's legacy AI-app surface (`features.assistant_view`, deprecated: Slack retires it in
February 2027), for apps created before `agent_view` (`slack_manifest.assistant_view.yaml`);
new apps get `bot.slack.agent`. No Bolt middleware: the bot listens to the events itself.

- `greet`: `assistant_thread_started` gets a greeting in the owner's voice and suggested
  prompts drawn from the profile's topics (`core.persona.questions.starters`);
- `LegacyThreads`: a member's message in an assistant thread shows the status "is thinking…"
  and titles the thread after its first question (`assistant.threads.*`); `clear` takes the
  status away where no answer will be posted (a question taken over too late)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules
from bot.slack.agent import PROMPTS_TITLE, prompts_of, session_title
from bot.slack.native_stream import UNAVAILABLE
from bot.slack.reply import quietly
from core.persona.profiles.profile import Profile
from core.persona.questions.starters import greeting

log = logging.getLogger(__name__)

STATUS = "is thinking…"


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
    await quietly(
        "assistant.threads.setSuggestedPrompts",
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel,
            thread_ts=thread_ts,
            prompts=prompts_of(profile),
            title=PROMPTS_TITLE,
        ),
    )
    return "greeted"


@dataclass
class LegacyThreads:
    """Status and title for assistant threads (`assistant.threads.*`), while the app has them:
    the first refusal that says it has none turns them off for the process."""

    available: bool = True

    async def begin(
        self, client: AsyncWebClient, channel: str, thread_ts: str, question: str, first: bool
    ) -> None:
        """The thread shows "is thinking…" until the answer is posted (Slack clears it then);
        titled after its first question."""
        error = await quietly(
            "assistant.threads.setStatus",
            client.assistant_threads_setStatus(
                channel_id=channel, thread_ts=thread_ts, status=STATUS
            ),
        )
        if error in UNAVAILABLE:
            self.available = False
        if error is None and first:
            await quietly(
                "assistant.threads.setTitle",
                client.assistant_threads_setTitle(
                    channel_id=channel, thread_ts=thread_ts, title=session_title(question)
                ),
            )

    async def clear(self, client: AsyncWebClient, channel: str, thread_ts: str) -> None:
        """The thread no longer shows "is thinking…" (an empty status clears it)."""
        await quietly(
            "assistant.threads.setStatus",
            client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=""),
        )
