"""Config: config.toml read once at start-up into frozen dataclasses.

Concepts:
- `Config` and `load_config` / `parse_config` (load.py): the file, its sections, and the one
  `ConfigError` that lists every problem with its key and the file. Only `bot/` decides to exit.
- A section (`Section`, schema.py): one frozen dataclass per `[section]`; a key is a field, its
  type the annotation, its bounds `key()` / `port()` metadata, checks across keys `problems()`.
- The sections themselves: persona, budget, limits, storage, instances, cache, platforms, owner,
  privacy, dashboard, metrics and grounding (sections.py); the model chain, providers and prices
  (models.py).

Adding a section: write its dataclass (a `Section`) and add it as a field of `Config`.
"""

from core.config.load import Config, load_config, parse_config
from core.config.models import DEFAULT_MODELS, SERVICE_TIERS, LLMConfig, ProviderConfig
from core.config.schema import ConfigError
from core.config.sections import (
    DEFAULT_NO_ANSWER,
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
from core.prices import DEFAULT_PRICES, PRICES_READ_ON, Price

__all__ = [
    "DEFAULT_MODELS",
    "DEFAULT_NO_ANSWER",
    "DEFAULT_PRICES",
    "PRICES_READ_ON",
    "SERVICE_TIERS",
    "BudgetConfig",
    "CacheConfig",
    "Config",
    "ConfigError",
    "DashboardConfig",
    "DiscordConfig",
    "GroundingConfig",
    "InstancesConfig",
    "LLMConfig",
    "LimitsConfig",
    "MetricsConfig",
    "OwnerConfig",
    "PersonaConfig",
    "Price",
    "PrivacyConfig",
    "ProviderConfig",
    "SlackConfig",
    "StorageConfig",
    "load_config",
    "parse_config",
]
