"""Issue 32, a graceful stop with real `twin run` processes: two Slack HTTP instances on one
PostgreSQL (or one SQLite file); the one answering two questions gets SIGTERM (or Ctrl-C's
SIGINT). The answer that
can finish within `[instances] stop_grace_s` is posted by it; the one that cannot (its model
stalls mid-answer) is handed over: its stream closed with a short line, its call metered, its
inbox entry released, so the other instance answers it at its next look (well before the lease
would have let it), exactly once. The stopped process exits (0 after SIGTERM, 130 after Ctrl-C)
within the grace."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from bot.slack.handover import HANDED_OVER
from tests.fakes.groq_server import FakeGroq, Fault
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import event_body, mention, sign
from tests.store.postgres.test_pg_instances import (
    Instance,
    open_shared_store,
    shared_store_url,
    slack_pair,
)

GRACE_S = 2.0  # [instances] stop_grace_s
LEASE_S = 12.0  # [instances] lease_s: the survivor looks every 4 s; the lease alone takes 8 s more
ANSWER = "I studied computer science."
MODEL = "openai/gpt-oss-20b"  # the first model of the default chain


async def ask(instance: Instance, text: str, ts: str, event_id: str) -> None:
    body = json.dumps(event_body(mention(text, ts=ts), event_id))
    headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
    async with (
        aiohttp.ClientSession() as session,
        session.post(instance.url, data=body, headers=headers) as response,
    ):
        assert response.status == 200  # acked: Slack will not send it again


@pytest.mark.parametrize(
    ("backend", "stop"),
    [
        ("postgres", signal.SIGTERM),
        ("sqlite", signal.SIGTERM),
        ("sqlite", signal.SIGINT),  # Ctrl-C: the same, exit code 130
    ],
)
async def test_a_stop_finishes_what_it_can_and_hands_over_the_rest(
    tmp_path: Path,
    fake_groq: FakeGroq,
    backend: str,
    stop: signal.Signals,
    request: pytest.FixtureRequest,
) -> None:
    url = await shared_store_url(backend, request)
    fake_groq.usage = (300, 200)
    keys = f"lease_s = {LEASE_S}\nstop_grace_s = {GRACE_S}\n"
    async with (
        FakeSlack(streaming=True) as slack_api,
        slack_pair(tmp_path, fake_groq, slack_api, url, ("stopping", "survivor"), keys) as (
            stopping,
            survivor,
        ),
    ):
        arrived = asyncio.Semaphore(0)
        fake_groq.on_request = lambda _body: arrived.release()
        # the first question's model stalls after its first words, past any grace
        fake_groq.fail(MODEL, Fault.timeout(120, after_chunks=2), times=1)
        await ask(stopping, "Where did you study?", "100.1", "EvStall")
        await asyncio.wait_for(arrived.acquire(), 30)
        fake_groq.hold = asyncio.Event()  # the second one answers when the test says
        await ask(stopping, "What did you study?", "200.1", "EvFinish")
        await asyncio.wait_for(arrived.acquire(), 30)

        stopping.proc.send_signal(stop)
        stopped_at = time.monotonic()
        await stopping.wait_log("slack: stopping; ")  # the grace has begun
        fake_groq.hold.set()  # within the grace: this answer is finished and posted
        code = await asyncio.wait_for(stopping.proc.wait(), 30)
        assert code == (0 if stop == signal.SIGTERM else 130)
        exited_at = time.monotonic()
        assert exited_at - stopped_at < GRACE_S + 5  # the grace, then the hand-over
        assert "answered" in await stopping.wait_log("slack event:EvFinish:")
        assert "interrupted" in await stopping.wait_log("slack event:EvStall:")

        line = await survivor.wait_log("slack event:EvStall:")
        assert "answered" in line, line
        assert time.monotonic() - exited_at < LEASE_S * 2 / 3  # handed over, not leased
        finished = [m.text for m in slack_api.thread("C1", "200.1")]
        assert finished == [ANSWER]  # by the stopping instance, once
        cut, answer = slack_api.thread("C1", "100.1")
        assert cut.text.endswith(HANDED_OVER) and answer.text == ANSWER  # once, after it
        assert slack_api.open_streams() == []
        assert len(fake_groq.requests) == 3  # stalled, finished, the survivor's
        assert not any("EvFinish" in entry for entry in survivor.log)  # never twice

        store = await open_shared_store(tmp_path, url)
        try:
            assert await store.inbox() == []
            assert await store.fetch("SELECT COUNT(*) FROM reservations") == [(0,)]
            outcomes = await store.fetch("SELECT outcome FROM usage")
            assert sorted(o for (o,) in outcomes) == ["ok", "ok", "stopped"]  # all metered
        finally:
            await store.close()
