"""Slack's agent messaging experience (`features.agent_view`), the twin's side of it:

- `greet`: a member opened the twin's DM (`app_home_opened`, tab "messages"): the greeting in
  the owner's voice, once per DM, and up to four suggested prompts from the profile, pinned to
  the top of the Messages tab (no `thread_ts`: Slack ignores a call that has one);
- `AgentSessions`: each top-level DM message is a session; its status is "processing" while
  the twin answers and "active" after, and it is titled from its first question, with
  `agents.sessions.setStatus` / `agents.sessions.rename`. The first refusal that says the
  workspace has no agent sessions turns them off for the process; the twin then answers DMs
  as before;
- `ViewingContext`: what the member is looking at (`app_context_changed`), kept as untrusted
  data beside the conversation: entity types and ids only, never sent to the model.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules
from bot.slack.native_stream import UNAVAILABLE
from bot.slack.reply import slack_error
from core.persona.profile import Profile
from core.persona.starters import greeting, topic_prompts

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


async def quietly(what: str, call: Awaitable[Any]) -> str | None:
    """Make a cosmetic Web API call; a failure is one log line and its error code."""
    try:
        await call
    except SlackApiError as exc:
        error = slack_error(exc) or "error"
        log.info("slack: %s failed (%s)", what, error)
        return error
    return None


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


_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
MAX_ENTITIES = 5


@dataclass(frozen=True)
class Entity:
    """One thing the member looks at: Slack's type name and its id, nothing else."""

    type: str  # "slack#/types/channel_id", "slack#/types/canvas_id", …
    value: str  # an id (a message context becomes "C123/1700000000.000100")


@dataclass
class ViewingContext:
    """What each member was last seen looking at, per DM channel or user: untrusted data kept
    beside the conversation. It never reaches a prompt and never changes a rule."""

    latest: dict[str, tuple[Entity, ...]] = field(default_factory=dict)

    def note(self, team_id: str, event: Mapping[str, Any]) -> tuple[Entity, ...]:
        """Keep what `app_context_changed` (or a message carrying `context`) says; returns it."""
        if "context" not in event:
            return self.of(team_id, event)
        entities = tuple(_entities(event.get("context")))
        key = self.key(team_id, event)
        if key:
            self.latest[key] = entities
        return entities

    def of(self, team_id: str, event: Mapping[str, Any]) -> tuple[Entity, ...]:
        return self.latest.get(self.key(team_id, event), ())

    @staticmethod
    def key(team_id: str, event: Mapping[str, Any]) -> str:
        who = str(event.get("channel") or event.get("user") or "")
        return f"{team_id}:{who}" if who else ""


def _entities(context: Any) -> list[Entity]:
    if not isinstance(context, Mapping):
        return []
    found: list[Entity] = []
    for raw in context.get("entities") or ():
        if not isinstance(raw, Mapping) or len(found) >= MAX_ENTITIES:
            continue
        kind, value = str(raw.get("type") or ""), raw.get("value")
        if isinstance(value, Mapping):  # a message: its channel and ts
            value = f"{value.get('channel_id') or ''}/{value.get('message_ts') or ''}"
        text = str(value or "")
        if kind.startswith("slack#/types/") and all(_ID.match(p) for p in text.split("/") if p):
            found.append(Entity(kind.removeprefix("slack#/types/"), text))
    return found
