"""Prices that cannot silently fail: each price / provider mistake gives its own message."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from core.config import DEFAULT_PRICES, PRICES_READ_ON, ConfigError, Price, parse_config
from tests.conftest import MakeTwin

M20 = "openai/gpt-oss-20b"


def config(**sections: Any) -> Any:
    raw = {"persona": {"profile": "p.json"}, **sections}
    return parse_config(raw, Path("twin.toml"))


def problems(**sections: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        config(**sections)
    return str(caught.value)


def test_a_chain_model_without_a_price_is_an_error_naming_it_and_the_lines_to_add() -> None:
    text = problems(llm={"models": [M20, "openai/gpt-oss-safeguard-20b"]})
    assert 'the chain model "openai/gpt-oss-safeguard-20b" has no price' in text
    assert '[prices."openai/gpt-oss-safeguard-20b"]\n      input = ' in text
    assert "output = " in text and "twin.toml" in text


def test_without_a_monthly_cap_an_unpriced_model_is_allowed_and_costs_nothing() -> None:
    loaded = config(llm={"models": ["openai/new-model"]}, budget={"monthly_usd": 0})
    assert loaded.price("openai/new-model").cost(1000, 1000) == 0.0


def test_a_price_for_a_model_in_no_chain_is_a_warning() -> None:
    loaded = config(prices={"openai/gpt-oss-20": {"input": 0.1, "output": 0.2}})
    assert len(loaded.warnings) == 1
    assert '[prices."openai/gpt-oss-20"]' in loaded.warnings[0] and "typo" in loaded.warnings[0]
    assert config().warnings == ()  # the shipped defaults warn about nothing


def test_a_provider_prefix_without_its_section_is_an_error_naming_the_section() -> None:
    text = problems(llm={"models": ["local:llama3"]})
    assert "[providers.local] is not declared" in text and '"local:llama3"' in text
    assert "base_url" in text


def test_a_declared_provider_model_needs_a_price_too() -> None:
    section = {"local": {"base_url": "http://127.0.0.1:11434/v1"}}
    text = problems(llm={"models": ["local:llama3"]}, providers=section)
    assert '[prices."local:llama3"]' in text
    free = {"local:llama3": {"input": 0.0, "output": 0.0}}
    assert config(llm={"models": ["local:llama3"]}, providers=section, prices=free)


def test_cached_input_defaults_to_half_the_input_price_and_can_be_set() -> None:
    loaded = config(prices={M20: {"cached_input": 0.02}})
    assert loaded.price(M20) == Price(0.075, 0.30, 0.02)
    assert config().price(M20).cached == pytest.approx(0.0375)
    assert Price(0.2, 0.4).cost(1000, 100, cached_tokens=600) == pytest.approx(
        (400 * 0.2 + 600 * 0.1 + 100 * 0.4) / 1e6
    )
    assert Price(0.2, 0.4).saved(600) == pytest.approx(600 * 0.1 / 1e6)


def test_the_shipped_config_carries_the_default_prices_and_the_date_they_were_read() -> None:
    shipped = Path(__file__).resolve().parents[2] / "config.toml"
    text = shipped.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    for model in raw["llm"]["models"]:
        table = raw["prices"][model]
        assert (table["input"], table["output"]) == DEFAULT_PRICES[model]
    assert f"read {PRICES_READ_ON}" in text


@pytest.mark.parametrize(
    ("sections", "needle"),
    [
        ({"llm": {"service_tier": "fast"}}, "[llm] service_tier"),
        ({"budget": {"short_max_tokens": 0}}, "[budget] short_max_tokens"),
        ({"budget": {"step_down": "yes"}}, "[budget] step_down: expected bool"),
        ({"prices": {M20: {"cached": 0.1}}}, "unknown key"),
    ],
)
def test_new_keys_are_checked(sections: dict[str, Any], needle: str) -> None:
    assert needle in problems(**sections)


def test_new_keys_have_defaults() -> None:
    loaded = config(llm={"service_tier": "flex"})
    assert loaded.llm.service_tier == "flex"
    assert config().llm.service_tier == "" and config().budget.step_down is True


async def test_a_price_warning_reaches_the_twins_notes(make_twin: MakeTwin) -> None:
    twin = await make_twin('[prices."openai/gpt-oss-12b"]\ninput = 0.1\noutput = 0.2\n')
    assert any('[prices."openai/gpt-oss-12b"]' in note for note in twin.notes)
    assert any('[prices."openai/gpt-oss-12b"]' in n for n in (await twin.health_report()).notes)
