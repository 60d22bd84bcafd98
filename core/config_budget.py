"""The budget and storage sections of the config (re-exported by `core.config`): what the
shared ledger and the store are tuned by. Defaults here; every key is in the shipped config.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BudgetConfig:
    daily_tokens: int = 100_000  # 0 = no cap
    monthly_usd: float = 50.0  # 0 = no cap
    alert_at: tuple[float, ...] = (0.8, 1.0)
    step_down: bool = True  # bend before breaking: cheaper model, shorter answers, then profile
    short_max_tokens: int = 384  # max_tokens while answers are kept short by the step-down
    min_answer_tokens: int = 512  # near the cap a call gets fewer answer tokens, never fewer
    wait_s: float = 5.0  # how long a question waits for calls in flight to settle the budget
    reservation_lease_s: float = 600.0  # a killed process's reservations stop counting after this


@dataclass(frozen=True)
class StorageConfig:
    path: Path = Path("twin.db")
    busy_timeout_s: float = 5.0  # how long a write waits for another process's write
    max_size_mb: float = 0.0  # 0 = no cap; past it the twin answers degraded, as with a full disk
