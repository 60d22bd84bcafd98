"""[dashboard] keys: defaults, and wrong values named with key and file."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from core.config import ConfigError, load_config
from tests.conftest import write_config


def test_dashboard_defaults(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path)).dashboard
    assert (config.enabled, config.host, config.port) == (False, "127.0.0.1", 8700)
    assert config.session_hours == 12.0 and config.login_attempts == 5


def test_shipped_config_shows_every_dashboard_key_at_its_default(tmp_path: Path) -> None:
    shipped_path = Path(__file__).resolve().parents[2] / "config.toml"
    shipped = load_config(shipped_path).dashboard
    assert shipped == load_config(write_config(tmp_path)).dashboard
    section = shipped_path.read_text(encoding="utf-8").split("[dashboard]")[1]
    for key in fields(shipped):
        assert f"\n{key.name} = " in section, key.name


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('port = "80"', "[dashboard] port: expected int"),
        ("session_hours = 0", "[dashboard] session_hours: must be more than 0"),
        ("login_attempts = 0", "[dashboard] login_attempts: must be at least 1"),
        ("colour = 1", "[dashboard] colour: unknown key"),
    ],
)
def test_wrong_dashboard_values_name_key_and_file(tmp_path: Path, toml: str, problem: str) -> None:
    path = write_config(tmp_path, f"[dashboard]\n{toml}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)
