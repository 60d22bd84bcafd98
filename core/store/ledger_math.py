"""The budget ledger's arithmetic, shared by backends: how many answer tokens still fit.

Pure functions over a `LedgerView` read inside the backend's lock (see `Store.reserve`).
"""

from __future__ import annotations

import math

from core.store.records import BudgetCaps, LedgerView

USD_SLACK = 1e-9  # float sums of prices must not refuse a call that fits to the cent


def answer_room(
    view: LedgerView,
    caps: BudgetCaps,
    prompt_tokens: int,
    max_tokens: int,
    input_usd: float,
    output_usd: float,
) -> int:
    """Answer tokens a new call may hold: min(max_tokens, room_day, room_month, room_minute)."""
    rooms = [max_tokens]
    if caps.daily_tokens > 0:
        rooms.append(caps.daily_tokens - view.day_tokens - view.held_tokens - prompt_tokens)
    if caps.monthly_usd > 0:
        left = caps.monthly_usd + USD_SLACK - view.month_usd - view.held_usd
        left -= prompt_tokens * input_usd
        if output_usd > 0:
            rooms.append(math.floor(left / output_usd))
        elif left < 0:
            rooms.append(-1)
    busy = view.minute_tokens + view.held_tokens
    if caps.tokens_per_minute > 0 and busy > 0:
        rooms.append(caps.tokens_per_minute - busy - prompt_tokens)
    return min(rooms)


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
