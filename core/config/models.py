"""The model sections: `[llm]` (the chain and how it is called), `[providers.NAME]` (backup
providers speaking the OpenAI API) and `[prices."MODEL"]`, with the mistakes between them that
would otherwise fail silently: a chain model without a price, a price for no model, a provider
named in the chain but never declared."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any

from core.config.schema import Section, key

DEFAULT_MODELS = ("openai/gpt-oss-20b", "openai/gpt-oss-120b")
SERVICE_TIERS = ("on_demand", "flex", "auto")


@dataclass(frozen=True)
class LLMConfig(Section):
    models: tuple[str, ...] = DEFAULT_MODELS  # "provider:model" for a [providers.NAME] model
    routing: str = key("ordered", choices=("ordered", "adaptive"))
    max_tokens: int = key(1024, at_least=1)
    temperature: float = key(0.3, at_least=0, at_most=2)
    reasoning_effort: str = key("low", choices=("low", "medium", "high"))
    timeout_s: float = key(30.0, more_than=0)
    retries: int = key(2, at_least=0)  # extra tries of the same model on 5xx / timeout / network
    retry_after_max_s: float = key(5.0, at_least=0)  # a 429 asking longer moves to the next model
    breaker_failures: int = key(3, at_least=1)  # consecutive failures that open a breaker
    breaker_failure_rate: float = key(0.5, more_than=0, at_most=1)  # or this rate over the window
    breaker_window: int = key(20, at_least=1)
    breaker_cooldown_s: float = key(30.0, at_least=0)  # open this long before one probe goes
    min_remaining_tokens: int = key(2000, at_least=0)  # pass over a model with fewer this minute
    min_remaining_requests: int = key(5, at_least=0)
    check_models_at_start: bool = True  # GET /models to catch retired ids at start-up
    stream: bool = True
    service_tier: str = key("", choices=("", *SERVICE_TIERS))  # Groq's; "" = not sent

    def problems(self) -> list[str]:
        return [] if self.models else ["[llm] models: needs at least one model id"]


@dataclass(frozen=True)
class ProviderConfig(Section):
    """A backup provider speaking the OpenAI chat-completions API (OpenAI, Ollama, vLLM)."""

    name: str = key(from_file=False)  # from the table's name
    kind: str = key("openai", choices=("openai",))  # the only kind: OpenAI-compatible
    base_url: str = ""
    api_key_env: str = ""  # the environment variable holding its key; empty = no key

    def problems(self) -> list[str]:
        where = f"[providers.{self.name}]"
        problems = [] if self.base_url else [f"{where} base_url: required"]
        if self.name == "groq":
            problems.append(f"{where}: the name groq is built in; pick another name")
        return problems


def chain_problems(
    models: tuple[str, ...],
    providers: Set[str],
    prices: Set[str],
    monthly_usd: float,
) -> list[str]:
    """The chain's mistakes that would fail silently: a `NAME:model` id whose provider is not
    declared (it would be sent to Groq as a model id), and, while `monthly_usd` caps spend, a
    model without a price (it would cost $0 and never be limited)."""
    problems: list[str] = []
    for model in dict.fromkeys(models):
        name, sep, rest = model.partition(":")
        if sep and rest and "/" not in name and name not in providers:
            problems.append(
                f'[llm] models: "{model}" names the provider "{name}", but [providers.{name}] '
                f"is not declared; add it (an OpenAI-compatible server), e.g.\n"
                f'      [providers.{name}]\n      base_url = "http://127.0.0.1:11434/v1"'
            )
        elif monthly_usd and model not in prices:
            where = (
                "0 for a model you run yourself"
                if sep and rest
                else "Groq's prices: console.groq.com/docs/models"
            )
            problems.append(
                f'[prices."{model}"]: the chain model "{model}" has no price, so [budget] '
                "monthly_usd cannot limit it; add to config.toml (USD per million tokens; "
                f"{where}):\n"
                f'      [prices."{model}"]\n      input = 0.0\n      output = 0.0'
            )
    return problems


def unused_prices(models: tuple[str, ...], listed: Mapping[str, Any]) -> list[str]:
    """A `[prices."MODEL"]` written for a model that is in no chain: most likely a typo."""
    return [
        f'[prices."{model}"]: no model of [llm] models is called "{model}", so this price is '
        f"never used (a typo? the chain is {', '.join(models)})"
        for model in listed
        if model not in models
    ]
