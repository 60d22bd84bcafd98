"""The `[grounding]` section: every claim of an answer checked against what the model was given
(read by `core.config`, kept apart so that module stays small; docs/grounding.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GROUNDING_KEYS = {
    "enabled": "bool",
    "on_held": "str",
    "line": "str",
    "alert_per_100": "float",
    "alert_min_answers": "int",
}


@dataclass(frozen=True)
class GroundingConfig:
    """Whether answers are checked, what becomes of held sentences, and the alert threshold."""

    enabled: bool = True
    on_held: str = "drop"  # "drop": held sentences dropped, `line` said; "correct": one more call
    line: str = "I'd rather not guess beyond what's in my profile."
    alert_per_100: float = 10.0  # invented claims per 100 answers that raise one alert; 0 = none
    alert_min_answers: int = 20  # checked answers of a model before its rate can alert


def grounding_config(raw: dict[str, Any], problems: list[str]) -> GroundingConfig:
    """`[grounding]` from its type-checked keys; a wrong choice or bound is a problem."""
    if raw.get("on_held", "drop") not in ("drop", "correct"):
        problems.append('[grounding] on_held: must be "drop" or "correct"')
    for key in ("alert_per_100", "alert_min_answers"):
        if raw.get(key, 0) < 0:
            problems.append(f"[grounding] {key}: must not be negative")
    if "line" in raw and not raw["line"].strip():
        problems.append("[grounding] line: must not be empty")
    return GroundingConfig(**raw)
