"""The optional Prometheus endpoint, scraped over loopback after a real answer."""

from __future__ import annotations

import aiohttp

from bot.web.metrics import start_metrics
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq


async def test_metrics_endpoint_serves_counters_after_an_answer(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    await twin.answer(Question("What do you do?", "slack", "U1", "C1", "c"))
    runner = await start_metrics(twin, "127.0.0.1", 0)
    try:
        host, port = runner.addresses[0][:2]
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://{host}:{port}/metrics") as resp,
        ):
            body = await resp.text()
            assert resp.status == 200
            assert resp.headers["Content-Type"].startswith("text/plain")
    finally:
        await runner.cleanup()
    assert 'twin_questions_total{outcome="answered"} 1' in body
    assert 'twin_model_calls_total{model="openai/gpt-oss-20b",outcome="ok"} 1' in body
    assert 'twin_breaker_state{model="openai/gpt-oss-20b"} 0' in body
