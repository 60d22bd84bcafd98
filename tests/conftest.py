"""Shared test helpers: the example profile, a config writer, the fake Groq, a twin builder."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.config import load_config
from core.factory import build_twin
from core.twin import Twin
from tests.fakes.groq_server import FakeGroq

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
