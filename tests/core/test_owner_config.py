"""[owner] and the owner-loop [persona] keys: defaults, the learned file beside the profile,
and wrong values named with key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import ConfigError, load_config
from core.owner.learned import learned_file


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[persona]\nprofile = "profiles/maya.json"\n' + text, encoding="utf-8")
    return path


def test_defaults_and_the_learned_file_beside_the_profile(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    assert config.owner.cards_per_day == 5 and not config.owner.configured
    assert config.persona.show_sources
    assert learned_file(config) == tmp_path / "profiles" / "maya.learned.md"
    text = 'learned = "facts/extra.md"\n[owner]\ndiscord_user = 123456789012345678\n'
    chosen = load_config(write(tmp_path, text))
    assert learned_file(chosen) == tmp_path / "facts" / "extra.md"
    assert chosen.owner.configured and chosen.owner.discord_user == "123456789012345678"


def test_wrong_owner_values_name_key_and_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[owner]\ncards_per_day = -1\ndiscord_user = 1.5\ncolour = "red"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert str(path) in text
    assert "[owner] discord_user: expected str (an ID" in text
    assert "[owner] colour: unknown key" in text
    assert "[owner] cards_per_day: must not be negative" in text
