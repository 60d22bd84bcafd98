"""No secret reaches a log line or a chat message: one session with every token and key set
(Groq, Slack, Discord, a backup provider, a database URL with a password), through auth
failures, timeouts and unexpected errors on every boundary, with all logging captured at
DEBUG and every message the fakes received kept."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import discord
import pytest
from discord.gateway import DiscordWebSocket

from bot.cli.render_text import gaps_text, health_text, to_json, usage_text
from bot.discord.client import TwinDiscordClient
from bot.discord.serve import use_discord_endpoints
from bot.slack.app import build_slack_bot
from bot.slack.serve import SlackHttpServer
from core.clock import FakeClock
from core.config import load_config
from core.factory import build_twin
from core.types import Question
from tests.conftest import EXAMPLE_PROFILE
from tests.discord.conftest import Journal as DiscordJournal
from tests.fakes.discord_server import FakeDiscord, user
from tests.fakes.groq_server import FakeGroq, Fault
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import Journal as SlackJournal
from tests.slack.conftest import SlackHarness, event_body, mention

SECRETS = {
    "GROQ_API_KEY": "gsk_live_SECRETgroq7f3a9c41",
    "SLACK_BOT_TOKEN": "xoxb-SECRETslackbot4d2e81",
    "SLACK_SIGNING_SECRET": "SECRETsigning9b1c55",
    "SLACK_APP_TOKEN": "xapp-SECRETslackapp3e8f02",
    "DISCORD_TOKEN": "SECRETdiscord.token5a6b77",
    "BACKUP_API_KEY": "sk-SECRETbackup2c7d39",
    "TWIN_DASHBOARD_TOKEN": "SECRETdashboard1a2b64",
}
DB_PASSWORD = "SECRETpgpass8e4f"
SECRETS["TWIN_DATABASE_URL"] = f"postgresql://twin:{DB_PASSWORD}@127.0.0.1:1/twin"
NEEDLES = (*SECRETS.values(), DB_PASSWORD)
ADMIN_SLACK = "UADMIN"
ADMIN_DISCORD = user(800000000000000009, "root")
ALICE = user(800000000000000001, "alice")


def leaks(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


def log_text(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(r) for r in records)


async def start_discord(twin: Any, fake: FakeDiscord, journal: DiscordJournal) -> Any:
    use_discord_endpoints(
        {"DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url}
    )
    client = TwinDiscordClient(twin, twin.config, observer=journal, guild_ready_timeout=0.01)
    task = asyncio.create_task(client.start(SECRETS["DISCORD_TOKEN"]))
    await asyncio.wait_for(client.wait_until_ready(), 5)
    return client, task


async def slack_command(harness: SlackHarness, command: str, user_id: str, name: str) -> None:
    form = {
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": user_id,
        "command": command,
        "text": "",
        "response_url": harness.api.response_url(name),
        "trigger_id": "1.2.3",
    }
    await harness.post(
        urlencode(form), "application/x-www-form-urlencoded", secret=SECRETS["SLACK_SIGNING_SECRET"]
    )


async def test_no_secret_in_any_log_line_or_chat_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock = FakeClock()
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with (
        FakeGroq(
            reply="I studied computer science.", models=("openai/gpt-oss-20b", "mini")
        ) as groq,
        FakeSlack(bot_user_id="UBOT", team_id="T1") as slack_api,
        FakeDiscord(token=SECRETS["DISCORD_TOKEN"]) as discord_fake,
    ):
        config_path = tmp_path / "config.toml"
        profile = EXAMPLE_PROFILE
        config_path.write_text(
            f'[persona]\nprofile = "{profile.as_posix()}"\n'
            '[llm]\nmodels = ["openai/gpt-oss-20b", "backup:mini"]\n'
            "timeout_s = 0.2\nretries = 0\ncheck_models_at_start = true\nstream = false\n"
            f'[providers.backup]\nbase_url = "{groq.base_url}/openai/v1"\n'
            'api_key_env = "BACKUP_API_KEY"\n'
            '[prices."backup:mini"]\ninput = 0.1\noutput = 0.2\n'
            f'[slack]\nadmins = ["{ADMIN_SLACK}"]\n'
            f'[discord]\nadmins = ["{ADMIN_DISCORD["id"]}"]\n',
            encoding="utf-8",
        )
        env = {
            # TWIN_DATABASE_URL now selects PostgreSQL: this twin stays on SQLite, and the URL's
            # password is checked on a real server by tests/store/postgres and tests/cli/test_db.
            **{k: v for k, v in SECRETS.items() if k != "TWIN_DATABASE_URL"},
            "GROQ_BASE_URL": groq.base_url,
            "SLACK_API_URL": slack_api.base_url,
            "DISCORD_API_URL": discord_fake.api_url,
            "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
        }
        twin = await build_twin(load_config(config_path), env, clock=clock, wall=clock.utc)
        slack_journal = SlackJournal()
        bot = build_slack_bot(twin, twin.config, env, clock=clock, observer=slack_journal)
        server = SlackHttpServer(bot.app, "127.0.0.1", 0)
        await server.start()
        harness = SlackHarness(bot, server, slack_api, slack_journal)
        discord_journal = DiscordJournal()
        client, task = await start_discord(twin, discord_fake, discord_journal)
        try:
            # Groq refuses the key, the backup times out: a degraded answer
            groq.fail("openai/gpt-oss-20b", Fault.auth(), times=1)
            groq.fail("mini", Fault.timeout(seconds=2), times=1)
            await harness.send_event(
                mention("Where did you study?", ts="1.1"),
                "Ev1",
                secret=SECRETS["SLACK_SIGNING_SECRET"],
            )
            # a malformed body, then a server error; Slack refuses the first post
            groq.fail("openai/gpt-oss-20b", Fault.malformed(), times=1)
            groq.fail("mini", Fault.server_error(500), times=1)
            slack_api.fail_next("chat.postMessage", "invalid_auth")
            await harness.send_event(
                mention("What are your skills?", ts="1.2", user="U2"),
                "Ev2",
                secret=SECRETS["SLACK_SIGNING_SECRET"],
            )
            # a forged request is refused
            await harness.post('{"type":"event_callback"}', "application/json", secret="forged")
            await slack_command(harness, "/twin-health", ADMIN_SLACK, "health")
            await slack_command(harness, "/twin-usage", ADMIN_SLACK, "usage")
            await slack_journal.wait(4)

            # Discord: a reply the REST API refuses, an interaction whose callback fails
            discord_fake.fail("POST", r"/channels/\d+/messages", status=401, times=1)
            payload = discord_fake.user_message("Any certifications?", author=ALICE, mention=True)
            await discord_fake.dispatch("MESSAGE_CREATE", payload)
            refused_reply = await discord_journal.wait_key(f"message:{payload['id']}")
            discord_fake.fail("POST", r"/interactions/\d+/[^/]+/callback", status=500, times=1)
            failing = discord_fake.command_interaction("twin-health", author=ADMIN_DISCORD)
            await discord_fake.interaction(failing)
            await discord_journal.wait_key("command:/twin-health")
            usage = discord_fake.command_interaction("twin-usage", author=ADMIN_DISCORD)
            await discord_fake.interaction(usage)
            await discord_journal.wait_key("command:/twin-usage")

            reports_before = "\n".join(
                [
                    usage_text(await twin.usage_report()),
                    gaps_text(await twin.gaps_report()),
                    health_text(await twin.health_report()),
                    to_json(await twin.health_report()),
                ]
            )
            # an unexpected error inside the twin: its store is closed under it
            question = Question("hi again", "cli", "owner", "cli", "cli:x", is_owner=True)
            await twin._p.store.close()
            broken = await twin.answer(question)
            assert broken.error == "internal"
            reports = broken.text
        finally:
            await client.close()
            await asyncio.gather(task, return_exceptions=True)
            await harness.session.close()
            await server.stop()
            await bot.close(grace=1)
            await twin.close()
            discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway

    # the session really went through the failures it was meant to
    assert any(h.outcome.startswith("failed") for h in slack_journal.items)  # invalid_auth
    assert refused_reply.outcome.startswith("failed")  # the refused reply
    assert "internal" in broken.error
    assert groq.authorized and all(groq.authorized)  # keys were sent, as headers only
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
    sent = json.dumps(
        [[c.method, c.args, c.response] for c in slack_api.calls]
        + [[c.method, c.path, c.json, c.query] for c in discord_fake.calls]
        + [groq.requests],
        ensure_ascii=False,
        default=str,
    )
    assert leaks(log_text(caplog.records)) == []
    assert leaks(sent) == []
    assert leaks(reports + reports_before) == []
    assert "auth" in reports_before  # the failure is named, never its key


async def test_no_secret_in_socket_mode_logs_or_messages(
    make_twin: Any, fake_groq: FakeGroq, caplog: pytest.LogCaptureFixture
) -> None:
    """Socket Mode (the app-level token dials out) with a refused post and /twin-forget."""
    from bot.slack.serve import serve_slack

    caplog.set_level(logging.DEBUG)
    async with FakeSlack(bot_user_id="UBOT", team_id="T1") as slack_api:
        twin = await make_twin('[slack]\nadmins = ["UADMIN"]\n')
        env = {
            "SLACK_APP_TOKEN": SECRETS["SLACK_APP_TOKEN"],
            "SLACK_BOT_TOKEN": SECRETS["SLACK_BOT_TOKEN"],
            "SLACK_API_URL": slack_api.base_url,
        }
        ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(serve_slack(twin, twin.config, env, on_ready=ready.set_result))
        try:
            assert await asyncio.wait_for(ready, 5) == "socket mode"
            slack_api.fail_next("chat.postMessage", "token_revoked")
            await slack_api.socket_send(
                "events_api", event_body(mention("Where did you study?", ts="2.1"), "Ev9")
            )
            await slack_api.socket_send(
                "events_api", event_body(mention("And your skills?", ts="2.2"), "Ev10")
            )
            await slack_api.wait_for("chat.update")
            command = {
                "command": "/twin-forget",
                "user_id": "U1",
                "team_id": "T1",
                "channel_id": "C1",
                "text": "",
                "response_url": slack_api.response_url("forget"),
                "trigger_id": "1.2.3",
            }
            await slack_api.socket_send("slash_commands", command)
            [reply] = await slack_api.wait_for("response_url")
            assert "your conversations with me" in reply.text
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    sent = json.dumps(
        [[c.method, c.args, c.response] for c in slack_api.calls], ensure_ascii=False, default=str
    )
    assert any("token_revoked" in r.getMessage() for r in caplog.records) or "token_revoked" in sent
    assert leaks(log_text(caplog.records)) == []
    assert leaks(sent) == []
