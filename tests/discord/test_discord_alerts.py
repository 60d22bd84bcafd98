"""Admin alerts raised by the core reach the configured admin channel as an embed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.insight.alerts import Alert
from tests.discord.conftest import ADMIN_CONFIG
from tests.fakes.discord_server import ADMIN_CHANNEL_ID, FakeDiscord

ALERT = Alert(
    kind="budget",
    key="budget:daily:0.8:2026-11-25",
    title="80% of today's token budget is used",
    text="80,000 of 100,000 tokens are spent @everyone",
    action="Raise [budget] daily_tokens, or wait for midnight UTC.",
    severity="warning",
    at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
)


async def test_an_alert_is_posted_to_the_admin_channel_pinging_nobody(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin(ADMIN_CONFIG)
    await start_discord(twin)
    await twin.alerts.publish(ALERT)
    (post,) = discord_fake.sent_messages(ADMIN_CHANNEL_ID)
    (embed,) = post.json["embeds"]
    assert ALERT.title in embed["title"]
    assert embed["description"] == ALERT.text
    assert embed["fields"] == [{"name": "What to do", "value": ALERT.action, "inline": False}]
    assert embed["footer"]["text"] == "budget · warning"
    assert post.json["allowed_mentions"]["parse"] == []


async def test_without_an_admin_channel_alerts_are_not_posted(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin()
    await start_discord(twin)
    await twin.alerts.publish(ALERT)
    assert not discord_fake.sent_messages()
