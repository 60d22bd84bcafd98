"""Which environment Slack needs: `missing_slack_env`, and `SlackSetupError` when it is not set.

Kept apart from the slack-bolt code so `twin` can say what is missing without importing it."""

from __future__ import annotations

from collections.abc import Mapping

from bot.common import SetupError


class SlackSetupError(SetupError):
    """Slack cannot start: the message names the missing environment variables."""


def missing_slack_env(env: Mapping[str, str]) -> list[str]:
    """The variables still needed to start Slack: Socket Mode (SLACK_APP_TOKEN set) needs the
    bot token; HTTP mode needs the bot token and the signing secret."""
    needed = ["SLACK_BOT_TOKEN"]
    if not env.get("SLACK_APP_TOKEN"):
        needed.append("SLACK_SIGNING_SECRET")
    return [name for name in needed if not env.get(name)]
