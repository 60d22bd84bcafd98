"""The `[privacy]` section of config.toml: what members' text the store keeps, and how long.

Its own module so `core.config` stays under the line limit; `core.config` re-exports
`PrivacyConfig` and calls `privacy_problems` while it reads the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PRIVACY_KEYS = {"retention_days": "int", "store_dm_text": "bool", "purge_every_s": "float"}


@dataclass(frozen=True)
class PrivacyConfig:
    """What members' text the store keeps, and for how long."""

    retention_days: int = 30  # question and turn text older than this is purged; 0 = keep
    store_dm_text: bool = True  # false: DM text stays in memory only, never in the database
    purge_every_s: float = 3600.0  # how often the purge runs while the twin is up


def privacy_problems(raw: Mapping[str, Any]) -> list[str]:
    """Values of the right type that still make no sense, each naming its key."""
    problems = []
    if raw.get("retention_days", 0) < 0:
        problems.append("[privacy] retention_days: must not be negative (0 = keep text)")
    if "purge_every_s" in raw and raw["purge_every_s"] <= 0:
        problems.append("[privacy] purge_every_s: must be more than 0")
    return problems
