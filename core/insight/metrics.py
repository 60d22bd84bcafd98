"""Prometheus metrics in the text exposition format, kept in plain counters (no extra library)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from core.config import Price
from core.insight.reports import BudgetStatus, ModelHealth, StepState
from core.models.usage import Attempt

LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
BREAKER_VALUE = {"closed": 0, "half_open": 1, "open": 2}


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Metrics:
    """Counters fed by every attempt and every question; rendered on each scrape."""

    def __init__(self, price: Callable[[str], Price] | None = None) -> None:
        self._price = price  # a model's price, for what the prefix cache saved
        self.cache_saved: dict[str, float] = defaultdict(float)
        self.questions: dict[str, int] = defaultdict(int)
        self.injections = 0  # attempts to change the rules or extract the prompt (never gaps)
        self.calls: dict[tuple[str, str], int] = defaultdict(int)
        self.tokens: dict[tuple[str, str], int] = defaultdict(int)
        self.cost: dict[str, float] = defaultdict(float)
        self.latency_buckets: dict[str, list[int]] = {}
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_count: dict[str, int] = defaultdict(int)

    async def record_attempt(self, attempt: Attempt) -> None:
        model = attempt.model
        self.calls[(model, attempt.outcome)] += 1
        tokens = self.tokens
        tokens[(model, "prompt")] += attempt.prompt_tokens
        tokens[(model, "completion")] += attempt.completion_tokens
        # Parts of the two above: cached prompt tokens and reasoning completion tokens.
        tokens[(model, "cached_input")] += attempt.cached_input_tokens
        tokens[(model, "reasoning")] += attempt.reasoning_tokens
        if self._price is not None:
            self.cache_saved[model] += self._price(model).saved(attempt.cached_input_tokens)
        self.cost[model] += attempt.cost_usd
        seconds = attempt.latency_ms / 1000
        buckets = self.latency_buckets.get(model)
        if buckets is None:
            buckets = self.latency_buckets[model] = [0] * len(LATENCY_BUCKETS)
        for i, bound in enumerate(LATENCY_BUCKETS):
            if seconds <= bound:
                buckets[i] += 1
        self.latency_sum[model] += seconds
        self.latency_count[model] += 1

    def observe_question(self, outcome: str) -> None:
        self.questions[outcome] += 1

    def observe_injection(self) -> None:
        """A question that tried to change the twin's rules or extract its prompt."""
        self.injections += 1

    def render(
        self,
        health: Sequence[ModelHealth],
        budget: BudgetStatus,
        step: StepState | None = None,
    ) -> str:
        out: list[str] = []

        def family(name: str, kind: str, help_text: str) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")

        def sample(metric: str, value: object, /, **labels: object) -> None:
            inner = ",".join(f'{k}="{_label(str(v))}"' for k, v in labels.items())
            out.append(f"{metric}{{{inner}}} {value}" if labels else f"{metric} {value}")

        family("twin_questions_total", "counter", "Questions received, by outcome.")
        for outcome, n in sorted(self.questions.items()):
            sample("twin_questions_total", n, outcome=outcome)
        family(
            "twin_injection_attempts_total",
            "counter",
            "Questions that tried to change the rules or extract the prompt (never gaps).",
        )
        sample("twin_injection_attempts_total", self.injections)
        family("twin_model_calls_total", "counter", "Model call attempts, by model and outcome.")
        for (model, outcome), n in sorted(self.calls.items()):
            sample("twin_model_calls_total", n, model=model, outcome=outcome)
        family(
            "twin_tokens_total",
            "counter",
            "Tokens used, by model and kind (cached_input is part of prompt, reasoning of "
            "completion).",
        )
        for (model, kind), n in sorted(self.tokens.items()):
            sample("twin_tokens_total", n, model=model, kind=kind)
        family("twin_cost_usd_total", "counter", "Spend in USD, by model.")
        for model, usd in sorted(self.cost.items()):
            sample("twin_cost_usd_total", f"{usd:.8f}", model=model)
        family(
            "twin_prompt_cache_saved_usd_total",
            "counter",
            "USD the provider's prompt cache saved against full input prices, by model.",
        )
        for model, usd in sorted(self.cache_saved.items()):
            sample("twin_prompt_cache_saved_usd_total", f"{usd:.8f}", model=model)
        family("twin_model_latency_seconds", "histogram", "Model call latency, by model.")
        for model, buckets in sorted(self.latency_buckets.items()):
            for bound, n in zip(
                (*LATENCY_BUCKETS, "+Inf"), (*buckets, self.latency_count[model]), strict=True
            ):
                sample("twin_model_latency_seconds_bucket", n, model=model, le=bound)
            sample("twin_model_latency_seconds_sum", f"{self.latency_sum[model]:.6f}", model=model)
            sample("twin_model_latency_seconds_count", self.latency_count[model], model=model)
        family("twin_breaker_state", "gauge", "Circuit breaker: 0 closed, 1 half-open, 2 open.")
        for h in health:
            sample("twin_breaker_state", BREAKER_VALUE.get(h.breaker, 2), model=h.model)
        family("twin_model_in_rotation", "gauge", "1 while the model is in the chain's rotation.")
        for h in health:
            sample("twin_model_in_rotation", int(h.in_rotation), model=h.model)
        family("twin_budget_used_ratio", "gauge", "Share of the budget used.")
        sample(
            "twin_budget_used_ratio", f"{budget.daily_fraction:.6f}", period="day", unit="tokens"
        )
        sample(
            "twin_budget_used_ratio", f"{budget.monthly_fraction:.6f}", period="month", unit="usd"
        )
        if step is not None:
            family(
                "twin_budget_step",
                "gauge",
                "Budget step-down: 0 normal, 1 cheapest model, 2 short answers, 3 profile only.",
            )
            sample("twin_budget_step", step.step, name=step.name)
        return "\n".join(out) + "\n"
