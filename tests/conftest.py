"""Shared test helpers: the example profile, a config writer, the fake Groq, a twin builder."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.config import load_config
from core.factory import build_twin
from core.twin import Twin
from tests.fakes.groq_server import FakeGroq
from tests.pg import PgServer, PgTarget, find_binaries

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_PROFILE = REPO / "profiles" / "example.json"

MakeTwin = Callable[..., Awaitable[Twin]]


def write_config(
    tmp_path: Path, extra: str = "", profile: Path = EXAMPLE_PROFILE, persona: str = ""
) -> Path:
    """A config in tmp_path answering from `profile`, with `extra` TOML appended.

    Model listing at start-up is off unless `extra` turns it on ([llm] is written here, so
    `extra` must not open [llm] again: pass llm keys with `llm=`)."""
    path = tmp_path / "config.toml"
    text = f'[persona]\nprofile = "{profile.as_posix()}"\n{persona}{extra}'
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
async def fake_groq() -> AsyncIterator[FakeGroq]:
    async with FakeGroq(reply="I studied computer science.") as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def make_twin(
    tmp_path: Path, fake_groq: FakeGroq, clock: FakeClock
) -> AsyncIterator[MakeTwin]:
    """Builds twins wired to the fake Groq, on a database in tmp_path; closes them after."""
    built: list[Twin] = []

    async def make(
        extra: str = "",
        *,
        llm: str = "check_models_at_start = false\n",
        env: dict[str, str] | None = None,
        profile: Path = EXAMPLE_PROFILE,
        persona: str = "",
    ) -> Twin:
        path = write_config(tmp_path, f"[llm]\n{llm}\n{extra}", profile, persona)
        environment = {"GROQ_API_KEY": "test-key", "GROQ_BASE_URL": fake_groq.base_url}
        environment.update(env or {})
        twin = await build_twin(load_config(path), environment, clock=clock, wall=clock.utc)
        built.append(twin)
        return twin

    yield make
    for twin in built:
        await twin.close()


# --- PostgreSQL -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_target(request: pytest.FixtureRequest) -> Iterator[PgTarget]:
    """A real PostgreSQL for the whole session (started once; TWIN_TEST_POSTGRES_URL names an
    existing one instead), or a skip saying why there is none."""
    external = os.environ.get("TWIN_TEST_POSTGRES_URL")
    if external:
        yield PgTarget(external)
        return
    template: PgServer = request.getfixturevalue("pg_template")
    server = template.clone()
    try:
        yield PgTarget(server.url("postgres"))
    finally:
        server.destroy()


@pytest.fixture
async def pg_url(pg_target: PgTarget) -> str:
    """A fresh, empty database of its own for one test."""
    return await pg_target.new_database()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[PgServer]:
    """An initialised, stopped data directory that `own_pg` servers are copied from."""
    bindir, reason = find_binaries()
    if bindir is None:
        if os.environ.get("TWIN_REQUIRE_POSTGRES"):  # CI: a missing server is a failure
            pytest.fail(f"TWIN_REQUIRE_POSTGRES is set but {reason}")
        pytest.skip(reason)
    template = PgServer.create(bindir, start=False)
    try:
        yield template
    finally:
        template.destroy()


@pytest.fixture
def own_pg(pg_template: PgServer) -> Iterator[PgServer]:
    """A PostgreSQL server of this test's own, to stop and start again."""
    server = pg_template.clone()
    try:
        yield server
    finally:
        server.destroy()
