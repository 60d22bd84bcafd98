"""What keeps the Slack app healthy under everything Slack sends: every event nobody handles is
acked with 200 (Slack counts other replies against the app and may turn its events off), and
`app_rate_limited` (Slack is already dropping the app's events) is acked and tells the admins,
once a day."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from core.insight.alerts import Alert

log = logging.getLogger(__name__)

RateLimited = Callable[[Mapping[str, Any]], Awaitable[None]]


def rate_limited_alert(body: Mapping[str, Any]) -> Alert:
    """The admins' alert for one `app_rate_limited` delivery (keyed per UTC day)."""
    minute = body.get("minute_rate_limited")
    at = datetime.fromtimestamp(int(minute), UTC) if isinstance(minute, int) else datetime.now(UTC)
    return Alert(
        kind="slack_rate_limited",
        key=f"slack_rate_limited:{at:%Y-%m-%d}",
        title="Slack is dropping the twin's events",
        text=(
            "Slack sent app_rate_limited: the app received more than 30,000 events in an hour "
            f"(team {body.get('team_id') or '?'}), so some questions were never delivered."
        ),
        action="Check which channels send the most events; remove the twin from busy ones.",
        severity="warning",
        at=at,
    )


def install_survival(app: AsyncApp, on_rate_limited: RateLimited) -> None:
    """Register the `app_rate_limited` middleware and, last of all, the catch-all listeners."""

    async def rate_limited(
        body: dict[str, Any], next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        if body.get("type") == "app_rate_limited":
            log.warning("slack: app_rate_limited (Slack is dropping events)")
            try:
                await on_rate_limited(body)
            except Exception:
                log.exception("slack: could not report app_rate_limited")
            return BoltResponse(status=200, body="")
        await next()
        return None

    app.use(rate_limited)

    async def ack_only(body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        log.debug("slack: event %s acked, nothing to do", event.get("type"))

    async def ack_action(ack: Callable[[], Awaitable[None]]) -> None:
        await ack()

    app.event(re.compile(".*"))(ack_only)
    for register in (app.action, app.shortcut, app.view, app.options):
        register(re.compile(".*"))(ack_action)
