"""The dashboard's data layer: everything a page shows, read through the twin's core API only.

Each panel is fetched on its own: one that cannot be read (a table a newer twin adds, a store
hiccup) becomes a note on the page while the other panels still show.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.insight.alerts import Alert
from core.insight.history import FailedCall, ModelTrend, ModelWindow, OpenGaps, ThumbsDown
from core.insight.reports import BudgetStatus, DayUsage, HealthReport, UsageReport
from core.twin import Twin

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Panel(Generic[T]):
    """A panel's data, or None with a note saying why it is missing."""

    value: T | None
    note: str = ""


async def panel(what: str, fetch: Awaitable[T]) -> Panel[T]:
    try:
        return Panel(await fetch)
    except Exception:
        log.exception("dashboard: could not read %s", what)
        return Panel(None, f"The {what} could not be read just now; it will show on refresh.")


@dataclass(frozen=True)
class BudgetStep:
    """Where spending stands against the caps, and what the twin does about it."""

    name: str  # "normal" | "near" | "over", or the step-down's own step name
    level: str  # "normal" | "near" | "over": how the page colours it
    text: str


NORMAL = "Normal: the budget does not hold answers back."
STEP_TEXT = {  # the budget step-down's steps (Twin.budget_step())
    "normal": ("normal", NORMAL),
    "cheapest_model": ("near", "Saving: the cheapest healthy model answers first."),
    "short_answers": ("near", "Saving: the cheapest model, and short answers."),
    "profile_only": ("over", "Answers come from the profile alone, without a model."),
}


def budget_step(budget: BudgetStatus, alert_at: tuple[float, ...]) -> BudgetStep:
    """The budget step read from the store's totals against the caps."""
    worst = max(budget.daily_fraction, budget.monthly_fraction)
    if worst >= 1.0:
        return BudgetStep(
            "over", "over", "Over a cap: answers use the profile alone until it resets."
        )
    warn = min((a for a in alert_at if a < 1.0), default=0.8)
    if worst >= warn:
        return BudgetStep(
            "near",
            "near",
            f"Near a cap ({worst:.0%} used): the budget does not hold answers back yet.",
        )
    return BudgetStep("normal", "normal", NORMAL)


_KEY_NOT_SET = re.compile(r"[A-Z][A-Z0-9_]* is not set: ")  # core.models.providers' notes


def models_unavailable(health: HealthReport) -> str:
    """Why no model can answer (no key, every model out), or "" when one can: said before the
    budget, which cannot explain answers that come from the profile alone. Only a provider's
    note ("GROQ_API_KEY is not set: ...") explains it: the start-up notes also carry the
    profile's and the config's warnings (a path first), which the Models page lists."""
    if health.llm_available:
        return ""
    why = " ".join(n for n in health.notes if _KEY_NOT_SET.match(n)) or (
        "Every model in the chain is out, so answers come from the profile alone."
    )
    return f"Models unavailable. {why}"


def current_step(twin: Twin, budget: BudgetStatus) -> BudgetStep:
    """The twin's own step-down state when `[budget] step_down` is on, else the step the totals
    imply."""
    state = twin.budget_step()
    if state is not None:
        level, text = STEP_TEXT.get(state.name, ("near", state.name.replace("_", " ")))
        reason = state.reason
        return BudgetStep(state.name, level, f"{text} ({reason})" if reason else text)
    return budget_step(budget, twin.config.budget.alert_at)


@dataclass(frozen=True)
class Overview:
    budget: Panel[BudgetStatus]
    step: BudgetStep | None
    unavailable: str  # "Models unavailable. ..." when no model can answer, else ""
    days: Panel[tuple[DayUsage, ...]]
    outcomes: Panel[dict[str, int]]
    usage: Panel[UsageReport]


@dataclass(frozen=True)
class Models:
    health: Panel[HealthReport]
    windows: Panel[tuple[ModelWindow, ...]]
    trends: Panel[tuple[ModelTrend, ...]]
    failed: Panel[tuple[FailedCall, ...]]
    usage: Panel[UsageReport]


@dataclass(frozen=True)
class Questions:
    gaps: Panel[OpenGaps]
    thumbs_down: Panel[tuple[ThumbsDown, ...]]


@dataclass(frozen=True)
class Alerts:
    alerts: Panel[tuple[Alert, ...]]


async def overview(twin: Twin) -> Overview:
    history = twin.history
    budget = await panel("budget", history.budget())
    step = current_step(twin, budget.value) if budget.value is not None else None
    health = await panel("model health", twin.health_report())
    return Overview(
        budget=budget,
        step=step,
        unavailable=models_unavailable(health.value) if health.value is not None else "",
        days=await panel("daily usage", history.days()),
        outcomes=await panel("answers by outcome", history.outcomes()),
        usage=await panel("usage report", twin.usage_report()),
    )


async def models(twin: Twin) -> Models:
    history = twin.history
    return Models(
        health=await panel("model health", twin.health_report()),
        windows=await panel("recent model calls", history.model_windows()),
        trends=await panel("latency history", history.model_trends()),
        failed=await panel("failed calls", history.failed_calls()),
        usage=await panel("usage per model", twin.usage_report()),
    )


async def questions(twin: Twin) -> Questions:
    history = twin.history
    return Questions(
        gaps=await panel("unanswered questions", history.open_gaps()),
        thumbs_down=await panel("thumbs-down answers", history.thumbs_down()),
    )


async def alerts(twin: Twin) -> Alerts:
    return Alerts(alerts=await panel("alerts history", twin.history.alerts()))
