"""After install: does the bot token carry the scopes the twin needs? `auth.test` answers with
the token's scopes in its `x-oauth-scopes` header; `scope_warning` turns what is missing into
one line naming each scope and what stops working without it (`bot.slack.surface`).

A token Slack refuses outright (`invalid_auth`, …) is not this module's business:
`bot.slack.tokens.check_bot_token` makes the one auth.test call and reports it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.slack.surface import missing_scopes, scopes_line

SCOPES_HEADER = "x-oauth-scopes"


def granted_scopes(headers: Mapping[str, Any]) -> list[str] | None:
    """The scopes a Web API response's headers say the token has; None when they do not say."""
    for name, value in headers.items():
        if name.lower() == SCOPES_HEADER:
            text = value[0] if isinstance(value, list) and value else value
            return [scope.strip() for scope in str(text).split(",") if scope.strip()]
    return None


def scope_warning(auth: AsyncSlackResponse) -> str | None:
    """One line naming the missing scopes and what stops working, from the answer to the
    auth.test that checked the token; None when nothing is missing, or when Slack did not
    answer with the scopes."""
    granted = granted_scopes(auth.headers or {})
    if granted is None:
        return None
    missing = missing_scopes(granted)
    return scopes_line(missing) if missing else None
