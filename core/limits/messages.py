"""What the guard says: refusals people read and budget alerts admins read."""

from __future__ import annotations

import math
from datetime import datetime

from core.insight.alerts import Alert, Severity
from core.limits.budget import Cap
from core.types import Refusal, RefusalKind

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STORAGE_NOTE = (
    "I can't keep my records right now, so I'm answering from my profile alone, "
    "without my AI model."
)


def in_words(seconds: float) -> str:
    """A wait as people say it: "40 seconds", "7 min", "3 h 12 min", "5 days 12 h"."""
    whole = max(1, math.ceil(seconds))
    if whole <= 60:
        return f"{whole} second{'' if whole == 1 else 's'}"
    minutes = math.ceil(whole / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    text = f"{days} day{'' if days == 1 else 's'}"
    return f"{text} {hours} h" if hours else text


def month_reset(end: datetime) -> str:
    return f"on {end.day} {_MONTHS[end.month - 1]} at 00:00 UTC"


def rate_refusal(scope: str, wait: float) -> Refusal:
    """`scope` is the window that waits longest: "user", "channel" or "global"."""
    when = in_words(wait)
    if scope == "user":
        message = f"You're asking faster than I can answer - try again in {when}."
    elif scope == "channel":
        message = f"This channel is asking faster than I can answer - try again in {when}."
    else:
        message = f"I'm very busy right now - try again in {when}."
    return Refusal(RefusalKind.RATE_LIMITED, message, retry_after=wait)


def minute_refusal(wait: float) -> Refusal:
    message = f"I'm thinking through a lot of questions right now - try again in {in_words(wait)}."
    return Refusal(RefusalKind.RATE_LIMITED, message, retry_after=wait)


def budget_refusal(
    cap: Cap, now: datetime, day_end: datetime, month_end: datetime, *, used_up: bool = True
) -> Refusal:
    """What a member reads when a cap refuses a model call. `used_up` is False when some of the
    budget is left, only not enough for one answer: the member is told that, not "used up"."""
    if cap is Cap.DAILY:
        wait = (day_end - now).total_seconds()
        what = (
            "I've used up today's thinking budget"
            if used_up
            else "There isn't enough of today's thinking budget left for a full answer"
        )
        message = f"{what}; it resets at 00:00 UTC (in {in_words(wait)})."
        return Refusal(RefusalKind.BUDGET, message, retry_after=wait)
    if cap is Cap.MONTHLY:
        wait = (month_end - now).total_seconds()
        what = (
            "I've used up this month's budget"
            if used_up
            else "There isn't enough of this month's budget left for a full answer"
        )
        message = f"{what}; it resets {month_reset(month_end)} (in {in_words(wait)})."
        return Refusal(RefusalKind.BUDGET, message, retry_after=wait)
    period = "daily" if cap is Cap.DAILY_TOO_SMALL else "monthly"
    message = (
        f"This question needs more than my whole {period} budget allows, "
        "so I can't send it to my AI model - try asking something shorter."
    )
    return Refusal(RefusalKind.BUDGET, message)  # no retry: waiting will not help


def storage_alert(cause: str, now: datetime) -> Alert:
    return Alert(
        "storage",
        f"storage:{now.isoformat()}",
        "The twin cannot write its database: answering without a model",
        f"{cause[:1].upper()}{cause[1:]}. No model is called while spend cannot be recorded; "
        "members get answers from the profile alone, with a note.",
        (
            "Check that the PostgreSQL server is running and reachable from this machine."
            if cause.startswith("PostgreSQL")
            else "Free disk space (or fix the file's permissions / the lock)."
        )
        + " The twin resumes by itself at the first write that succeeds.",
        "critical",
        now,
    )


def daily_alert(
    key: str, frac: float, used: int, limit: int, need: int, now: datetime, day_end: datetime
) -> Alert:
    full = frac >= 1.0
    title = "Daily token budget used up" if full else f"Daily token budget at {frac:.0%}"
    if full and used < limit:  # some left, only not enough for the next answer: say that
        title = f"Daily token budget: {limit - used:,} tokens left, not enough for an answer"
    text = f"The twin has used {used:,} of {limit:,} tokens today ({used / limit:.0%})"
    if need and used < limit:
        text += f"; the next answer could need up to {need:,} more, which is not left"
    text += "."
    if full:
        text += " Until the reset it answers from the profile alone, without a model."
    wait = in_words((day_end - now).total_seconds())
    action = (
        "Raise [budget] daily_tokens in config.toml and restart the twin, or wait for the "
        f"reset at 00:00 UTC (in {wait})."
    )
    severity: Severity = "critical" if full else "warning"
    return Alert("budget", key, title, text, action, severity, now)


def monthly_alert(
    key: str,
    frac: float,
    used: float,
    limit: float,
    need: float,
    now: datetime,
    month_end: datetime,
) -> Alert:
    full = frac >= 1.0
    title = "Monthly budget used up" if full else f"Monthly budget at {frac:.0%}"
    if full and used < limit:
        title = f"Monthly budget: ${limit - used:,.2f} left, not enough for an answer"
    text = f"The twin has spent ${used:,.2f} of ${limit:,.2f} this month ({used / limit:.0%})"
    if need and used < limit:
        text += f"; the next answer could cost up to ${need:,.4f}, which is not left"
    text += "."
    if full:
        text += " Until the reset it answers from the profile alone, without a model."
    wait = in_words((month_end - now).total_seconds())
    action = (
        "Raise [budget] monthly_usd in config.toml and restart the twin, or wait for the "
        f"reset {month_reset(month_end)} (in {wait})."
    )
    severity: Severity = "critical" if full else "warning"
    return Alert("budget", key, title, text, action, severity, now)
