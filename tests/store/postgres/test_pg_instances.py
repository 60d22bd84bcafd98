"""Several twin processes on one real PostgreSQL behave as one twin: a shared budget cap, an
event and its retry answered once across two Slack HTTP instances, a breaker one instance
opened seen by `twin health` in a third process."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from core.limits.messages import STORAGE_NOTE
from core.store.base import Store
from core.store.postgres import PostgresStore
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq, Fault
from tests.fakes.slack_api import FakeSlack
from tests.pg import PgServer, PgTarget, free_port
from tests.slack.conftest import SECRET, event_body, mention, sign
from tests.store.test_ledger import NOW
from tests.store.test_orphans import LEASE, crashed

FIRST, SECOND = "openai/gpt-oss-20b", "openai/gpt-oss-120b"
PROMPT, COMPLETION = 100, 1000  # what the fake Groq reports per answer
PER_ANSWER = PROMPT + COMPLETION
CAP = 8 * PER_ANSWER  # room for 8 of the 12 questions; either process alone would ask only 6
WAIT = 60.0


async def test_two_ask_processes_share_one_daily_cap_and_never_pass_it(
    tmp_path: Path, pg_target: PgTarget, fake_groq: FakeGroq
) -> None:
    fake_groq.usage = (PROMPT, COMPLETION)
    config = write_config(
        tmp_path,
        f"[llm]\ncheck_models_at_start = false\nmax_tokens = {COMPLETION}\n"
        f"[budget]\ndaily_tokens = {CAP}\nmin_answer_tokens = {COMPLETION}\n"
        "step_down = false\n"  # on the wall clock: early in a UTC day the pace projects far
        "[limits]\ntokens_per_minute = 0\n[cache]\nenabled = false\n",
    )
    url = await pg_target.new_database()
    env = base_env(fake_groq, TWIN_DATABASE_URL=url)
    files = []
    for name, topic in (("a", "skills"), ("b", "projects")):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"Question {i} about your {topic}?\n" for i in range(6)))
        files.append(path)
    runs = await asyncio.gather(
        *(
            run_twin(
                "ask",
                "--questions",
                str(f),
                "--concurrency",
                "2",
                "--json",
                "--config",
                str(config),
                env=env,
            )
            for f in files
        )
    )
    records = []
    for code, out, err in runs:
        assert code == 0, err
        records += [json.loads(line) for line in out.splitlines()]
    assert len(records) == 12
    answered = [r for r in records if not r["degraded"]]
    refused = [r for r in records if r["refused"] == "budget"]
    assert len(answered) + len(refused) == 12
    assert 1 <= len(answered) <= CAP // PER_ANSWER < 12

    store = await PostgresStore.open(parse_database_url(url))
    try:
        tokens, _ = await store.usage_since(datetime(2000, 1, 1, tzinfo=UTC))
    finally:
        await store.close()
    assert tokens == len(answered) * PER_ANSWER <= CAP  # never past the cap
    assert len(fake_groq.requests) == len(answered)  # no call without its reservation


class Instance:
    """`twin run` as a real process (`start`: in Slack HTTP mode, ready once it listens)."""

    def __init__(self, proc: asyncio.subprocess.Process, url: str) -> None:
        self.proc = proc
        self.url = url
        self.log: list[str] = []

    @classmethod
    async def start(cls, config: Path, env: dict[str, str], port: int) -> Instance:
        url = f"http://127.0.0.1:{port}/slack/events"
        return await cls.launch(config, env, url, "HTTP mode listening")

    @classmethod
    async def launch(cls, config: Path, env: dict[str, str], url: str, ready: str) -> Instance:
        """`twin run --config config`, returned once its log says `ready`."""
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--config",
            str(config),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        instance = cls(proc, url)
        await instance.wait_log(ready)
        return instance

    @classmethod
    async def slack_http(
        cls, home: Path, env: dict[str, str], shared: Path, instances: str = ""
    ) -> Instance:
        """`twin run` in Slack HTTP mode from its own folder `home`, on the store shared by the
        test (the SQLite file `shared`, or `TWIN_DATABASE_URL` in `env`), cache off;
        `instances`: extra `[instances]` keys."""
        port = free_port()
        await asyncio.to_thread(home.mkdir)
        config = write_config(
            home,
            f'[llm]\ncheck_models_at_start = false\n[slack]\nhost = "127.0.0.1"\n'
            f"port = {port}\n[instances]\n{instances}[cache]\nenabled = false\n"
            f'[storage]\npath = "{shared}"\n',
        )
        return await cls.start(config, env, port)

    async def wait_log(self, text: str) -> str:
        assert self.proc.stderr is not None
        for line in self.log:
            if text in line:
                return line
        while True:
            raw = await asyncio.wait_for(self.proc.stderr.readline(), WAIT)
            if not raw:
                raise AssertionError(f"twin run ended before {text!r}: {self.log}")
            line = raw.decode(errors="replace").rstrip()
            self.log.append(line)
            if text in line:
                return line

    async def stop(self) -> None:
        if self.proc.returncode is None:
            self.proc.terminate()
            await asyncio.wait_for(self.proc.wait(), WAIT)


async def test_an_event_and_its_retry_on_two_instances_are_answered_once(
    tmp_path: Path, pg_target: PgTarget, fake_groq: FakeGroq
) -> None:
    async with FakeSlack() as slack_api:
        await _event_and_retry(tmp_path, await pg_target.new_database(), fake_groq, slack_api)


async def _event_and_retry(
    tmp_path: Path, url: str, fake_groq: FakeGroq, slack_api: FakeSlack
) -> None:
    env = base_env(
        fake_groq,
        TWIN_DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack_api.base_url,
    )
    instances = []
    try:
        for name in ("one", "two"):
            port = free_port()
            home = tmp_path / name
            home.mkdir()
            config = write_config(
                home,
                f'[llm]\ncheck_models_at_start = false\n[slack]\nhost = "127.0.0.1"\n'
                f"port = {port}\n",
            )
            instances.append(await Instance.start(config, env, port))
        body = json.dumps(event_body(mention("Where did you study?", ts="100.1"), "EvSHARED"))
        headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
        retry = {**headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        async with aiohttp.ClientSession() as session:

            async def post(instance: Instance, extra: dict[str, str]) -> int:
                async with session.post(instance.url, data=body, headers=extra) as response:
                    return response.status

            statuses = await asyncio.gather(post(instances[0], headers), post(instances[1], retry))
        assert list(statuses) == [200, 200]  # both acknowledged within Slack's 3 s
        outcomes = [await i.wait_log("slack event:EvSHARED:") for i in instances]
        assert sorted("answered" in o for o in outcomes) == [False, True], outcomes
        assert any("duplicate" in o for o in outcomes)
        await slack_api.wait_for("chat.update")
        assert [m.text for m in slack_api.thread("C1", "100.1")] == [fake_groq.reply]
        assert len(fake_groq.requests) == 1
    finally:
        for instance in instances:
            await instance.stop()


async def test_twin_health_in_a_third_process_sees_the_breaker_an_instance_opened(
    tmp_path: Path, pg_target: PgTarget, fake_groq: FakeGroq
) -> None:
    fake_groq.fail(FIRST, Fault.server_error(503))
    config = write_config(
        tmp_path,
        "[llm]\ncheck_models_at_start = false\nretries = 0\nbreaker_failures = 2\n"
        "breaker_cooldown_s = 600\n[cache]\nenabled = false\n",
    )
    env = base_env(fake_groq, TWIN_DATABASE_URL=await pg_target.new_database())
    questions = tmp_path / "q.txt"
    questions.write_text("Where did you study?\nWhat are your skills?\nWhat did you build?\n")
    code, out, err = await run_twin(
        "ask",
        "--questions",
        str(questions),
        "--concurrency",
        "1",
        "--json",
        "--config",
        str(config),
        env=env,
    )
    assert code == 0, err
    assert {json.loads(line)["model"] for line in out.splitlines()} == {SECOND}

    code, out, err = await run_twin("health", "--json", "--config", str(config), env=env)
    assert code == 0, err
    health = {m["model"]: m for m in json.loads(out)["models"]}
    assert health[FIRST]["breaker"] == "open", health[FIRST]
    assert health[SECOND]["breaker"] == "closed"


async def test_a_running_instance_rides_out_postgresql_stopping_and_coming_back(
    tmp_path: Path, own_pg: PgServer, fake_groq: FakeGroq
) -> None:
    async with FakeSlack() as slack_api:
        url = await PgTarget(own_pg.url("postgres")).new_database()
        env = base_env(
            fake_groq,
            TWIN_DATABASE_URL=url,
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack_api.base_url,
        )
        port = free_port()
        config = write_config(
            tmp_path,
            f'[llm]\ncheck_models_at_start = false\n[slack]\nhost = "127.0.0.1"\nport = {port}\n',
        )
        instance = await Instance.start(config, env, port)
        try:
            async with aiohttp.ClientSession() as session:

                async def ask(event_id: str, ts: str) -> str:
                    text = f"Question {event_id}: where did you study?"  # never from the cache
                    body = json.dumps(event_body(mention(text, ts=ts), event_id))
                    headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
                    async with session.post(instance.url, data=body, headers=headers) as response:
                        assert response.status == 200
                    await instance.wait_log(f"slack event:{event_id}:")
                    return slack_api.thread("C1", ts)[-1].text

                assert await ask("Ev1", "100.1") == fake_groq.reply
                await asyncio.to_thread(own_pg.stop)
                during = await ask("Ev2", "100.2")
                assert STORAGE_NOTE in during, "\n".join(instance.log)
                assert len(fake_groq.requests) == 1
                await instance.wait_log("storage: PostgreSQL database")  # one operator line
                await asyncio.to_thread(own_pg.start)
                assert await ask("Ev3", "100.3") == fake_groq.reply
                assert len(fake_groq.requests) == 2
        finally:
            await instance.stop()
        assert not any("Traceback" in line for line in instance.log), "\n".join(instance.log)
        password = urlsplit(url).password
        assert password and password not in "\n".join(instance.log)


async def shared_store_url(backend: str, request: pytest.FixtureRequest) -> str:
    """A new PostgreSQL database's URL for `backend` "postgres"; "" for SQLite (one file)."""
    if backend != "postgres":
        return ""
    pg_target: PgTarget = request.getfixturevalue("pg_target")
    return await pg_target.new_database()


async def open_shared_store(tmp_path: Path, url: str) -> Store:
    """The store the test's processes share: PostgreSQL at `url`, or the SQLite file."""
    if url:
        return await PostgresStore.open(parse_database_url(url))
    return await SqliteStore.open(tmp_path / "shared.db")


@asynccontextmanager
async def slack_pair(
    tmp_path: Path,
    fake_groq: FakeGroq,
    slack_api: FakeSlack,
    url: str,
    names: tuple[str, str],
    instances: str,
) -> AsyncIterator[tuple[Instance, Instance]]:
    """Two `twin run` processes in Slack HTTP mode, named `names`, on one store (PostgreSQL at
    `url`, or one SQLite file in `tmp_path`), with the `[instances]` keys `instances`; both
    stopped on the way out."""
    env = base_env(
        fake_groq,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack_api.base_url,
        **({"TWIN_DATABASE_URL": url} if url else {}),
    )
    started: list[Instance] = []
    try:
        for name in names:
            home = tmp_path / name
            started.append(await Instance.slack_http(home, env, tmp_path / "shared.db", instances))
        yield started[0], started[1]
    finally:
        for instance in started:
            await instance.stop()


async def test_instances_booking_orphans_at_once_book_each_once(pg_target: PgTarget) -> None:
    """Six instances (a pool each) book the same orphans at the same moment: each orphan is
    booked by exactly one of them, round after round (core.store.ledger.BOOK_ORPHANS)."""
    url = parse_database_url(await pg_target.new_database())
    stores = [await PostgresStore.open(url) for _ in range(6)]
    try:
        for round_ in range(3):
            for i in range(8):
                await crashed(stores[0], f"{round_}-{i}@dead")
            later = NOW + timedelta(minutes=1)
            counts = await asyncio.gather(*(s.book_orphans(later, LEASE) for s in stores))
            booked = await stores[0].fetch("SELECT count(*) FROM usage WHERE outcome = 'orphaned'")
            assert (sum(counts), booked[0][0]) == (8, 8 * (round_ + 1))
    finally:
        for store in stores:
            await store.close()
