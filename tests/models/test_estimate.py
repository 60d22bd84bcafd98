"""Budgets reserve from the token estimate, so it must not undercount."""

from core.models.providers.base import estimate_tokens


def test_estimate_errs_high_for_english_and_for_cjk() -> None:
    english = "I built a data pipeline for smart-meter readings in 2021. " * 20
    assert estimate_tokens([english]) >= len(english) / 4  # English is about 4 chars a token
    cjk = "我在利兹做数据工程师" * 30
    assert estimate_tokens([cjk]) >= len(cjk)  # about one token per character
