"""The dashboard's Models page shows invented claims per 100 answers per model."""

from __future__ import annotations

from core.types import Question
from tests.core.test_grounding_twin import GROUNDED, QUESTION
from tests.dashboard.conftest import MakeDash
from tests.fakes.groq_server import FakeGroq


async def test_the_dashboard_models_page_shows_the_rate(
    make_dash: MakeDash, fake_groq: FakeGroq
) -> None:
    dash = await make_dash(seeded=False)
    fake_groq.reply = GROUNDED
    fake_groq.invent("employer")
    await dash.twin.answer(Question(QUESTION, "cli", "owner", "cli", "c1", is_owner=True))
    await dash.login()
    html = await (await dash.client.get("/models")).text()
    assert "invented claims per 100 answers" in html
    assert "<td>100.0 (of 1)</td>" in html
