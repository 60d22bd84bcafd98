"""Issue 32 on Discord with real `twin run` processes against the fake Discord and the fake Groq,
on one PostgreSQL (or one SQLite file): two instances run one shard each (`shard_count = 2`),
so direct messages and the server reach only shard 0's. That instance is killed (SIGKILL) with
three answers half streamed; the other, which never saw those messages, answers each through
the REST API in the reply the killed one left, once, within the lease plus one answer, and
books what the killed one reserved. A lone instance restarted on the same store does the same
for its own predecessor."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.store.base import Store
from core.store.postgres import PostgresStore
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from tests.cli.test_cli import base_env
from tests.conftest import write_config
from tests.fakes.discord_server import BOT_ID, TOKEN, FakeDiscord
from tests.fakes.groq_server import FakeGroq, Fault
from tests.store.postgres.test_pg_instances import Instance

LEASE_S = 2  # [instances] lease_s, short for the test
ANSWER = "I studied computer science and then worked on data pipelines."
MODEL = "openai/gpt-oss-20b"  # the configured model (every call of the killed one stalls)


async def start(tmp_path: Path, name: str, env: dict[str, str], extra: str) -> Instance:
    """`twin run` serving Discord only, ready once it logs that it is connected."""
    home = tmp_path / name
    home.mkdir()
    config = write_config(
        home,
        "[llm]\ncheck_models_at_start = false\n"
        f"[instances]\nlease_s = {LEASE_S}\n[cache]\nenabled = false\n"
        "[grounding]\nenabled = false\n"  # previews show the model's words as they come
        f'[storage]\npath = "{tmp_path / "shared.db"}"\n{extra}',
    )
    return await Instance.launch(config, env, "", "discord: connected as")


def previews_posted(ids: set[str]) -> Any:
    """A predicate on the fake's calls: the twin posted a reply to each of `ids`."""

    def posted(calls: list[Any]) -> bool:
        replied = {
            str((c.json.get("message_reference") or {}).get("message_id"))
            for c in calls
            if c.method == "POST" and re.fullmatch(r"/channels/\d+/messages", c.path)
        }
        return ids <= replied

    return posted


def replies_to(fake: FakeDiscord, question: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        m
        for m in fake.messages.values()
        if m["author"]["id"] == str(BOT_ID)
        and (m.get("message_reference") or {}).get("message_id") == question["id"]
    ]


async def open_store(url: str, tmp_path: Path) -> Store:
    if url:
        return await PostgresStore.open(parse_database_url(url))
    return await SqliteStore.open(tmp_path / "shared.db")


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
@pytest.mark.parametrize("who", ["survivor", "restarted"])
async def test_what_a_killed_instance_accepted_is_answered_once(
    tmp_path: Path, fake_groq: FakeGroq, backend: str, who: str, request: pytest.FixtureRequest
) -> None:
    url = ""
    if backend == "postgres":
        url = await request.getfixturevalue("pg_target").new_database()
    fake_groq.reply = ANSWER
    fake_groq.usage = (300, 200)  # each call's (prompt, completion) tokens
    fake_groq.fail(MODEL, Fault.timeout(seconds=600, after_chunks=2), times=3)  # stalls mid-way
    async with FakeDiscord() as fake:
        env = base_env(
            fake_groq,
            DISCORD_TOKEN=TOKEN,
            DISCORD_API_URL=fake.api_url,
            DISCORD_GATEWAY_URL=fake.gateway_url,
            **({"TWIN_DATABASE_URL": url} if url else {}),
        )
        shard = "[discord]\nshard_count = 2\nshard_ids = [{}]\n"
        instances: list[Instance] = []
        try:
            doomed = await start(tmp_path, "doomed", env, shard.format(0))
            instances.append(doomed)
            if who == "survivor":  # shard 1: it never sees the server's or the DMs' messages
                instances.append(await start(tmp_path, "survivor", env, shard.format(1)))
            questions = [
                fake.user_message("Where did you study?", mention=True),
                fake.user_message("What did you study?", dm=True),
                fake.user_message("Tell me about your studies", dm=True),
            ]
            for question in questions:
                await fake.dispatch("MESSAGE_CREATE", question)
            await fake.wait_for(previews_posted({q["id"] for q in questions}), timeout=60)
            partials = {q["id"]: replies_to(fake, q)[0]["id"] for q in questions}
            assert all(m["content"].endswith(" …") for q in questions for m in replies_to(fake, q))
            doomed.proc.kill()  # kill -9, three answers half streamed
            await doomed.proc.wait()
            killed_at = time.monotonic()
            if who == "restarted":  # the lone instance comes back, on the same shard
                instances.append(await start(tmp_path, "restarted", env, shard.format(0)))
            taker = instances[-1]
            for question in questions:
                line = await taker.wait_log(f"discord message:{question['id']}:")
                assert "answered" in line, line
            assert time.monotonic() - killed_at < LEASE_S + 20  # lease, a tick, start, answer
            for question in questions:
                [answer] = replies_to(fake, question)  # one answer, in the reply left half done
                assert answer["id"] == partials[question["id"]]
                assert answer["content"].startswith(ANSWER), answer["content"]
            assert len(fake_groq.requests) == 6  # three killed calls, three answers
            store = await open_store(url, tmp_path)
            try:
                assert await store.inbox() == []
                period = await store.period_usage("all", datetime(2000, 1, 1, tzinfo=UTC))
                assert period.orphaned == 3 and period.calls == 3  # killed ones booked whole
                assert period.calls + period.orphaned >= len(fake_groq.requests)
                assert period.tokens >= len(fake_groq.requests) * 500  # never less than spent
            finally:
                await store.close()
        finally:
            for instance in instances:
                await instance.stop()
