"""The owner's gap actions posted from the Questions page."""

from __future__ import annotations

from core.insight.history import gap_key
from tests.dashboard.conftest import GAP_QUESTIONS, MakeDash


async def test_ignore_sets_a_gap_group_aside(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    csrf = await dash.csrf()
    before = await dash.twin.history.open_gaps()
    sports = next(g for g in before.groups if g.count == 2)
    resp = await dash.client.post(
        "/questions/action",
        data={"csrf": csrf, "action": "ignore", "key": gap_key(sports.example)},
        allow_redirects=False,
    )
    assert resp.status == 303
    assert resp.headers["Location"] == "/questions?done=ignore&n=2"
    html = await (await dash.client.get(resp.headers["Location"])).text()
    assert "Ignored: 2 wording(s)" in html
    assert "sports" not in html.casefold()
    assert GAP_QUESTIONS[2] in html  # the other group stays
    after = await dash.twin.history.open_gaps()
    assert (after.total, after.ignored) == (1, 2)


async def test_an_action_on_a_handled_group_says_so(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    csrf = await dash.csrf()
    data = {"csrf": csrf, "action": "ignore", "key": gap_key(GAP_QUESTIONS[2])}
    first = await dash.client.post("/questions/action", data=data, allow_redirects=False)
    assert first.headers["Location"] == "/questions?done=ignore&n=1"
    again = await dash.client.post("/questions/action", data=data, allow_redirects=False)
    assert again.headers["Location"] == "/questions?done=missing"
    html = await (await dash.client.get(again.headers["Location"])).text()
    assert "no longer open" in html


async def test_unknown_action_is_a_bad_request(make_dash: MakeDash) -> None:
    dash = await make_dash()
    await dash.login()
    csrf = await dash.csrf()
    for data in (
        {"csrf": csrf, "action": "delete-everything", "key": "abc"},
        {"csrf": csrf, "action": "ignore"},
    ):
        resp = await dash.client.post("/questions/action", data=data, allow_redirects=False)
        assert resp.status == 400
    assert (await dash.twin.history.open_gaps()).ignored == 0


async def test_an_ignored_group_leaves_the_chat_gaps_report_too(make_dash: MakeDash) -> None:
    dash = await make_dash()
    before = await dash.twin.gaps_report()
    assert before.total == 3
    assert await dash.twin.ignore_gap_group(gap_key(GAP_QUESTIONS[0])) == 2
    after = await dash.twin.gaps_report()
    assert after.total == 1
    assert [g.example for g in after.groups] == [GAP_QUESTIONS[2]]
