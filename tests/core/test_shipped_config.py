"""The shipped config.toml lists every key the code accepts, each with its default.

The accepted keys are read from the config dataclasses (the only place a key is declared), so a
key added there and forgotten in config.toml (or the other way round) fails here.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from pathlib import Path
from typing import Any

from core import config as cfg
from tests.conftest import REPO

SHIPPED = REPO / "config.toml"
# Keys whose shipped value is an example rather than the default.
EXAMPLES = {"persona.profile", "persona.private", "providers.base_url", "providers.api_key_env"}
# Set by the loader, not the file.
NOT_KEYS = {"Config": {"path", "warnings"}, "ProviderConfig": {"name"}}


def _section_types() -> dict[str, type]:
    """[section] -> its dataclass, from Config's fields (Mapping fields: their value type)."""
    hints = typing.get_type_hints(cfg.Config)
    out: dict[str, type] = {}
    for f in dataclasses.fields(cfg.Config):
        if f.name in NOT_KEYS["Config"]:
            continue
        kind = hints[f.name]
        args = typing.get_args(kind)
        out[f.name] = args[-1] if args else kind
    return out


def accepted_keys() -> dict[str, set[str]]:
    """Every key the code accepts, per section, from the dataclasses."""
    out: dict[str, set[str]] = {}
    for section, kind in _section_types().items():
        skip = NOT_KEYS.get(kind.__name__, set())
        out[section] = {f.name for f in dataclasses.fields(kind) if f.name not in skip}
    return out


def _uncommented(text: str) -> str:
    """The file with commented-out TOML (`# [providers.local]`, `# key = value`) switched on."""
    line = re.compile(r"^#\s?((?:\[[\w.\"/-]+\])|(?:[a-z_]+\s*=.*))$")
    return "\n".join(
        m.group(1) if (m := line.match(row.strip())) else row for row in text.splitlines()
    )


def shipped() -> dict[str, dict[str, Any]]:
    """Section -> keys and values of the shipped file; prices and providers: one example each."""
    raw = tomllib.loads(_uncommented(SHIPPED.read_text(encoding="utf-8")))
    out: dict[str, dict[str, Any]] = {}
    for section, table in raw.items():
        if section in ("prices", "providers"):
            merged: dict[str, Any] = {}
            for entry in table.values():
                merged.update(entry)
            out[section] = merged
        else:
            out[section] = table
    return out


def test_the_shipped_config_lists_every_accepted_key_and_no_other() -> None:
    keys, listed = accepted_keys(), shipped()
    assert set(listed) == set(keys)
    for section, names in keys.items():
        missing, unknown = names - set(listed[section]), set(listed[section]) - names
        assert not missing, f"[{section}] keys missing from config.toml: {sorted(missing)}"
        assert not unknown, f"[{section}] keys config.toml lists but the code rejects: {unknown}"


def _default(kind: type, name: str) -> Any:
    f = next(f for f in dataclasses.fields(kind) if f.name == name)
    if f.default is not dataclasses.MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not dataclasses.MISSING else None


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    return value


def test_every_shipped_value_is_the_default() -> None:
    types, listed = _section_types(), shipped()
    for section, table in listed.items():
        if section == "prices":
            continue  # per model; checked against DEFAULT_PRICES below
        for key, value in table.items():
            if f"{section}.{key}" in EXAMPLES:
                continue
            default = _plain(_default(types[section], key))
            assert _plain(value) == default, f"[{section}] {key} = {value!r}, default {default!r}"
    prices = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))["prices"]
    assert {m: (p["input"], p["output"]) for m, p in prices.items()} == cfg.DEFAULT_PRICES


def test_the_shipped_config_loads() -> None:
    loaded = cfg.load_config(SHIPPED)
    assert loaded.persona.profile.name == "example.json"
