"""Slack's AI-app surface end to end: the real AsyncApp (Bolt's Assistant middleware) in HTTP
mode, the fake Web API with native streaming and assistant.threads.*, the fake Groq model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fakes.slack_api import FakeSlack
from tests.slack.builders import (
    ASSISTANT_DM,
    feedback_click,
    post_action,
    thread_message,
    thread_started,
)
from tests.slack.conftest import SLACK_CONFIG, mention


def streamed_text(api: FakeSlack) -> str:
    return "".join(
        str(c.args.get("markdown_text") or "")
        for c in api.calls
        if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream")
    )


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


async def test_a_stream_that_timed_out_is_finished_with_chat_update(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    slack_api.streaming = True
    fake_groq.reply = "one two three four five six seven eight"
    # grounding off: this pins Slack's stream states, which need the model's several deltas
    slack = await start_slack(await make_twin(SLACK_CONFIG + "[grounding]\nenabled = false\n"))
    slack_api.fail_next("chat.stopStream", "message_not_in_streaming_state")
    await slack.send_event(mention("Count for me", ts="100.1"), "E1")
    assert (await slack.answered(1))[0].outcome == "answered"
    [message] = slack.api.thread("C1", "100.1")
    [started] = slack.api.calls_to("chat.startStream")
    assert started.args["recipient_user_id"] == "U1" and started.args["recipient_team_id"] == "T1"
    assert slack.api.calls_to("chat.update")[-1].args["ts"] == message.ts
    assert message.text == fake_groq.reply
    assert feedback_values(message.blocks)
    assert slack.api.calls_to("chat.startStream") and slack.bot.native.available


async def test_an_append_after_the_timeout_carries_on_in_the_same_message(
    make_twin, start_slack, fake_groq, slack_api, slack_clock
) -> None:
    slack_api.streaming = True
    fake_groq.reply = "alpha beta gamma delta epsilon zeta eta theta"
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    slack_api.fail_next("chat.appendStream", "message_not_in_streaming_state")
    await slack.send_event(mention("Greek letters?", ts="100.1"), "E1")
    await slack.answered(1)
    [message] = slack.api.thread("C1", "100.1")  # no second message: the stream's is reused
    assert message.text == fake_groq.reply
    assert not slack.api.calls_to("chat.stopStream")


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


def test_the_manifest_declares_the_ai_app_surface() -> None:
    manifest = (Path(__file__).resolve().parents[2] / "slack_manifest.yaml").read_text()
    lines = {line.split("#")[0].strip() for line in manifest.splitlines()}
    assert "- assistant:write" in lines
    assert "assistant_view:" in lines
    for event in ("assistant_thread_started", "assistant_thread_context_changed"):
        assert f"- {event}" in lines
    assert "is_enabled: true" in lines  # interactivity: the feedback buttons
