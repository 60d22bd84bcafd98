"""Tiny text charts shared by every renderer: budget bars and sparklines."""

from __future__ import annotations

from collections.abc import Sequence

_SPARKS = "▁▂▃▄▅▆▇█"


def bar(fraction: float, width: int = 20) -> str:
    """A fixed-width bar such as `███████░░░░░░░░░░░░░ 35%`; over 100% shows full and the %."""
    shown = min(max(fraction, 0.0), 1.0)
    filled = round(shown * width)
    return "█" * filled + "░" * (width - filled) + f" {fraction * 100:.0f}%"


def sparkline(values: Sequence[float]) -> str:
    """One character per value, scaled between the smallest and largest value."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return (_SPARKS[0] if high == 0 else _SPARKS[3]) * len(values)
    span = high - low
    return "".join(_SPARKS[min(7, int((v - low) / span * 7.999))] for v in values)


def usd(amount: float) -> str:
    """Dollars with enough precision for tiny per-call costs."""
    if amount == 0:
        return "$0"
    if abs(amount) < 0.01:
        return f"${amount:.4f}"
    return f"${amount:,.2f}"


def ms(value: float | None) -> str:
    """Milliseconds, or a dash when unknown."""
    return "–" if value is None else f"{value:,.0f} ms"
