"""Issue 32 in Socket Mode with real `twin run` processes on one SQLite file: the instance Slack
handed an event to acks it over its websocket and is killed (SIGKILL) while its model call is in
flight; the other instance answers it in its thread once, and closes the stream left open."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.slack.handover import CUT_OFF
from core.store.sqlite import SqliteStore
from tests.cli.test_cli import base_env
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import event_body, mention
from tests.store.postgres.test_pg_instances import Instance

LEASE_S = 2  # [instances] lease_s, short for the test
ANSWER = "I studied computer science."


async def socket_instance(config: Path, env: dict[str, str]) -> Instance:
    """`twin run` in Socket Mode, ready once it says it is connected."""
    return await Instance.launch(config, env, "socket mode", "connected in Socket Mode")


async def test_a_survivor_answers_what_a_killed_socket_mode_instance_acked(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    shared = tmp_path / "shared.db"
    async with FakeSlack(streaming=True) as slack_api:
        env = base_env(
            fake_groq,
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_APP_TOKEN="xapp-test",
            SLACK_API_URL=slack_api.base_url,
        )
        instances: list[Instance] = []
        try:
            for name in ("survivor", "doomed"):  # the fake hands events to the last connected
                home = tmp_path / name
                home.mkdir()
                config = write_config(
                    home,
                    "[llm]\ncheck_models_at_start = false\n"
                    f"[instances]\nlease_s = {LEASE_S}\n[cache]\nenabled = false\n"
                    f'[storage]\npath = "{shared}"\n',
                )
                instances.append(await socket_instance(config, env))
            survivor, doomed = instances
            fake_groq.hold = asyncio.Event()
            asked = asyncio.Event()
            fake_groq.on_request = lambda _body: asked.set()
            payload = event_body(mention("Where did you study?", ts="100.1"), "EvSOCK")
            envelope = await slack_api.socket_send("events_api", payload)
            await slack_api.wait_until(
                lambda: any(
                    c.args.get("envelope_id") == envelope for c in slack_api.calls_to("socket_ack")
                ),
                "the event acked",
            )
            await asyncio.wait_for(asked.wait(), 30)  # its model call is in flight
            [left_open] = slack_api.open_streams()
            doomed.proc.kill()  # kill -9
            await doomed.proc.wait()
            killed_at = time.monotonic()
            fake_groq.hold.set()
            line = await survivor.wait_log("slack event:EvSOCK:")
            assert "answered" in line, line
            assert time.monotonic() - killed_at < LEASE_S + 15  # lease, a takeover tick, answer
            texts = [m.text for m in slack_api.thread("C1", "100.1")]
            assert texts.count(ANSWER) == 1, texts  # once, in its thread
            assert slack_api.open_streams() == [] and left_open.text.strip() == CUT_OFF
            assert len(fake_groq.requests) == 2  # the killed call and the survivor's
            store = await SqliteStore.open(shared)
            try:
                assert await store.inbox() == []
            finally:
                await store.close()
        finally:
            for instance in instances:
                await instance.stop()
