"""The owner's Answer, Keep private and Ignore posted from the Questions page: the same owner-desk
path as the chat cards and `twin gaps`, every refusal shown with the owner's text kept."""

from __future__ import annotations

import asyncio
import re
from html import escape, unescape
from pathlib import Path

from aiohttp import ClientResponse

from bot.web.dashboard.actions import DASHBOARD_OWNER
from core.config import DEFAULT_NO_ANSWER
from core.insight.reports import GapGroup
from core.owner.learned import MAX_ANSWER_CHARS
from core.store.owner_records import ANSWERED
from tests.conftest import MakeTwin
from tests.dashboard.conftest import GAP_QUESTIONS, Dash, MakeDash, ask
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import RecordingOutlet, owner_section

OWNER = owner_section(slack="UOWNER")
SPORTS_ANSWER = "Bouldering twice a week, and I cycle to work."


async def groups(dash: Dash) -> dict[str, GapGroup]:
    """The open gap groups by their newest wording (the ids `twin gaps` shows)."""
    return {g.example: g for g in (await dash.twin.gaps_report()).groups}


async def sports(dash: Dash) -> GapGroup:
    return (await groups(dash))[GAP_QUESTIONS[1]]


async def post(dash: Dash, action: str, group: int | str, **extra: str) -> ClientResponse:
    data = {"csrf": await dash.csrf(), "action": action, "group": str(group), **extra}
    return await dash.client.post("/questions/action", data=data, allow_redirects=False)


async def logged_in(make_dash: MakeDash, persona: str = "") -> Dash:
    dash = await make_dash(OWNER, persona=persona)
    assert await dash.login() == 303
    return dash


def answer_box(html: str, group_id: int) -> str:
    """What the Answer text box of one group holds (unescaped)."""
    found = re.search(rf'<textarea id="answer-{group_id}" name="text"[^>]* autofocus>(.*?)</', html)
    assert found is not None, html
    return unescape(found.group(1))


async def test_answer_saves_the_fact_closes_the_group_and_a_running_twin_tells_the_askers(
    make_dash: MakeDash, make_twin: MakeTwin, tmp_path: Path
) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    resp = await post(dash, "answer", group.id, text=f"  {SPORTS_ANSWER}\n")
    assert resp.status == 303 and resp.headers["Location"] == "/questions"

    html = await (await dash.client.get("/questions")).text()
    assert "Thanks! Added to maya.learned.md" in html
    assert "2 more will get it as soon as the twin runs on their platform" in html
    assert GAP_QUESTIONS[0] not in html and GAP_QUESTIONS[2] in html  # only food is left
    assert '1</span><span class="label">answered' in html
    reload = await (await dash.client.get("/questions")).text()
    assert "Thanks!" not in reload  # the outcome is shown once
    learned = (tmp_path / "maya.learned.md").read_text()
    assert SPORTS_ANSWER in learned and GAP_QUESTIONS[1] in learned
    closed = await dash.twin.owner.group(group.id)
    assert closed is not None and (closed.status, closed.closed_by) == (ANSWERED, DASHBOARD_OWNER)

    running = await make_twin(OWNER, profile=tmp_path / "maya.json")  # `twin run`, same store
    outlet = RecordingOutlet()
    running.owner.subscribe(outlet)
    await running.live.tick()
    assert [(r.user_id, r.text) for r in outlet.replies] == [("U1", SPORTS_ANSWER)] * 2
    await running.live.tick()
    assert len(outlet.replies) == 2  # each asker once


async def test_an_empty_or_too_long_answer_is_refused_with_the_text_kept(
    make_dash: MakeDash, tmp_path: Path
) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    empty = await post(dash, "answer", group.id, text="  \n ")
    assert empty.status == 422
    html = await empty.text()
    assert "The answer is empty" in html
    assert '<details class="answer" open><summary>Answer</summary>' in html

    long = "ü" * 9_990 + " <b>&"  # 10,000 characters, some that HTML must escape
    resp = await post(dash, "answer", group.id, text=long)
    assert resp.status == 422
    html = await resp.text()
    assert f"the limit is {MAX_ANSWER_CHARS:,}" in html
    assert answer_box(html, group.id) == long
    assert escape(long) in html and "<b>&" not in html
    assert not (tmp_path / "maya.learned.md").exists()
    assert (await sports(dash)).id == group.id  # still open


async def test_an_answer_far_past_the_limit_still_gets_a_clear_refusal(make_dash: MakeDash) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    emoji = await post(dash, "answer", group.id, text="🐕" * 10_000)  # 120 kB encoded
    assert emoji.status == 422 and "the limit is" in await emoji.text()
    huge = await post(dash, "answer", group.id, text="x" * 300_000)
    assert huge.status == 413
    assert "nothing was saved" in await huge.text()
    assert (await sports(dash)).id == group.id


async def test_an_answer_to_a_group_closed_meanwhile_keeps_the_text(make_dash: MakeDash) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    assert (await dash.twin.owner.ignore(group.id, "owner (terminal)")).ok  # from the terminal
    resp = await post(dash, "answer", group.id, text=SPORTS_ANSWER)
    assert resp.status == 409
    html = await resp.text()
    assert f"Gap {group.id} was already ignored by owner (terminal)" in html
    assert f"readonly>{escape(SPORTS_ANSWER)}</textarea>" in html
    again = await post(dash, "ignore", group.id)
    assert again.status == 409 and "already ignored" in await again.text()
    unknown = await post(dash, "private", 999)
    assert unknown.status == 404 and "There is no gap 999" in await unknown.text()


async def test_an_unwritable_learned_file_is_said_and_the_answer_stays_in_the_form(
    make_dash: MakeDash, tmp_path: Path
) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be")
    dash = await logged_in(make_dash, persona='learned = "blocked/learned.md"\n')
    group = await sports(dash)
    resp = await post(dash, "answer", group.id, text=SPORTS_ANSWER)
    assert resp.status == 500
    html = await resp.text()
    assert "I could not save your answer" in html and "blocked/learned.md" in html
    assert answer_box(html, group.id) == SPORTS_ANSWER
    assert (await sports(dash)).id == group.id  # still open


async def test_keep_private_declines_questions_like_it_here_and_in_a_running_twin(
    make_dash: MakeDash, make_twin: MakeTwin, tmp_path: Path
) -> None:
    dash = await logged_in(make_dash)
    running = await make_twin(OWNER, profile=tmp_path / "maya.json")
    group = await sports(dash)
    resp = await post(dash, "private", group.id)
    assert resp.status == 303
    html = await (await dash.client.get("/questions")).text()
    assert f"Gap {group.id} is private now" in html
    assert '1</span><span class="label">kept private' in html
    assert dash.twin.owner.declined("Do you play sports?") is not None
    assert running.owner.declined("Do you play sports?") is None
    await running.live.tick()  # the running twin picks the decision up from the store
    assert running.owner.declined("Do you play sports?") is not None


async def test_ignore_closes_the_group_for_twin_gaps_too(
    make_dash: MakeDash, fake_groq: FakeGroq
) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    resp = await post(dash, "ignore", group.id)
    assert resp.status == 303
    html = await (await dash.client.get("/questions")).text()
    assert f"Gap {group.id} ignored." in html
    assert "sports" not in html.casefold()
    assert list(await groups(dash)) == [GAP_QUESTIONS[2]]
    assert dash.twin.owner.declined("Do you play sports?") is None  # ignored, not private
    fake_groq.reply = DEFAULT_NO_ANSWER
    await dash.twin.answer(ask("Do you play sports on Sundays?", user="U5"))
    assert GAP_QUESTIONS[0] not in await groups(dash)  # a new ask starts a new group
    assert "Do you play sports on Sundays?" in await groups(dash)


async def test_every_action_refuses_a_forged_form(make_dash: MakeDash) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    csrf = await dash.csrf()
    for action in ("answer", "private", "ignore"):
        base = {"action": action, "group": str(group.id), "text": SPORTS_ANSWER}
        for data, headers in (
            (base, {}),
            ({**base, "csrf": "forged"}, {}),
            ({**base, "csrf": csrf}, {"Origin": "https://evil.example"}),
            ({**base, "csrf": csrf}, {"Referer": "https://evil.example/questions"}),
        ):
            resp = await dash.client.post(
                "/questions/action", data=data, headers=headers, allow_redirects=False
            )
            assert resp.status == 403, (action, data, headers)
    assert (await sports(dash)).id == group.id  # nothing happened
    assert dash.twin.owner.declined("Do you play sports?") is None


async def test_unknown_actions_and_groups_are_bad_requests(make_dash: MakeDash) -> None:
    dash = await logged_in(make_dash)
    for action, group in (("delete-everything", "1"), ("ignore", ""), ("ignore", "#1")):
        assert (await post(dash, action, group)).status == 400
    assert len(await groups(dash)) == 2


async def test_the_questions_page_uses_the_owner_loops_group_ids(make_dash: MakeDash) -> None:
    dash = await logged_in(make_dash)
    html = await (await dash.client.get("/questions")).text()
    for group in (await groups(dash)).values():
        assert f"<td>#{group.id}</td>" in html
        for action in ("answer", "private", "ignore"):
            form = f'name="action" value="{action}"><input type="hidden" name="group"'
            assert f'{form} value="{group.id}">' in html
    assert html.count('action="/questions/action"') == 6  # 2 groups x 3 actions


async def test_two_answers_at_once_one_wins_the_other_keeps_its_text(
    make_dash: MakeDash, tmp_path: Path
) -> None:
    dash = await logged_in(make_dash)
    group = await sports(dash)
    first, second = await asyncio.gather(
        post(dash, "answer", group.id, text="Bouldering."),
        post(dash, "answer", group.id, text="Cycling."),
    )
    assert sorted((first.status, second.status)) == [303, 409]
    lost = second if second.status == 409 else first
    kept = "Cycling." if lost is second else "Bouldering."
    assert f"readonly>{kept}</textarea>" in await lost.text()
    learned = (tmp_path / "maya.learned.md").read_text()
    assert kept not in learned and learned.count("Bouldering.") + learned.count("Cycling.") == 1
