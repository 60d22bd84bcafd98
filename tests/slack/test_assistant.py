"""Slack's legacy AI-app surface (assistant_view apps) end to end: the real AsyncApp in HTTP mode,
the fake Web API with native streaming and assistant.threads.* (no agent sessions), the fake
Groq model. Also the feedback buttons, which every kind of app gets."""

from __future__ import annotations

from typing import Any

from tests.slack.builders import (
    ASSISTANT_DM,
    feedback_click,
    post_action,
    streamed_text,
    thread_message,
    thread_started,
)
from tests.slack.conftest import SLACK_CONFIG, mention


def feedback_values(blocks: list[dict[str, Any]] | None) -> list[str]:
    values = []
    for block in blocks or ():
        if block.get("type") == "context_actions":
            for element in block["elements"]:
                assert element["type"] == "feedback_buttons"
                values += [element["positive_button"]["value"], element["negative_button"]["value"]]
    return values


async def test_a_new_assistant_thread_gets_a_greeting_and_prompts_from_the_profile(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    response = await slack.send_event(thread_started("500.1"), "EvStart")
    assert response.status == 200
    assert (await slack.answered(1))[0].outcome == "greeted"
    [greeting] = slack.api.calls_to("chat.postMessage")
    assert greeting.args["channel"] == ASSISTANT_DM and greeting.args["thread_ts"] == "500.1"
    assert greeting.text.startswith("Hi, I'm Maya") and "my work" in greeting.text
    [prompts] = slack.api.calls_to("assistant.threads.setSuggestedPrompts")
    assert prompts.response["ok"] is True and prompts.args["thread_ts"] == "500.1"
    titles = [p["title"] for p in prompts.args["prompts"]]
    assert titles[0] == "Work at Northwind Freight"  # the latest role in the profile
    assert any("Leeds Bus Punctuality Tracker" in t for t in titles)
    assert not fake_groq.requests  # greeting needs no model


async def test_an_assistant_answer_shows_status_titles_the_thread_and_streams_natively(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    slack_api.streaming = True
    fake_groq.reply = "I studied computer science at the University of Sheffield."
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(
        thread_message("Where did you study?", ts="501.1", thread_ts="500.1"), "E1"
    )
    assert (await slack.answered(1))[0].outcome == "answered"
    [status] = slack.api.calls_to("assistant.threads.setStatus")
    assert status.args["status"] == "is thinking…" and status.args["thread_ts"] == "500.1"
    [title] = slack.api.calls_to("assistant.threads.setTitle")
    assert title.args["title"] == "Where did you study?"
    methods = [m for m in slack.api.methods() if m.startswith("chat.")]
    assert methods[0] == "chat.startStream" and methods[-1] == "chat.stopStream"
    assert "chat.appendStream" in methods and "chat.update" not in methods
    [message] = slack.api.thread(ASSISTANT_DM, "500.1")
    assert message.text == fake_groq.reply == streamed_text(slack.api)
    assert not message.streaming
    [up, down] = feedback_values(message.blocks)
    assert up.startswith("up:") and down == "down:" + up[3:]

    await slack.send_event(thread_message("And then?", ts="502.1", thread_ts="500.1"), "E2")
    await slack.answered(2)
    assert len(slack.api.calls_to("assistant.threads.setTitle")) == 1  # titled once
    assert len(slack.api.calls_to("assistant.threads.setStatus")) == 2


async def test_without_native_streaming_the_answer_uses_chat_update_and_stops_trying(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))  # the fake says unknown_method
    await slack.send_event(mention("Where did you study?", ts="100.1"), "E1")
    await slack.answered(1)
    await slack.send_event(mention("And what else?", ts="101.1"), "E2")
    await slack.answered(2)
    [tried] = slack.api.calls_to("chat.startStream")  # once per process, then not again
    assert tried.response["error"] == "unknown_method"
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.text == "I studied computer science."
    assert feedback_values(reply.blocks)  # the buttons come with the chat.update path too


async def test_feedback_is_stored_once_per_member_and_the_last_click_wins(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    await slack.send_event(mention("Where did you study?", ts="100.1"), "E1")
    await slack.answered(1)
    [reply] = slack.api.thread("C1", "100.1")
    up, down = feedback_values(reply.blocks)
    for value, user in ((up, "U2"), (down, "U2"), (up, "U3")):
        response = await post_action(
            slack, feedback_click(value, user=user, channel="C1", message_ts=reply.ts)
        )
        assert response.status == 200
    outcomes = [h.outcome for h in await slack.answered(4)]
    assert outcomes[1:] == ["feedback stored (1)"] * 3
    votes = await twin.feedback.votes(up.removeprefix("up:"))
    assert sorted((v.user_id, v.helpful) for v in votes) == [("U2", False), ("U3", True)]


async def test_refusals_and_profile_only_answers_get_no_feedback_buttons(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG, env={"GROQ_API_KEY": ""}))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "E1")
    await slack.answered(1)
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.blocks is None and "Sheffield" in reply.text
