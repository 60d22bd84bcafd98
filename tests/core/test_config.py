"""config.toml: defaults, and errors that name the key and the file."""

from pathlib import Path

import pytest

from core.config import DEFAULT_MODELS, ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_only_profile_is_required_and_defaults_fill_the_rest(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[persona]\nprofile = "me.json"\n'))
    assert config.persona.profile == tmp_path / "me.json"
    assert config.llm.models == DEFAULT_MODELS
    assert config.budget.daily_tokens == 100_000 and config.budget.monthly_usd == 50
    assert config.limits.user_per_minute == 6
    assert config.storage.path == tmp_path / "twin.db"
    assert config.price("openai/gpt-oss-20b").output == pytest.approx(0.30)


def test_defaults_name_no_decommissioned_model() -> None:
    retired = {"llama-3.1-8b-instant", "llama-3.3-70b-versatile", "mixtral-8x7b-32768"}
    assert not retired & set(DEFAULT_MODELS)


def test_every_problem_is_listed_with_key_and_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[persona]\nprivate = "salary"\n[llm]\nmax_tokens = "lots"\nroutng = "x"\n[budgte]\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message
    assert "[persona] profile: required" in message
    assert "[persona] private: expected list[str]" in message
    assert "[llm] max_tokens: expected int" in message
    assert "[llm] routng: unknown key" in message
    assert "[budgte]: unknown section" in message


def test_ids_written_as_numbers_are_read_as_text(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, '[persona]\nprofile = "p.md"\n[discord]\nadmins = [1234567890]\n')
    )
    assert config.discord.admins == ("1234567890",)


def test_missing_file_and_bad_toml_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[persona\n"))


def test_price_table_and_backup_provider(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            '[persona]\nprofile = "p.md"\n[llm]\nmodels = ["openai/gpt-oss-20b", "local:qwen:7b"]\n'
            '[prices."local:qwen:7b"]\ninput = 0\noutput = 0\n'
            '[providers.local]\nbase_url = "http://127.0.0.1:1/v1"\napi_key_env = "LOCAL_KEY"\n',
        )
    )
    assert config.providers["local"].api_key_env == "LOCAL_KEY"
    assert config.price("local:qwen:7b").input == 0.0
    assert config.price("unknown-model").input == 0.0


def test_bad_values_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(
            write(
                tmp_path,
                '[persona]\nprofile = "p.md"\n[llm]\nrouting = "random"\nmodels = []\n'
                "[budget]\nalert_at = [80]\n[limits]\nuser_per_minute = -1\n",
            )
        )
    message = str(caught.value)
    for expected in (
        "[llm] routing",
        "[llm] models",
        "[budget] alert_at",
        "[limits] user_per_minute",
    ):
        assert expected in message


def test_the_shipped_config_loads(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    config = load_config(root / "config.toml")
    assert config.persona.profile == root / "profiles" / "example.json"
    assert config.llm.routing == "ordered"


def test_access_lists_default_open_and_bad_types_name_the_key(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[persona]\nprofile = "p.md"\n'))
    for platform in (config.slack, config.discord):
        assert platform.allowed_channels == () and platform.blocked_users == ()
        assert platform.allow_dms is True
    config = load_config(
        write(
            tmp_path,
            '[persona]\nprofile = "p.md"\n[discord]\nallowed_channels = [920000000000000001]\n'
            '[slack]\nblocked_users = ["UBAD"]\nallow_dms = false\n',
        )
    )
    assert config.discord.allowed_channels == ("920000000000000001",)
    assert config.slack.blocked_users == ("UBAD",) and config.slack.allow_dms is False
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, '[persona]\nprofile = "p.md"\n[slack]\nallow_dms = "no"\n'))
    assert "[slack] allow_dms: expected bool" in str(caught.value)
