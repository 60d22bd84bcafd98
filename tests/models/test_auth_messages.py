"""A refused key is reported by the variable the operator must fix, never by its value."""

from __future__ import annotations

import logging

import pytest

from core.models.outcomes import AllModelsFailed
from tests.fakes.groq_server import FakeGroq, Fault
from tests.models.conftest import CONTEXT, M20, MESSAGES, MakeRouter

LOCAL = "local:llama3.2:3b"


async def test_a_refused_groq_key_is_logged_naming_groq_api_key_not_the_key(
    make_router: MakeRouter, fake: FakeGroq, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail(M20, Fault.auth())
    built = await make_router({"models": [M20]})
    with caplog.at_level(logging.WARNING), pytest.raises(AllModelsFailed):
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GROQ_API_KEY" in logged
    assert "test-key" not in logged
    assert "GROQ_API_KEY" in built.sent[0].title


async def test_a_refused_backup_key_is_logged_naming_its_api_key_env(
    make_router: MakeRouter, fake: FakeGroq, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("llama3.2:3b", Fault.auth())
    built = await make_router(
        {"models": [LOCAL]},
        env={"LOCAL_KEY": "local-secret"},
        providers={"local": {"base_url": f"{fake.base_url}/v1", "api_key_env": "LOCAL_KEY"}},
        prices={LOCAL: {"input": 0.0, "output": 0.0}},  # an unpriced chain model is an error
    )
    with caplog.at_level(logging.WARNING), pytest.raises(AllModelsFailed):
        await built.router.complete(MESSAGES, CONTEXT, max_tokens=64)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "LOCAL_KEY" in logged and "local-secret" not in logged
