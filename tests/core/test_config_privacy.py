"""[privacy] and [persona] public: defaults, and wrong values named with key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import ConfigError, parse_config


def test_defaults_keep_text_30_days_and_store_dms() -> None:
    config = parse_config({"persona": {"profile": "p.json"}}, Path("c.toml"))
    assert config.privacy.retention_days == 30 and config.privacy.store_dm_text is True
    assert config.privacy.purge_every_s == 3600 and config.persona.public == ()


def test_values_are_read() -> None:
    raw = {
        "persona": {"profile": "p.json", "public": ["0151 23456789 (office)"]},
        "privacy": {"retention_days": 7, "store_dm_text": False, "purge_every_s": 60},
    }
    config = parse_config(raw, Path("c.toml"))
    assert config.persona.public == ("0151 23456789 (office)",)
    assert (config.privacy.retention_days, config.privacy.store_dm_text) == (7, False)


@pytest.mark.parametrize(
    ("privacy", "problem"),
    [
        ({"retention_days": -1}, "[privacy] retention_days: must not be negative"),
        ({"retention_days": "30"}, "[privacy] retention_days: expected int"),
        ({"store_dm_text": "no"}, "[privacy] store_dm_text: expected bool"),
        ({"purge_every_s": 0}, "[privacy] purge_every_s: must be more than 0"),
        ({"keep_forever": True}, "[privacy] keep_forever: unknown key"),
    ],
)
def test_wrong_values_name_key_and_file(privacy: dict[str, object], problem: str) -> None:
    raw = {"persona": {"profile": "p.json"}, "privacy": privacy}
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, Path("c.toml"))
    assert problem in str(caught.value) and "c.toml" in str(caught.value)
