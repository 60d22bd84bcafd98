"""The dashboard of a twin without GROQ_API_KEY, as a newcomer first sees it: it says the models
are unavailable (not "every answer may use a model"), charts the answers it gave, names
outcomes in words and points recommendations at the Models page, not a chat command."""

from __future__ import annotations

import re

from bot.cli.render_text import to_json, usage_text
from tests.dashboard.conftest import Dash, MakeDash, ask

QUESTIONS = (
    "Where did you study?",
    "What are your skills?",
    "What projects have you built?",
    "Tell me about yourself",
    "What do you do now?",
    "Which languages do you know?",
    "What was your first job?",
    "Have you led a team?",
    "What are you working on?",
    "What tools do you use?",
    "Where are you based?",
)


def figure(html: str, name: str) -> str:
    found = re.search(rf'<figure class="chart" data-chart="{name}">.*?</figure>', html, re.S)
    assert found is not None, name
    return found.group(0)


async def keyless(make_dash: MakeDash) -> Dash:
    dash = await make_dash(seeded=False, env={"GROQ_API_KEY": ""})
    for n, text in enumerate(QUESTIONS):
        answer = await dash.twin.answer(ask(text, user=f"U{n}"))
        assert answer.degraded and answer.model is None
    await dash.twin.answer(ask("What's your salary?", user="U99"))
    await dash.login()
    return dash


async def test_the_overview_says_models_are_unavailable_and_charts_the_answers(
    make_dash: MakeDash,
) -> None:
    dash = await keyless(make_dash)
    html = await (await dash.client.get("/")).text()
    assert "Models unavailable. GROQ_API_KEY is not set" in html
    assert "every answer may use a model" not in html
    answers = figure(html, "answers")
    assert "No data yet" not in answers
    assert "Questions per day: 12 in 30 days" in answers
    assert "No data yet" in figure(html, "spend")  # nothing was spent: that one stays empty


async def test_outcomes_are_in_words_and_recommendations_point_to_the_models_page(
    make_dash: MakeDash,
) -> None:
    dash = await keyless(make_dash)
    html = await (await dash.client.get("/")).text()
    outcomes = figure(html, "outcomes")
    assert "from the profile alone 11" in outcomes
    assert "declined (private) 1" in outcomes
    assert "declined_private" not in html and ">degraded " not in outcomes
    assert "Check the Models page for models that are down" in html
    assert "/twin-health" not in html


async def test_twin_usage_points_to_twin_health_in_text_and_json(make_dash: MakeDash) -> None:
    dash = await keyless(make_dash)
    report = await dash.twin.usage_report()
    for shown in (usage_text(report), to_json(report)):
        assert "Check `twin health` for models that are down" in shown
        assert "/twin-health" not in shown and "{health}" not in shown


async def test_the_unavailable_card_says_why_models_are_out_not_the_profiles_warnings(
    make_dash: MakeDash,
) -> None:
    """The start-up notes hold the profile's warnings too (a private path that matched
    nothing): those are not why the models are out, and the card used to run them on."""
    dash = await make_dash(
        seeded=False, env={"GROQ_API_KEY": ""}, persona='private = ["no_such_field"]\n'
    )
    assert any("no_such_field" in note for note in dash.twin.notes)
    await dash.login()
    html = await (await dash.client.get("/")).text()
    card = re.search(r'data-panel="unavailable".*?</section>', html, re.S)
    assert card is not None
    assert "GROQ_API_KEY is not set" in card.group(0)
    assert "no_such_field" not in card.group(0)
