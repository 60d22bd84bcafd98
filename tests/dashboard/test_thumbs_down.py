"""Thumbs-down answers on the Questions page (question, answer, who voted, when, model) and
helpful votes per model on the Models page, read from the feedback votes of every instance."""

from __future__ import annotations

import re
from pathlib import Path

from bot.web.dashboard.visibility import HIDDEN_MEMBER, Viewer, member_id
from core.config import load_config
from tests.conftest import write_config
from tests.dashboard.conftest import Dash, MakeDash, ask


def panel(html: str, name: str) -> str:
    found = re.search(rf'<section class="card" data-panel="{name}">(.*?)</section>', html, re.S)
    assert found is not None, name
    return found.group(1)


async def voted(make_dash: MakeDash) -> tuple[Dash, str, str]:
    """A seeded dashboard, one answer voted down by U7 (and up by U8), one voted up only."""
    dash = await make_dash()
    assert await dash.login() == 303
    down = await dash.twin.answer(ask("Mail me at sam@example.com: what do you teach?", "U3"))
    up = await dash.twin.answer(ask("What is your favourite language?", "U4"))
    assert down.model and up.model
    await dash.twin.record_feedback("slack", down.request_id, "U7", helpful=False)
    await dash.twin.record_feedback("slack", down.request_id, "U8", helpful=True)
    await dash.twin.record_feedback("slack", up.request_id, "U8", helpful=True)
    return dash, down.request_id, down.model


async def test_thumbs_down_answers_are_listed_with_question_voter_time_and_model(
    make_dash: MakeDash,
) -> None:
    dash, _, model = await voted(make_dash)
    html = await (await dash.client.get("/questions")).text()
    thumbs = panel(html, "thumbs-down")
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", thumbs)
    assert len(rows) == 1, thumbs  # the helpful votes are not listed
    cells = rows[0].split("</td><td>")
    when = dash.clock.utc().strftime("%Y-%m-%d %H:%M UTC")
    assert cells[:3] == [when, "slack U7", model]
    assert "what do you teach?" in cells[3] and "sam@example.com" not in cells[3]  # scrubbed
    assert cells[4] == "I studied computer science."
    gaps = panel(html, "gaps")  # and the owner can answer it like a gap
    assert '<span class="tag">thumbs-down</span>' in gaps and "what do you teach?" in gaps


async def test_a_vote_changed_to_helpful_leaves_the_list(make_dash: MakeDash) -> None:
    dash, answer_id, _ = await voted(make_dash)
    await dash.twin.record_feedback("slack", answer_id, "U7", helpful=True)
    html = await (await dash.client.get("/questions")).text()
    assert "No thumbs-down answers yet." in panel(html, "thumbs-down")


async def test_the_models_page_shows_helpful_votes_per_model(make_dash: MakeDash) -> None:
    dash, _, model = await voted(make_dash)
    html = await (await dash.client.get("/models")).text()
    per_model = panel(html, "per-model")
    assert "<th>helpful votes</th>" in per_model
    row = re.search(rf"<tr><td>{re.escape(model)}</td>(.*?)</tr>", per_model)
    assert row is not None and row.group(1).endswith("<td>2 of 3 (67%)</td>"), per_model


def test_who_voted_follows_the_one_visibility_rule(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    assert member_id(config, Viewer("owner"), "discord", "42") == "discord 42"
    assert member_id(config, Viewer("anonymous"), "discord", "42") == HIDDEN_MEMBER
