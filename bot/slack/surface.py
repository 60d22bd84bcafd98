"""What the twin asks of Slack, declared once: the events it listens to, the Web API methods it
calls and the OAuth scopes they need, each with what stops working without it.

The manifests (`slack_manifest.yaml`, `slack_manifest.assistant_view.yaml`) are checked against
these tables by a test, and `twin run` checks the token's scopes against `SCOPES` after install:
`auth.test` (`bot.slack.tokens.check_bot_token`) answers with them in its `x-oauth-scopes`
header, and `scope_warning` names each one missing and what stops working without it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk.web.async_slack_response import AsyncSlackResponse

# The agent app (features.agent_view): every bot event, and why the twin needs it.
EVENTS: dict[str, str] = {
    "app_home_opened": "the greeting and suggested prompts when a member opens the twin's DM",
    "app_mention": "answers to @-mentions in channels",
    "message.im": "answers to DMs",
    "app_context_changed": "what the member is looking at (kept as untrusted context)",
    "agent_session_stopped": "the stop button",
}

# The legacy assistant app (features.assistant_view) until Slack retires it.
LEGACY_EVENTS: dict[str, str] = {
    "app_mention": EVENTS["app_mention"],
    "message.im": "answers to DMs and in assistant threads",
    "assistant_thread_started": "the greeting and suggested prompts of a new assistant thread",
}

SCOPES_HEADER = "x-oauth-scopes"

# Bot scopes, and what stops working without each.
SCOPES: dict[str, str] = {
    "app_mentions:read": "@-mentions in channels go unanswered",
    "assistant:write": "no suggested prompts in the twin's DM",
    "chat:write": "the twin cannot answer at all",
    "commands": "the /twin-* slash commands do not reach the twin",
    "im:history": "DMs to the twin go unanswered",
}

# Scopes an event needs to be delivered (events not named here need none).
EVENT_SCOPES: dict[str, str] = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
}

# Every Web API method the Slack adapter calls, and the bot scope it needs ("" for none).
METHOD_SCOPES: dict[str, str] = {
    "auth_test": "",
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "chat_startStream": "chat:write",
    "chat_appendStream": "chat:write",
    "chat_stopStream": "chat:write",
    "agents_sessions_setStatus": "chat:write",
    "agents_sessions_rename": "chat:write",
    "assistant_threads_setSuggestedPrompts": "assistant:write",
    "assistant_threads_setStatus": "chat:write",
    "assistant_threads_setTitle": "assistant:write",
    "views_open": "",  # a trigger_id is the permission
}


def missing_scopes(granted: Iterable[str]) -> dict[str, str]:
    """The scopes the twin needs that `granted` lacks, each with what stops working."""
    have = {scope.strip() for scope in granted if scope.strip()}
    return {scope: why for scope, why in SCOPES.items() if scope not in have}


def scopes_line(missing: dict[str, str]) -> str:
    """One line for the operator: which scopes are missing and what stops working."""
    parts = [f"{scope} ({why})" for scope, why in missing.items()]
    return (
        "Slack: the bot token lacks " + "; ".join(parts) + ". Add the scopes under OAuth & "
        "Permissions (or recreate the app from slack_manifest.yaml) and reinstall the app."
    )


def granted_scopes(headers: Mapping[str, Any]) -> list[str] | None:
    """The scopes a Web API response's headers say the token has; None when they do not say."""
    for name, value in headers.items():
        if name.lower() == SCOPES_HEADER:
            text = value[0] if isinstance(value, list) and value else value
            return [scope.strip() for scope in str(text).split(",") if scope.strip()]
    return None


def scope_warning(auth: AsyncSlackResponse) -> str | None:
    """One line naming the missing scopes, from the answer to the auth.test that checked the
    token; None when nothing is missing, or when Slack did not answer with the scopes."""
    granted = granted_scopes(auth.headers or {})
    if granted is None:
        return None
    missing = missing_scopes(granted)
    return scopes_line(missing) if missing else None
