"""Config read from its dataclasses: a key's type is its annotation, its bounds its metadata,
and every problem (ports included) is reported at once, naming the key and the file."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest

from core.config import Config, ConfigError, ProviderConfig, load_config, parse_config


def problems_of(raw: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config({"persona": {"profile": "p.json"}, **raw}, Path("conf/twin.toml"))
    return str(caught.value)


def section_fields() -> list[tuple[str, str, Any]]:
    """(section, key, annotation) for every key a section dataclass declares."""
    out = []
    hints = typing.get_type_hints(Config)
    for f in dataclasses.fields(Config):
        kind = hints[f.name]
        if not dataclasses.is_dataclass(kind):
            continue
        for g in dataclasses.fields(kind):
            out.append((f.name, g.name, typing.get_type_hints(kind)[g.name]))
    return out


def test_every_declared_key_checks_the_type_its_annotation_gives() -> None:
    fields = section_fields()
    assert len(fields) > 60
    for section, name, kind in fields:
        wrong: Any = 1.5 if kind in (str, Path) else "text"  # not even an ID
        table = {"profile": "p.json"} if section == "persona" else {}
        text = problems_of({section: {**table, name: wrong}})
        assert f"[{section}] {name}: expected " in text, (section, name, text)
        assert "conf/twin.toml" in text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"llm": {"temperature": 5}}, "[llm] temperature: must be at most 2"),
        ({"llm": {"temperature": -0.1}}, "[llm] temperature: must not be negative"),
        ({"llm": {"timeout_s": 0}}, "[llm] timeout_s: must be more than 0"),
        ({"llm": {"retries": -1}}, "[llm] retries: must not be negative"),
        ({"llm": {"breaker_failure_rate": 1.5}}, "[llm] breaker_failure_rate: must be at most 1"),
        ({"llm": {"breaker_cooldown_s": -1}}, "[llm] breaker_cooldown_s: must not be negative"),
        ({"llm": {"min_remaining_tokens": -5}}, "[llm] min_remaining_tokens: must not be"),
        ({"persona": {"profile": "p", "context_chunks": 0}}, "[persona] context_chunks: must be"),
        ({"persona": {"profile": "p", "history_turns": -1}}, "[persona] history_turns: must not"),
        ({"persona": {"profile": "p", "max_question_chars": 0}}, "[persona] max_question_chars"),
        ({"budget": {"reservation_lease_s": 0}}, "[budget] reservation_lease_s: must be more"),
        ({"cache": {"ttl_s": -1}}, "[cache] ttl_s: must not be negative"),
    ],
)
def test_values_out_of_bounds_name_key_and_file(raw: dict[str, Any], problem: str) -> None:
    text = problems_of(raw)
    assert problem in text and "conf/twin.toml" in text


@pytest.mark.parametrize("section", ["slack", "dashboard", "metrics"])
@pytest.mark.parametrize("value", [-1, 65536, 80000])
def test_a_port_out_of_range_names_key_and_file(tmp_path: Path, section: str, value: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[persona]\nprofile = "p.json"\n[{section}]\nport = {value}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert f"[{section}] port: {value} is not a port: use 1-65535" in text
    assert str(path) in text


def test_ports_at_the_ends_of_the_range_are_taken(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[persona]\nprofile = "p.json"\n[slack]\nport = 65535\n[dashboard]\nport = 1\n'
        "[metrics]\nport = 0\n"
    )
    config = load_config(path)
    assert (config.slack.port, config.dashboard.port, config.metrics.port) == (65535, 1, 0)


def test_every_problem_of_every_section_comes_in_one_error() -> None:
    text = problems_of(
        {
            "slack": {"port": 70000, "colour": "red"},
            "dashboard": {"port": -1, "login_attempts": 0},
            "llm": {"temperature": 9, "routing": "random"},
            "discord": {"shard_ids": [0]},
        }
    )
    assert "7 problem(s)" in text
    for needle in (
        "[slack] port",
        "[slack] colour: unknown key",
        "[dashboard] port",
        "[dashboard] login_attempts",
        "[llm] temperature",
        '[llm] routing: expected "ordered" or "adaptive", got \'random\'',
        "[discord] shard_ids: needs shard_count",
    ):
        assert needle in text


def test_a_provider_s_name_comes_from_its_table_not_a_key() -> None:
    text = problems_of({"providers": {"local": {"name": "x", "base_url": "http://127.0.0.1:1"}}})
    assert "[providers.local] name: unknown key" in text
    assert ProviderConfig(name="local").kind == "openai"


def test_the_defaults_are_within_their_own_bounds(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[persona]\nprofile = "p.json"\n')
    assert load_config(path).warnings == ()
