"""Slack's agent messaging experience (`features.agent_view`), the twin's side of it:

- `greet`: a member opened the twin's DM (`app_home_opened`, tab "messages"): the greeting in
  the owner's voice, once per DM, and up to four suggested prompts from the profile, pinned to
  the top of the Messages tab (no `thread_ts`: Slack ignores a call that has one);
- `AgentSessions`: each top-level DM message is a session; its status is "processing" while
  the twin answers and "active" after, and it is titled from its first question, with
  `agents.sessions.setStatus` / `agents.sessions.rename`. The first refusal that says the
  workspace has no agent sessions turns them off for the process; the twin then answers DMs
  as before;
- `ViewingContext`: what the member is looking at (`app_context_changed`, or the `context` a
  DM message carries), kept as untrusted data beside the conversation in the twin's store
  (`twin.viewing`): entity types and ids only, never sent to the model.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules
from bot.slack.native_stream import UNAVAILABLE
from bot.slack.reply import quietly
from core.persona.profiles.profile import Profile
from core.persona.questions.starters import greeting, topic_prompts
from core.persona.viewing import ViewingContexts
from core.store.viewing import ViewedEntity

log = logging.getLogger(__name__)

PROCESSING = "processing"  # agents.sessions.setStatus takes active|processing|suspended|closed
ACTIVE = "active"
PROMPTS_TITLE = "Ask me about"
TITLE_LIMIT = 60

Seen = Callable[[str], Awaitable[bool]]  # True the first time a key is seen (the twin's store)


def session_title(question: str) -> str:
    """A session's title: its first question, on one line, clipped."""
    text = " ".join(question.split())
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1].rstrip() + "…"


def prompts_of(profile: Profile) -> list[dict[str, str]]:
    """Up to four suggested prompts drawn from the profile's own topics."""
    return [{"title": s.title, "message": s.message} for s in topic_prompts(profile)]


async def greet(
    client: AsyncWebClient,
    profile: Profile,
    access: AccessRules,
    event: Mapping[str, Any],
    seen: Seen,
) -> str:
    """Answer `app_home_opened` on the Messages tab: greeting (first visit) and prompts."""
    if event.get("tab") != "messages":
        return f"ignored: tab {event.get('tab') or '?'}"
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    if not channel or not user:
        return "ignored: no channel"
    verdict = access.check(user, (channel,), is_dm=True)
    if not verdict.allowed:
        return f"refused: {verdict.reason}"  # they hear the line when they write
    outcome = "prompts set"
    if await seen(f"slack-greeted:{channel}"):
        await client.chat_postMessage(channel=channel, text=greeting(profile))
        outcome = "greeted"
    await quietly(
        "assistant.threads.setSuggestedPrompts",
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, prompts=prompts_of(profile), title=PROMPTS_TITLE
        ),
    )
    return outcome


@dataclass
class AgentSessions:
    """Agent session status and title for DM threads, while the workspace has them."""

    available: bool = True

    async def begin(
        self, client: AsyncWebClient, channel: str, thread_ts: str, question: str, first: bool
    ) -> bool:
        """Set the session "processing" (Slack shows the stop button); title it from its first
        question. False when the workspace has no agent sessions."""
        if not self.available:
            return False
        error = await quietly(
            "agents.sessions.setStatus",
            client.agents_sessions_setStatus(
                channel_id=channel, thread_ts=thread_ts, status=PROCESSING
            ),
        )
        if error in UNAVAILABLE:
            self.available = False
            log.info("slack: no agent sessions here (%s); DMs answered as before", error)
        if error is not None:
            return False
        if first:
            await quietly(
                "agents.sessions.rename",
                client.agents_sessions_rename(
                    channel_id=channel, thread_ts=thread_ts, title=session_title(question)
                ),
            )
        return True

    async def end(self, client: AsyncWebClient, channel: str, thread_ts: str) -> None:
        """Back to "active": the member may ask again."""
        await quietly(
            "agents.sessions.setStatus",
            client.agents_sessions_setStatus(
                channel_id=channel, thread_ts=thread_ts, status=ACTIVE
            ),
        )


TYPE_PREFIX = "slack#/types/"


@dataclass
class ViewingContext:
    """What each member was last seen looking at, per DM channel (or user): untrusted data
    kept in the twin's store beside the conversation, so every instance and a restart see the
    same. It never reaches a prompt and never changes a rule."""

    contexts: ViewingContexts

    async def note(self, team_id: str, event: Mapping[str, Any]) -> tuple[ViewedEntity, ...] | None:
        """Keep what `app_context_changed` (or a message carrying `context`) says; returns what
        was kept, None when the event says nothing about it (nothing is written)."""
        key = self.key(team_id, event)
        if "context" not in event or not key:
            return None
        return await self.contexts.note(
            key,
            _entities(event.get("context")),
            platform="slack",
            user_id=str(event.get("user") or ""),
            at=_event_time(event),
        )

    async def of(self, team_id: str, event: Mapping[str, Any]) -> tuple[ViewedEntity, ...]:
        """What the member of `event`'s DM was last seen looking at."""
        key = self.key(team_id, event)
        return await self.contexts.of(key) if key else ()

    @staticmethod
    def key(team_id: str, event: Mapping[str, Any]) -> str:
        """The conversation the context belongs to: the workspace and the DM (or the member)."""
        who = str(event.get("channel") or event.get("user") or "")
        return f"slack:{team_id}:{who}" if who else ""


def _event_time(event: Mapping[str, Any]) -> datetime | None:
    """When Slack says the event happened (so a late retry never replaces a newer context)."""
    try:
        return datetime.fromtimestamp(float(event.get("event_ts") or event.get("ts") or ""), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _entities(context: Any) -> Iterator[ViewedEntity]:
    """Slack's entities as type and id; the store keeps those that are plainly ids (at most
    `core.store.viewing.MAX_ENTITIES`)."""
    if not isinstance(context, Mapping):
        return
    for raw in context.get("entities") or ():
        if not isinstance(raw, Mapping):
            continue
        kind, value = str(raw.get("type") or ""), raw.get("value")
        if isinstance(value, Mapping):  # a message: its channel and ts
            value = f"{value.get('channel_id') or ''}/{value.get('message_ts') or ''}"
        if kind.startswith(TYPE_PREFIX):
            yield ViewedEntity(kind.removeprefix(TYPE_PREFIX), str(value or ""))
