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


SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


def incomplete_slack_env(env: Mapping[str, str]) -> str | None:
    """A sentence naming what is missing when Slack was asked for (one of its variables is set)
    but cannot start; None when Slack is complete or not asked for at all."""
    given = [name for name in SLACK_VARIABLES if env.get(name)]
    missing = missing_slack_env(env)
    if not given or not missing:
        return None
    if "SLACK_BOT_TOKEN" in missing:
        return f"Slack needs SLACK_BOT_TOKEN in the environment ({', '.join(given)} is set)"
    return (
        "Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) "
        "in the environment (SLACK_BOT_TOKEN is set)"
    )
