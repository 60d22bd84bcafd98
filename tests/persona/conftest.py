"""Fixtures for the persona tests: the shipped example profiles and a file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.config import DEFAULT_NO_ANSWER
from core.persona.profiles.profile import Profile, load_profile
from core.persona.search.retrieval import Retriever

PROFILES = Path(__file__).resolve().parents[2] / "profiles"
EXAMPLE_JSON = PROFILES / "example.json"
EXAMPLE_MD = PROFILES / "example.md"

# Everything private in the example profiles: none of it may reach a chunk or a prompt.
PRIVATE_VALUES = (
    "maya.okafor@example.com",
    "7700 900123",
    "7700900123",
    "linkedin.com/in/maya-okafor-example",
    "48,500",
    "58,000",
    "64,000",
    "60,000",
    "British citizen",
    "Notice period",
    "Relocation willing",
    "Private note",
)


@pytest.fixture
def no_answer() -> str:
    return DEFAULT_NO_ANSWER


@pytest.fixture(scope="session")
def example() -> Profile:
    return load_profile(EXAMPLE_JSON)


@pytest.fixture(scope="session")
def example_md() -> Profile:
    return load_profile(EXAMPLE_MD)


@pytest.fixture(scope="session")
def retriever(example: Profile) -> Retriever:
    return Retriever(example.chunks)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def all_text(profile: Profile) -> str:
    """Every piece of a profile that could reach a prompt."""
    parts = [profile.name, profile.headline]
    for c in profile.chunks:
        parts += [c.id, c.title, c.text, c.section, *c.tags]
    return "\n".join(parts) + "\n"
