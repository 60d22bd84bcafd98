"""config.toml, read once at start-up into frozen dataclasses.

Only `[persona] profile` is required. A key of the wrong type, an unknown key or section, or a
missing file raises one `ConfigError` that lists every problem with its key and the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.config_budget import BudgetConfig as BudgetConfig
from core.config_budget import StorageConfig as StorageConfig
from core.config_checks import chain_problems, unused_prices
from core.config_dashboard import DashboardConfig as DashboardConfig
from core.config_discord import DiscordConfig as DiscordConfig
from core.config_discord import shard_problems
from core.config_grounding import GROUNDING_KEYS, GroundingConfig, grounding_config
from core.config_owner import OwnerConfig, owner_config
from core.config_privacy import PRIVACY_KEYS, PrivacyConfig, privacy_problems
from core.prices import CACHED_INPUT_SHARE as CACHED_INPUT_SHARE
from core.prices import DEFAULT_PRICES as DEFAULT_PRICES
from core.prices import PRICES_READ_ON as PRICES_READ_ON
from core.prices import Price as Price

DEFAULT_MODELS = ("openai/gpt-oss-20b", "openai/gpt-oss-120b")
SERVICE_TIERS = ("on_demand", "flex", "auto")
DEFAULT_NO_ANSWER = (
    "That isn't something I've written down yet - ask me about my work, projects or studies."
)

_NO_PRICE = Price(0.0, 0.0)  # what an unpriced model costs (one object, not one a call)


class ConfigError(Exception):
    """Every problem found in a config file, each naming its key and the file."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the config:\n{lines}")


@dataclass(frozen=True)
class PersonaConfig:
    profile: Path
    name: str = ""  # the owner's name when the profile gives none (or to override it)
    private: tuple[str, ...] = ()  # field paths, or phrases (with a space) withheld anywhere
    public: tuple[str, ...] = ()  # phrases the privacy rules withheld by mistake: released
    no_answer: str = DEFAULT_NO_ANSWER
    history_turns: int = 6  # turns of conversation memory sent with a question
    context_chunks: int = 6  # profile chunks sent with a question
    max_question_chars: int = 4000  # longer questions are cut, and the user is told
    learned: str = ""  # learned-facts Markdown; "" = "<profile stem>.learned.md" (learned_file)
    show_sources: bool = True  # a short sources line under model answers


@dataclass(frozen=True)
class ProviderConfig:
    """A backup provider speaking the OpenAI chat-completions API (OpenAI, Ollama, vLLM)."""

    name: str
    kind: str = "openai"
    base_url: str = ""
    api_key_env: str = ""  # the environment variable holding its key; empty = no key


@dataclass(frozen=True)
class LLMConfig:
    models: tuple[str, ...] = DEFAULT_MODELS  # "provider:model" for a [providers.NAME] model
    routing: str = "ordered"  # or "adaptive"
    max_tokens: int = 1024
    temperature: float = 0.3
    reasoning_effort: str = "low"
    timeout_s: float = 30.0
    retries: int = 2  # extra tries of the same model on 5xx / timeout / network errors
    retry_after_max_s: float = 5.0  # a 429 asking to wait longer moves on to the next model
    breaker_failures: int = 3  # consecutive failures that open a breaker
    breaker_failure_rate: float = 0.5  # or this failure rate over the recent window
    breaker_window: int = 20
    breaker_cooldown_s: float = 30.0  # open this long before one probe is let through
    min_remaining_tokens: int = 2000  # pass over a model whose Groq per-minute tokens are lower
    min_remaining_requests: int = 5
    check_models_at_start: bool = True  # GET /models to catch retired ids at start-up
    stream: bool = True
    service_tier: str = ""  # Groq's service_tier: on_demand | flex | auto; "" = not sent


@dataclass(frozen=True)
class LimitsConfig:
    """Requests per minute; 0 = no limit."""

    user_per_minute: int = 6
    channel_per_minute: int = 30
    global_per_minute: int = 120
    tokens_per_minute: int = 20_000
    admins_exempt: bool = True


@dataclass(frozen=True)
class CacheConfig:
    enabled: bool = True
    ttl_s: float = 86_400.0


@dataclass(frozen=True)
class SlackConfig:
    host: str = "0.0.0.0"
    port: int = 3000
    admins: tuple[str, ...] = ()
    admin_channel: str = ""
    # access lists (defaults open): channels the twin answers in, people it never answers
    allowed_channels: tuple[str, ...] = ()  # empty = every channel
    blocked_users: tuple[str, ...] = ()
    allow_dms: bool = True


@dataclass(frozen=True)
class MetricsConfig:
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 9108


@dataclass(frozen=True)
class Config:
    path: Path
    persona: PersonaConfig
    llm: LLMConfig = field(default_factory=LLMConfig)
    budget: BudgetConfig = field(default_factory=BudgetConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    prices: Mapping[str, Price] = field(default_factory=dict)
    providers: Mapping[str, ProviderConfig] = field(default_factory=dict)
    storage: StorageConfig = field(default_factory=StorageConfig)
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


# --- schema -----------------------------------------------------------------------------

_INT, _FLOAT, _STR, _BOOL, _STRS, _FLOATS, _ID = (
    "int",
    "float",
    "str",
    "bool",
    "list[str]",
    "list[float]",
    "str (an ID; a number is read as text)",
)
_INTS = "list[int]"

_SIZES = ("busy_timeout_s", "max_size_mb")  # [storage] keys that must not be negative
_SECTIONS: dict[str, dict[str, str]] = {
    "persona": {
        "profile": _STR,
        "name": _STR,
        "private": _STRS,
        "public": _STRS,
        "no_answer": _STR,
        "history_turns": _INT,
        "context_chunks": _INT,
        "max_question_chars": _INT,
        "learned": _STR,
        "show_sources": _BOOL,
    },
    "llm": {
        "models": _STRS,
        "routing": _STR,
        "max_tokens": _INT,
        "temperature": _FLOAT,
        "reasoning_effort": _STR,
        "timeout_s": _FLOAT,
        "retries": _INT,
        "retry_after_max_s": _FLOAT,
        "breaker_failures": _INT,
        "breaker_failure_rate": _FLOAT,
        "breaker_window": _INT,
        "breaker_cooldown_s": _FLOAT,
        "min_remaining_tokens": _INT,
        "min_remaining_requests": _INT,
        "check_models_at_start": _BOOL,
        "stream": _BOOL,
        "service_tier": _STR,
    },
    "budget": {
        "daily_tokens": _INT,
        "monthly_usd": _FLOAT,
        "alert_at": _FLOATS,
        "step_down": _BOOL,
        "short_max_tokens": _INT,
        "min_answer_tokens": _INT,
        "wait_s": _FLOAT,
        "reservation_lease_s": _FLOAT,
    },
    "limits": {
        "user_per_minute": _INT,
        "channel_per_minute": _INT,
        "global_per_minute": _INT,
        "tokens_per_minute": _INT,
        "admins_exempt": _BOOL,
    },
    "storage": {"path": _STR, "busy_timeout_s": _FLOAT, "max_size_mb": _FLOAT},
    "cache": {"enabled": _BOOL, "ttl_s": _FLOAT},
    "grounding": GROUNDING_KEYS,
    "slack": {
        "host": _STR,
        "port": _INT,
        "admins": _STRS,
        "admin_channel": _STR,
        "allowed_channels": _STRS,
        "blocked_users": _STRS,
        "allow_dms": _BOOL,
    },
    "discord": {
        "admins": _STRS,
        "admin_roles": _STRS,
        "admin_channel": _STR,
        "guilds": _STRS,
        "shard_count": _INT,
        "shard_ids": _INTS,
        "allowed_channels": _STRS,
        "blocked_users": _STRS,
        "allow_dms": _BOOL,
    },
    "metrics": {"enabled": _BOOL, "host": _STR, "port": _INT},
    "privacy": PRIVACY_KEYS,
    "owner": {"slack_user": _ID, "discord_user": _ID, "cards_per_day": _INT, "digest": _BOOL},
    "dashboard": {
        "enabled": _BOOL,
        "host": _STR,
        "port": _INT,
        "session_hours": _FLOAT,
        "refresh_s": _INT,
        "login_attempts": _INT,
        "secure_cookie": _BOOL,
    },
}
_PRICE_KEYS = {"input": _FLOAT, "output": _FLOAT, "cached_input": _FLOAT}
_PROVIDER_KEYS = {"kind": _STR, "base_url": _STR, "api_key_env": _STR}


def _type_ok(value: Any, kind: str) -> bool:
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _FLOAT:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind in (_STR, _ID):
        return isinstance(value, str) or (kind == _ID and type(value) is int)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _STRS:
        return isinstance(value, list) and all(isinstance(v, str | int) for v in value)
    if kind == _FLOATS:
        return isinstance(value, list) and all(_type_ok(v, _FLOAT) for v in value)
    if kind == _INTS:
        return isinstance(value, list) and all(_type_ok(v, _INT) for v in value)
    raise AssertionError(kind)


def _convert(value: Any, kind: str) -> Any:
    if kind == _FLOAT:
        return float(value)
    if kind == _STRS:
        return tuple(str(v) for v in value)  # IDs written as numbers are still IDs
    if kind == _FLOATS:
        return tuple(float(v) for v in value)
    if kind == _INTS:
        return tuple(value)
    if kind == _ID:
        return str(value)
    return value


def _section(
    raw: Mapping[str, Any], name: str, keys: Mapping[str, str], problems: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"[{name}] {key}"
        kind = keys.get(key)
        if kind is None:
            known = ", ".join(sorted(keys))
            problems.append(f"{where}: unknown key (known keys: {known})")
        elif not _type_ok(value, kind):
            problems.append(f"{where}: expected {kind}, got {type(value).__name__} {value!r}")
        else:
            out[key] = _convert(value, kind)
    return out


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
    known = [*_SECTIONS, "prices", "providers"]
    for name, value in raw.items():
        if name not in known:
            problems.append(f"[{name}]: unknown section (known: {', '.join(known)})")
        elif not isinstance(value, dict):
            problems.append(f"[{name}]: expected a table, got {type(value).__name__}")
    sections = {
        name: _section(raw[name], name, keys, problems) if isinstance(raw.get(name), dict) else {}
        for name, keys in _SECTIONS.items()
    }
    base = path.parent

    persona_raw = sections["persona"]
    if "profile" not in persona_raw:
        problems.append("[persona] profile: required (the path of the profile to answer from)")
    persona = PersonaConfig(
        profile=base / persona_raw.pop("profile", ""),
        **persona_raw,
    )

    llm_raw = sections["llm"]
    if "models" in llm_raw and not llm_raw["models"]:
        problems.append("[llm] models: needs at least one model id")
    if llm_raw.get("routing", "ordered") not in ("ordered", "adaptive"):
        problems.append(
            f'[llm] routing: expected "ordered" or "adaptive", got {llm_raw["routing"]!r}'
        )
    if llm_raw.get("reasoning_effort", "low") not in ("low", "medium", "high"):
        problems.append('[llm] reasoning_effort: expected "low", "medium" or "high"')
    for key in ("max_tokens", "breaker_failures", "breaker_window"):
        if key in llm_raw and llm_raw[key] < 1:
            problems.append(f"[llm] {key}: must be at least 1")
    if llm_raw.get("service_tier", "") not in ("", *SERVICE_TIERS):
        problems.append(
            '[llm] service_tier: expected "on_demand", "flex" or "auto" (or "" to send none), '
            f"got {llm_raw['service_tier']!r}"
        )
    llm = LLMConfig(**llm_raw)

    budget_raw = sections["budget"]
    for frac in budget_raw.get("alert_at", ()):
        if not 0 < frac <= 1.5:
            problems.append(
                f"[budget] alert_at: {frac} is not a fraction of the budget (0 < x <= 1.5)"
            )
    for key in ("daily_tokens", "monthly_usd", "min_answer_tokens", "wait_s"):
        if budget_raw.get(key, 0) < 0:
            problems.append(f"[budget] {key}: must not be negative (0 = no cap)")
    if budget_raw.get("short_max_tokens", 1) < 1:
        problems.append("[budget] short_max_tokens: must be at least 1")
    budget = BudgetConfig(**budget_raw)

    limits_raw = sections["limits"]
    for key, value in limits_raw.items():
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            problems.append(f"[limits] {key}: must not be negative (0 = no limit)")
    limits = LimitsConfig(**limits_raw)

    prices = {m: Price(*p) for m, p in DEFAULT_PRICES.items()}
    raw_prices = raw.get("prices", {})
    if isinstance(raw_prices, dict):
        for model, table in raw_prices.items():
            if not isinstance(table, dict):
                problems.append(f'[prices."{model}"]: expected a table with input and output')
                continue
            got = _section(table, f'prices."{model}"', _PRICE_KEYS, problems)
            old = prices.get(model, Price(0.0, 0.0))
            prices[model] = Price(
                got.get("input", old.input),
                got.get("output", old.output),
                got.get("cached_input", old.cached_input),
            )

    providers: dict[str, ProviderConfig] = {}
    raw_providers = raw.get("providers", {})
    if isinstance(raw_providers, dict):
        for name, table in raw_providers.items():
            if not isinstance(table, dict):
                problems.append(f"[providers.{name}]: expected a table")
                continue
            got = _section(table, f"providers.{name}", _PROVIDER_KEYS, problems)
            if got.get("kind", "openai") != "openai":
                problems.append(f'[providers.{name}] kind: only "openai" (compatible) is supported')
            if not got.get("base_url"):
                problems.append(f"[providers.{name}] base_url: required")
            if name == "groq":
                problems.append("[providers.groq]: the name groq is built in; pick another name")
            providers[name] = ProviderConfig(name=name, **got)

    problems += privacy_problems(privacy_raw := sections["privacy"])

    storage_raw = {"busy_timeout_s": 5.0, "max_size_mb": 0.0, **sections["storage"]}
    problems += [f"[storage] {k}: must not be negative" for k in _SIZES if storage_raw[k] < 0]
    storage = StorageConfig(base / storage_raw.pop("path", "twin.db"), **storage_raw)

    owner = owner_config(sections["owner"], problems)
    problems += chain_problems(llm.models, set(providers), set(prices), budget.monthly_usd)
    listed = raw_prices if isinstance(raw_prices, dict) else {}
    warnings = unused_prices(llm.models, listed)

    dashboard_raw = sections["dashboard"]
    if dashboard_raw.get("session_hours", 1.0) <= 0:
        problems.append("[dashboard] session_hours: must be more than 0")
    for key in ("refresh_s", "port"):
        if dashboard_raw.get(key, 0) < 0:
            problems.append(f"[dashboard] {key}: must not be negative")
    if dashboard_raw.get("login_attempts", 1) < 1:
        problems.append("[dashboard] login_attempts: must be at least 1")

    grounding = grounding_config(sections["grounding"], problems)
    problems.extend(shard_problems(sections["discord"]))
    if problems:
        raise ConfigError(path, problems)
    return Config(
        path=path,
        persona=persona,
        llm=llm,
        budget=budget,
        limits=limits,
        prices=prices,
        providers=providers,
        storage=storage,
        cache=CacheConfig(**sections["cache"]),
        slack=SlackConfig(**sections["slack"]),
        discord=DiscordConfig(**sections["discord"]),
        metrics=MetricsConfig(**sections["metrics"]),
        privacy=PrivacyConfig(**privacy_raw),
        owner=owner,
        dashboard=DashboardConfig(**dashboard_raw),
        grounding=grounding,
        warnings=tuple(warnings),
    )
