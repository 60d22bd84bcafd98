"""`/twin-forget` end to end through the real AsyncApp: signed slash commands, the answer at
the fake Slack's response_url, the store afterwards."""

from __future__ import annotations

from tests.slack.conftest import ADMIN, SLACK_CONFIG, dm, mention


async def count(twin, sql: str) -> int:
    rows = await twin._p.store.fetch(sql)
    return int(rows[0][0])


async def test_a_member_forgets_themself(make_twin, start_slack) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await slack.send_event(mention("Where did you study?", ts="100.1", user="U1"), "Ev1")
    await slack.send_event(dm("What are your skills?", ts="100.2", user="U2"), "Ev2")
    await slack.answered(2)
    assert await count(twin, "SELECT COUNT(*) FROM turns WHERE user_id = 'U1'") == 2

    response = await slack.send_command("/twin-forget", "U1")
    assert response.status == 200
    assert (await slack.answered(3))[2].outcome == "forgot"
    [reply] = slack.api.calls_to("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert "your conversations with me (2 messages)" in reply.text
    assert await count(twin, "SELECT COUNT(*) FROM turns WHERE user_id = 'U1'") == 0
    assert await count(twin, "SELECT COUNT(*) FROM turns WHERE user_id = 'U2'") == 2
    assert await count(twin, "SELECT COUNT(*) FROM questions") == 2  # usage rows stay


async def test_an_admin_may_name_a_member_and_nobody_else_may(make_twin, start_slack) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await slack.send_event(mention("Where did you study?", ts="100.1", user="U1"), "Ev1")
    await slack.answered(1)

    await slack.send_command("/twin-forget", "U2", text="<@U1|alice>", name="u2")
    await slack.send_command("/twin-forget", ADMIN, text="nonsense words", name="bad")
    outcomes = [h.outcome for h in await slack.answered(3)]
    assert outcomes[1:] == ["refused", "refused"]
    assert await count(twin, "SELECT COUNT(*) FROM turns WHERE user_id = 'U1'") == 2

    await slack.send_command("/twin-forget", ADMIN, text="<@U1|alice>", name="admin")
    assert (await slack.answered(4))[3].outcome == "forgot"
    replies = {c.args["name"]: c.text for c in slack.api.calls_to("response_url")}
    assert "only the twin's admins" in replies["u2"]
    assert "@mention or a user ID" in replies["bad"]
    assert "<@U1>'s conversations" in replies["admin"]
    assert await count(twin, "SELECT COUNT(*) FROM turns WHERE user_id = 'U1'") == 0
