"""Whether Slack accepts the twin's tokens, asked once at start-up. A token Slack refuses stops
Slack at once (`SlackSetupError` naming the variable: restarting cannot fix it); Slack out of
reach raises as it is, and the supervisor of `twin run` tries again with a backoff."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.slack.env import SlackSetupError

# auth.test's and apps.connections.open's answers for a token that will never work as it is
REFUSED = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
    }
)

_WHERE = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-...) on your app's OAuth & Permissions page",
    "SLACK_APP_TOKEN": (
        "an app-level token (xapp-...) with connections:write on your app's Basic Information page"
    ),
}


@contextmanager
def refusal_of(variable: str) -> Iterator[None]:
    """A call's refusal of the token in `variable` as a `SlackSetupError` naming it; any other
    Slack error as it is."""
    try:
        yield
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error not in REFUSED:
            raise
        where = _WHERE[variable]
        raise SlackSetupError(f"Slack refused {variable} ({error}): copy {where} again") from None


async def check_bot_token(client: AsyncWebClient) -> AsyncSlackResponse:
    """auth.test with SLACK_BOT_TOKEN: Slack's answer (who the bot is; its scopes are in the
    `x-oauth-scopes` header), or `SlackSetupError` when Slack refuses the token."""
    with refusal_of("SLACK_BOT_TOKEN"):
        return await client.auth_test()


async def open_socket_url(client: AsyncWebClient, app_token: str) -> str:
    """apps.connections.open with SLACK_APP_TOKEN: the Socket Mode URL to connect to, or
    `SlackSetupError` when Slack refuses the token (slack_sdk itself would retry it forever)."""
    with refusal_of("SLACK_APP_TOKEN"):
        response = await client.apps_connections_open(app_token=app_token)
    return str(response["url"])
