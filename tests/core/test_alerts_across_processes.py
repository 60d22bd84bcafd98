"""Regression (#31 item 11): an alert about the model chain is raised once a day across
processes, not once per process start."""

from __future__ import annotations

from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq

GONE = "openai/gpt-oss-20b"
LEFT = "openai/gpt-oss-120b"
LISTING = f'check_models_at_start = true\nmodels = ["{GONE}", "{LEFT}"]\n'


async def test_a_model_gone_is_alerted_once_however_many_processes_start(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.models = [LEFT]
    first = await make_twin(llm=LISTING)
    await make_twin(llm=LISTING)  # a second process on the same database, started after
    await make_twin(llm=LISTING)  # and a restart
    history = await first.history.alerts()
    removed = [a for a in history if a.kind == "model_removed"]
    assert len(removed) == 1 and GONE in removed[0].title
