"""App commands end to end: INTERACTION_CREATE from admins and others, answered through the
interaction callback (deferred, ephemeral) and the followup webhook, within Discord's 3 s."""

from __future__ import annotations

from typing import Any

import pytest

from core.config import DEFAULT_NO_ANSWER
from tests.discord.conftest import ADMIN, ADMIN_CONFIG, ALICE, BOB, DiscordHarness
from tests.fakes.discord_server import ADMIN_ROLE_ID, APP_ID, EPHEMERAL, FakeDiscord, RestCall
from tests.fakes.groq_server import FakeGroq

DEADLINE_S = 3.0


def callbacks(fake: FakeDiscord, payload_id: str) -> list[RestCall]:
    return fake.calls_to("POST", rf"/interactions/{payload_id}/[^/]+/callback")


def followups(fake: FakeDiscord, token: str) -> list[RestCall]:
    return fake.calls_to("POST", rf"/webhooks/{APP_ID}/{token}")


async def run_command(harness: DiscordHarness, name: str, **kw: Any) -> tuple[str, dict[str, Any]]:
    payload = harness.fake.command_interaction(name, **kw)
    await harness.fake.interaction(payload)
    handled = await harness.journal.wait_key(f"command:/{name}")
    return handled.outcome, payload


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("twin-usage", "Twin usage"),
        ("twin-health", "Twin health"),
        ("twin-gaps", "Questions I couldn't answer"),
    ],
)
async def test_admin_gets_a_deferred_ephemeral_followup_with_embeds_within_3_seconds(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, name: str, title: str
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    outcome, payload = await run_command(harness, name, author=ADMIN)
    assert outcome == "reported"

    (callback,) = callbacks(discord_fake, payload["id"])
    assert callback.json["type"] == 5  # deferred: "the twin is thinking…"
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert callback.at - discord_fake.dispatched[payload["id"]] < DEADLINE_S

    (followup,) = followups(discord_fake, payload["token"])
    assert followup.json["flags"] & EPHEMERAL
    assert followup.json["allowed_mentions"]["parse"] == []
    assert followup.json["embeds"][0]["title"] == title


async def test_admin_by_role_is_served(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    outcome, payload = await run_command(harness, "twin-health", author=BOB, roles=[ADMIN_ROLE_ID])
    assert outcome == "reported"
    assert followups(discord_fake, payload["token"])


@pytest.mark.parametrize("dm", [False, True])
async def test_non_admin_gets_an_ephemeral_refusal_and_no_report(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, dm: bool
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    outcome, payload = await run_command(harness, "twin-usage", author=ALICE, dm=dm)
    assert outcome == "refused"
    (callback,) = callbacks(discord_fake, payload["id"])
    assert callback.json["type"] == 4  # an immediate message
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert "only for the twin's admins" in callback.json["data"]["content"]
    assert not followups(discord_fake, payload["token"])
    assert callback.at - discord_fake.dispatched[payload["id"]] < DEADLINE_S


async def test_without_configured_admins_nobody_gets_reports(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    outcome, _ = await run_command(harness, "twin-usage", author=ADMIN, roles=[ADMIN_ROLE_ID])
    assert outcome == "refused"


async def test_a_failed_followup_still_answers_with_an_apology_and_error_id(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    discord_fake.fail("POST", rf"/webhooks/{APP_ID}/[^/]+", status=400)
    outcome, payload = await run_command(harness, "twin-health", author=ADMIN)
    assert outcome.startswith("failed ")
    error_id = outcome.split()[1]
    failed, apology = followups(discord_fake, payload["token"])
    assert "embeds" in failed.json
    assert error_id in apology.json["content"]
    assert apology.json["flags"] & EPHEMERAL
    assert "Invalid Form Body" not in apology.json["content"]


async def test_usage_embed_shows_budget_bars_periods_models_and_sparkline(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    await harness.ask("What did you study?")
    _, payload = await run_command(harness, "twin-usage", author=ADMIN)
    (embed,) = followups(discord_fake, payload["token"])[0].json["embeds"]
    assert "█" in embed["description"] or "░" in embed["description"]
    assert "Spend this month" in embed["description"]
    names = [f["name"] for f in embed["fields"]]
    assert any(n.startswith("Per model") for n in names)
    assert any(n.startswith("Top users") for n in names)
    assert any(n.startswith("Last 14 days") for n in names)
    users = next(f["value"] for f in embed["fields"] if f["name"].startswith("Top users"))
    assert f"<@{ALICE['id']}>" in users


async def test_gaps_embed_lists_unanswered_questions_with_count_and_last_asked(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = DEFAULT_NO_ANSWER
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    await harness.ask("What is your favourite colour?")
    _, payload = await run_command(harness, "twin-gaps", author=ADMIN)
    (embed,) = followups(discord_fake, payload["token"])[0].json["embeds"]
    (field,) = embed["fields"]
    assert field["name"].startswith("#1 · 1× · last asked ")  # the group id, for the owner
    assert "What is your favourite colour?" in field["value"]


async def test_health_embed_has_a_field_per_model_with_breaker_and_latency(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    _, payload = await run_command(harness, "twin-health", author=ADMIN)
    (embed,) = followups(discord_fake, payload["token"])[0].json["embeds"]
    models = [f for f in embed["fields"] if "openai/gpt-oss" in f["name"]]
    assert len(models) == 2
    for field in models:
        assert "Breaker: **closed**" in field["value"]
        assert "p50" in field["value"] and "p95" in field["value"]


async def test_an_unknown_command_still_gets_an_answer(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin(ADMIN_CONFIG))
    outcome, payload = await run_command(harness, "twin-retired", author=ADMIN)
    assert outcome == "unknown command"
    (callback,) = callbacks(discord_fake, payload["id"])
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert "/twin-retired" in callback.json["data"]["content"]
