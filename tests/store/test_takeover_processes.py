"""Issue 32 with real `twin run` processes: two Slack HTTP instances on one PostgreSQL (or one
SQLite file), the one
answering a question is killed (SIGKILL) while its model call is in flight; the survivor answers
it in its thread within the lease plus one answer, once, closes the native stream the dead one
left open, and books what the dead one reserved."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from bot.slack.handover import CUT_OFF
from tests.fakes.groq_server import FakeGroq
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import event_body, mention, sign
from tests.store.postgres.test_pg_instances import (
    open_shared_store,
    shared_store_url,
    slack_pair,
)

LEASE_S = 2  # [instances] lease_s, short for the test


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
async def test_a_survivor_answers_what_a_killed_instance_accepted(
    tmp_path: Path, fake_groq: FakeGroq, backend: str, request: pytest.FixtureRequest
) -> None:
    url = await shared_store_url(backend, request)
    fake_groq.usage = (300, 200)  # each call's (prompt, completion) tokens
    keys = f"lease_s = {LEASE_S}\n"
    async with (
        FakeSlack(streaming=True) as slack_api,  # answers stream natively in threads
        slack_pair(tmp_path, fake_groq, slack_api, url, ("doomed", "survivor"), keys) as (
            doomed,
            survivor,
        ),
    ):
        fake_groq.hold = asyncio.Event()  # the model answers when the test lets it
        asked = asyncio.Event()
        fake_groq.on_request = lambda _body: asked.set()
        body = json.dumps(event_body(mention("Where did you study?", ts="100.1"), "EvKILL"))
        headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
        async with (
            aiohttp.ClientSession() as session,
            session.post(doomed.url, data=body, headers=headers) as response,
        ):
            assert response.status == 200  # acked: Slack will not send it again
        await asyncio.wait_for(asked.wait(), 30)  # its model call is in flight
        [left_open] = slack_api.open_streams()  # the member sees the twin at work
        doomed.proc.kill()  # kill -9
        await doomed.proc.wait()
        killed_at = time.monotonic()
        fake_groq.hold.set()
        line = await survivor.wait_log("slack event:EvKILL:")
        assert "answered" in line, line
        assert time.monotonic() - killed_at < LEASE_S + 15  # lease, a takeover tick, answer
        texts = [m.text for m in slack_api.thread("C1", "100.1")]
        assert texts.count("I studied computer science.") == 1, texts  # once, in its thread
        assert slack_api.open_streams() == [] and slack_api.working() == []  # none left open
        assert left_open.text.strip() == CUT_OFF  # the dead stream says the answer follows
        assert len(fake_groq.requests) == 2  # the killed call and the survivor's
        store = await open_shared_store(tmp_path, url)
        try:
            assert await store.inbox() == []
            period = await store.period_usage("all", datetime(2000, 1, 1, tzinfo=UTC))
            assert period.orphaned == 1 and period.orphaned_tokens > 0  # the killed call
            assert period.calls == 1  # the survivor's, recorded
            served = len(fake_groq.requests) * 500  # what the model billed
            assert period.calls + period.orphaned >= len(fake_groq.requests)
            assert period.tokens >= served  # booked: never less than was spent
        finally:
            await store.close()
