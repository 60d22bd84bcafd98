"""config.toml, read once at start-up into one frozen `Config` whose `Section` fields are its
`[sections]`. `parse_config` reads each through its dataclass, then the checks across sections
(the chain against its prices and providers), and raises one `ConfigError` listing every problem
with its key and the file.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.config.models import LLMConfig, ProviderConfig, chain_problems, unused_prices
from core.config.schema import ConfigError, Section, read_price, read_section
from core.config.sections import (
    BudgetConfig,
    CacheConfig,
    DashboardConfig,
    DiscordConfig,
    GroundingConfig,
    InstancesConfig,
    LimitsConfig,
    MetricsConfig,
    OwnerConfig,
    PersonaConfig,
    PrivacyConfig,
    SlackConfig,
    StorageConfig,
)
from core.prices import DEFAULT_PRICES, Price

_NO_PRICE = Price(0.0, 0.0)  # what an unpriced model costs (one object, not one a call)


@dataclass(frozen=True)
class Config:
    path: Path
    persona: PersonaConfig
    llm: LLMConfig = field(default_factory=LLMConfig)
    budget: BudgetConfig = field(default_factory=BudgetConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    prices: Mapping[str, Price] = field(default_factory=dict)  # [prices."MODEL"]
    providers: Mapping[str, ProviderConfig] = field(default_factory=dict)  # [providers.NAME]
    storage: StorageConfig = field(default_factory=StorageConfig)
    instances: InstancesConfig = field(default_factory=InstancesConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    owner: OwnerConfig = field(default_factory=OwnerConfig)
    dashboard: DashboardConfig = field(default_factory=DashboardConfig)
    grounding: GroundingConfig = field(default_factory=GroundingConfig)
    warnings: tuple[str, ...] = ()  # problems that do not stop the twin (a price never used)

    def price(self, model: str) -> Price:
        """The price of a model id. A chain model without one is a ConfigError while
        `[budget] monthly_usd` is set; without a cap, unpriced models cost nothing."""
        return self.prices.get(model, _NO_PRICE)


@functools.cache
def sections() -> dict[str, type[Section]]:
    """`[name]` -> its dataclass: the fields of `Config` that are sections."""
    hints = typing.get_type_hints(Config)
    return {
        f.name: hints[f.name]
        for f in dataclasses.fields(Config)
        if isinstance(hints[f.name], type) and issubclass(hints[f.name], Section)
    }


def load_config(path: str | Path | None = None) -> Config:
    """Read and check a config file: `path`, else $TWIN_CONFIG, else ./config.toml."""
    chosen = Path(path or os.environ.get("TWIN_CONFIG") or "config.toml")
    try:
        text = chosen.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if path:
            where = "the file --config names"
        elif os.environ.get("TWIN_CONFIG"):
            where = "the file TWIN_CONFIG names"
        else:
            where = "the default; pass --config PATH or set TWIN_CONFIG"
        raise ConfigError(chosen, [f"file not found ({where})"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(chosen, [f"cannot read the file: {exc}"]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(chosen, [f"not valid TOML: {exc}"]) from None
    return parse_config(raw, chosen)


def parse_config(raw: Mapping[str, Any], path: Path) -> Config:
    """Build a Config from parsed TOML; relative paths are relative to the config file."""
    problems: list[str] = []
    known = [*sections(), "prices", "providers"]
    for name, value in raw.items():
        if name not in known:
            problems.append(f"[{name}]: unknown section (known: {', '.join(known)})")
        elif not isinstance(value, dict):
            problems.append(f"[{name}]: expected a table, got {type(value).__name__}")
    base = path.parent
    read: dict[str, Any] = {
        name: read_section(cls, _table(raw, name), name, base, problems)
        for name, cls in sections().items()
    }
    prices = _prices(_table(raw, "prices"), problems)
    providers = _providers(_table(raw, "providers"), base, problems)
    models: tuple[str, ...] = read["llm"].models
    problems += chain_problems(models, set(providers), set(prices), read["budget"].monthly_usd)
    if problems:
        raise ConfigError(path, problems)
    warnings = tuple(unused_prices(models, _table(raw, "prices")))
    return Config(path=path, prices=prices, providers=providers, warnings=warnings, **read)


def _table(raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = raw.get(name, {})
    return value if isinstance(value, dict) else {}


def _prices(raw: Mapping[str, Any], problems: list[str]) -> dict[str, Price]:
    """The built-in prices, with each `[prices."MODEL"]` table over its model's."""
    prices = {m: Price(*p) for m, p in DEFAULT_PRICES.items()}
    for model, table in raw.items():
        if not isinstance(table, dict):
            problems.append(f'[prices."{model}"]: expected a table with input and output')
            continue
        old = prices.get(model, _NO_PRICE)
        prices[model] = read_price(table, f'prices."{model}"', old, problems)
    return prices


def _providers(
    raw: Mapping[str, Any], base: Path, problems: list[str]
) -> dict[str, ProviderConfig]:
    providers: dict[str, ProviderConfig] = {}
    for name, table in raw.items():
        if not isinstance(table, dict):
            problems.append(f"[providers.{name}]: expected a table")
            continue
        where = f"providers.{name}"
        providers[name] = read_section(ProviderConfig, table, where, base, problems, name=name)
    return providers
