"""The config mistakes that would otherwise fail silently, checked while `core.config` reads
the file: a chain model without a price, a price for no model, an undeclared provider."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any


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
