"""After install: does the bot token carry the scopes the twin needs? `auth.test` answers with
the token's scopes in its `x-oauth-scopes` header; `scope_warning` turns what is missing into
one line naming each scope and what stops working without it (`bot.slack.surface`).

A token Slack refuses outright (`invalid_auth`, …) is not this module's business: the caller
that starts Slack reports it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.surface import missing_scopes, scopes_line

SCOPES_HEADER = "x-oauth-scopes"


def granted_scopes(headers: Mapping[str, Any]) -> list[str] | None:
    """The scopes a Web API response's headers say the token has; None when they do not say."""
    for name, value in headers.items():
        if name.lower() == SCOPES_HEADER:
            text = value[0] if isinstance(value, list) and value else value
            return [scope.strip() for scope in str(text).split(",") if scope.strip()]
    return None


async def scope_warning(client: AsyncWebClient) -> str | None:
    """One line naming the missing scopes and what stops working; None when nothing is
    missing, or when Slack did not answer with the scopes."""
    try:
        response = await client.auth_test()
    except SlackApiError:
        return None  # a refused token: reported where Slack is started
    except (aiohttp.ClientError, OSError, TimeoutError):
        return None  # no network yet: Socket Mode retries by itself, HTTP mode waits
    granted = granted_scopes(response.headers or {})
    if granted is None:
        return None
    missing = missing_scopes(granted)
    return scopes_line(missing) if missing else None
