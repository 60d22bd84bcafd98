"""The budget ledger's arithmetic for PostgreSQL's `top_up`: whether a reservation may grow.

A pure function over a `LedgerView` read inside the ledger lock (see `Store.top_up`); `reserve`
does the same arithmetic inside the database (`twin_reserve` in pg_schema.py).
"""

from __future__ import annotations

from core.store.records import BudgetCaps, LedgerView

USD_SLACK = 1e-9  # float sums of prices must not refuse a call that fits to the cent


def top_up_fits(
    view: LedgerView, caps: BudgetCaps, held_tokens: int, more_tokens: int, more_usd: float
) -> bool:
    """Whether one open reservation (holding `held_tokens` now) may hold this much more."""
    busy = view.minute_tokens + view.held_tokens
    over_day = view.day_tokens + view.held_tokens + more_tokens > caps.daily_tokens
    over_month = view.month_usd + view.held_usd + more_usd > caps.monthly_usd + USD_SLACK
    over_minute = busy + more_tokens > caps.tokens_per_minute and busy - held_tokens > 0
    return not (
        (caps.daily_tokens > 0 and more_tokens > 0 and over_day)
        or (caps.monthly_usd > 0 and more_usd > 0 and over_month)
        or (caps.tokens_per_minute > 0 and more_tokens > 0 and over_minute)
    )
