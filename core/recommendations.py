"""Advice for admins, computed from real usage, model health and the price table."""

from __future__ import annotations

from collections.abc import Sequence

from core.config import Config
from core.reports import ModelHealth, UsageReport


def recommend(report: UsageReport, health: Sequence[ModelHealth], config: Config) -> tuple[str, ...]:
    """Short, actionable sentences; empty when there is nothing worth saying."""
    return ()
