"""`/twin-forget` end to end through discord.py: INTERACTION_CREATE from the fake gateway,
answered through the interaction callback and followup webhook; the store afterwards."""

from __future__ import annotations

from typing import Any

from tests.discord.conftest import ADMIN, ADMIN_CONFIG, ALICE, BOB
from tests.fakes.discord_server import APP_ID, EPHEMERAL, FakeDiscord


async def turns_of(twin: Any, user: dict[str, Any]) -> int:
    rows = await twin._p.store.fetch(
        "SELECT COUNT(*) FROM turns WHERE platform = 'discord' AND user_id = ?", (user["id"],)
    )
    return int(rows[0][0])


async def forget(harness: Any, author: dict[str, Any], **kw: Any) -> tuple[str, dict[str, Any]]:
    key = "command:/twin-forget"
    before = len([h for h in harness.journal.items if h.key == key])
    payload = harness.fake.command_interaction("twin-forget", author=author, **kw)
    await harness.fake.interaction(payload)
    handled = await harness.journal.wait_count(key, before + 1)
    return handled[-1].outcome, payload


def ephemeral_texts(fake: FakeDiscord, payload: dict[str, Any]) -> list[str]:
    texts = []
    for c in fake.calls_to("POST", rf"/interactions/{payload['id']}/[^/]+/callback"):
        data = c.json.get("data") or {}
        if data.get("content"):
            assert data["flags"] & EPHEMERAL
            texts.append(data["content"])
    for c in fake.calls_to("POST", rf"/webhooks/{APP_ID}/{payload['token']}"):
        assert c.json["flags"] & EPHEMERAL
        texts.append(c.json["content"])
    return texts


async def test_a_member_forgets_themself_in_a_dm(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin(ADMIN_CONFIG)
    harness = await start_discord(twin)
    await harness.ask("Where did you study?", author=ALICE)
    await harness.ask("What are your skills?", author=BOB, dm=True)
    assert await turns_of(twin, ALICE) == 2

    outcome, payload = await forget(harness, ALICE, dm=True)
    assert outcome == "forgot"
    [text] = ephemeral_texts(discord_fake, payload)
    assert "your conversations with me (2 messages)" in text
    assert await turns_of(twin, ALICE) == 0 and await turns_of(twin, BOB) == 2


async def test_only_admins_may_name_another_member(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    twin = await make_twin(ADMIN_CONFIG)
    harness = await start_discord(twin)
    await harness.ask("Where did you study?", author=ALICE)

    outcome, payload = await forget(harness, BOB, users={"member": ALICE})
    assert outcome == "refused"
    assert "only the twin's admins" in ephemeral_texts(discord_fake, payload)[0]
    assert await turns_of(twin, ALICE) == 2

    outcome, payload = await forget(harness, ADMIN, users={"member": ALICE})
    assert outcome == "forgot"
    assert f"<@{ALICE['id']}>'s conversations" in ephemeral_texts(discord_fake, payload)[0]
    assert await turns_of(twin, ALICE) == 0
