"""End to end: signed Slack events posted to the real AsyncApp in HTTP mode on loopback, answers
read from the fake Slack Web API, the fake Groq server as the model, a real twin on SQLite."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import BOT_USER, SLACK_CONFIG, WAIT, dm, event_body, mention

PING = re.compile(r"<[!@#]")


def sent_texts(api: FakeSlack) -> list[str]:
    """Every text the app sent to Slack, blocks included, as JSON-ish strings."""
    return [json.dumps(c.args, ensure_ascii=False) for c in api.calls if c.method != "auth.test"]


def user_messages(groq_request: dict[str, Any]) -> list[str]:
    return [m["content"] for m in groq_request["messages"] if m["role"] == "user"]


async def test_badly_signed_stale_and_unsigned_requests_get_401(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    bad = await slack.send_event(mention("hi", ts="1.1"), "Ev1", secret="not-the-secret")
    stale = await slack.send_event(mention("hi", ts="1.2"), "Ev2", timestamp=int(time.time()) - 301)
    body = json.dumps(event_body(mention("hi", ts="1.3"), "Ev3"))
    async with slack.session.post(slack.server.url, data=body) as unsigned:
        pass
    assert (bad.status, stale.status, unsigned.status) == (401, 401, 401)
    ok = await slack.send_event(mention("hi", ts="1.4"), "Ev4")
    assert ok.status == 200
    await slack.answered(1)
    assert len(slack.api.calls_to("chat.postMessage")) == 1  # only the signed one was answered
    assert len(fake_groq.requests) == 1


async def test_mention_is_answered_in_its_thread_without_the_mention(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    response = await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    assert response.status == 200  # acked before the answer exists
    assert (await slack.answered(1))[0].outcome == "answered"
    thinking, *_ = slack.api.calls_to("chat.postMessage")
    assert thinking.args["thread_ts"] == "100.1" and "thinking" in thinking.text
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.text == "I studied computer science."
    assert len(slack.api.calls_to("chat.update")) == 1  # the clock never moved: no previews
    [asked] = user_messages(fake_groq.requests[0])[-1:]
    assert "Where did you study?" in asked and f"<@{BOT_USER}>" not in asked


async def test_follow_up_in_the_thread_keeps_the_conversation(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    await slack.answered(1)
    follow = mention("And what did you like most there?", ts="100.5", thread_ts="100.1")
    await slack.send_event(follow, "Ev2")
    await slack.answered(2)
    assert len(fake_groq.requests) == 2
    history = json.dumps(fake_groq.requests[1]["messages"])
    assert "Where did you study?" in history and "I studied computer science." in history
    assert len(slack.api.thread("C1", "100.1")) == 2  # both answers in the same thread


async def test_a_new_mention_elsewhere_starts_a_new_conversation(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG + "[cache]\nenabled = false\n"))
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    await slack.answered(1)
    await slack.send_event(mention("What do you do now?", ts="200.1"), "Ev2")
    await slack.answered(2)
    assert "Where did you study?" not in json.dumps(fake_groq.requests[1]["messages"])


async def test_dm_is_answered_in_the_dm(make_twin, start_slack, fake_groq) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(dm("What are your skills?", ts="300.1"), "Ev1")
    assert (await slack.answered(1))[0].outcome == "answered"
    [thinking] = slack.api.calls_to("chat.postMessage")
    assert thinking.args["channel"] == "D1" and "thread_ts" not in thinking.args
    assert [m.text for m in slack.api.in_channel("D1")] == ["I studied computer science."]


async def test_bot_messages_edits_deletions_and_channel_chatter_are_ignored(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    ignorable = [
        dm("beep", ts="1.1", subtype="bot_message", bot_id="BOTHER"),
        dm("beep", ts="1.2", bot_id="BOTHER", user="UOTHERBOT"),
        dm("", ts="1.3", subtype="message_changed", message={"text": "edited"}),
        dm("", ts="1.4", subtype="message_deleted"),
        dm("hi all", ts="1.5", channel="C1", channel_type="channel"),
        {**mention("hi", ts="1.6"), "bot_id": "BOTHER"},
    ]
    own = [dm("my own answer", ts="1.7", user=BOT_USER), dm("mine", ts="1.8", bot_id="BBOT")]
    for i, event in enumerate(ignorable + own):
        assert (await slack.send_event(event, f"EvIgnored{i}")).status == 200
    await slack.send_event(dm("What are your skills?", ts="2.0"), "EvMarker")
    handled = await slack.answered(len(ignorable) + 1)
    await slack.bot.runner.drain(WAIT)  # whatever the earlier events started has finished now
    outcomes = [h.outcome for h in slack.journal.items]
    assert outcomes.count("answered") == 1
    assert all(o.startswith("ignored") for o in outcomes if o != "answered"), handled
    assert len(slack.api.calls_to("chat.postMessage")) == 1
    assert len(fake_groq.requests) == 1


async def test_retried_delivery_is_answered_once_also_after_a_restart(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG)
    slack = await start_slack(twin)
    event = mention("Where did you study?", ts="100.1")
    await slack.send_event(event, "EvOnce")
    await slack.answered(1)
    assert (await slack.send_event(event, "EvOnce", retry_num=1)).status == 200
    assert (await slack.answered(2))[1].outcome == "duplicate"

    await slack.close()
    await twin.close()  # restart: a new app and a new twin on the same database file
    again = await start_slack(await make_twin(SLACK_CONFIG))
    await again.send_event(event, "EvOnce", retry_num=2)
    assert [h.outcome for h in await again.answered(1)] == ["duplicate"]
    assert len(slack.api.calls_to("chat.postMessage")) == 1
    assert len(fake_groq.requests) == 1


async def test_nothing_the_twin_writes_can_ping_anyone(make_twin, start_slack, fake_groq) -> None:
    fake_groq.reply = "Sure <!everyone> @here <@U123> <#C999> <!channel> &"
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention("Say hello to everyone", ts="100.1"), "Ev1")
    await slack.answered(1)
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.text.startswith("Sure &lt;!everyone&gt; @\u2060here &lt;@U123&gt; &lt;#C999&gt;")
    assert reply.text.endswith("&amp;")
    for text in sent_texts(slack.api):
        assert not PING.search(text), text
        assert not re.search(r"(?<!\w)@(here|channel|everyone)\b", text), text


async def test_rate_limited_question_gets_the_polite_refusal(
    make_twin, start_slack, fake_groq
) -> None:
    twin = await make_twin(SLACK_CONFIG + "[limits]\nuser_per_minute = 1\n")
    slack = await start_slack(twin)
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    await slack.answered(1)
    await slack.send_event(mention("What are your skills?", ts="200.1"), "Ev2")
    await slack.answered(2)
    assert len(fake_groq.requests) == 1  # the second question never reached the model
    [refusal] = slack.api.thread("C1", "200.1")
    assert "try again" in refusal.text.lower()
    assert "thinking" not in refusal.text and "computer science" not in refusal.text


async def test_a_slack_failure_while_answering_ends_in_an_apology_with_an_error_id(
    make_twin, start_slack, fake_groq
) -> None:
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    slack.api.fail_next("chat.update", "internal_error")  # the final answer cannot be shown
    await slack.send_event(mention("Where did you study?", ts="100.1"), "Ev1")
    [handled] = await slack.answered(1)
    error_id = handled.outcome.removeprefix("failed ")
    assert re.fullmatch(r"[0-9a-f]{8}", error_id)
    [apology] = slack.api.thread("C1", "100.1")
    assert f"`{error_id}`" in apology.text and "Sorry" in apology.text
    assert "internal_error" not in apology.text and "Traceback" not in apology.text


async def test_streamed_answer_updates_at_most_once_a_second(
    make_twin, start_slack, fake_groq
) -> None:
    class Ticking:
        """A clock that moves half a second every time it is read."""

        def __init__(self) -> None:
            self.now = 0.0
            self.reads = 0

        def __call__(self) -> float:
            self.now += 0.5
            self.reads += 1
            return self.now

    words = [f"word{i}" for i in range(40)]
    fake_groq.reply = " ".join(words)
    clock = Ticking()
    # grounding off: the pacing is measured on the model's own 4 deltas (a checked answer comes
    # a sentence at a time, and this one is a single sentence)
    twin = await make_twin(SLACK_CONFIG + "[grounding]\nenabled = false\n")
    slack = await start_slack(twin, clock=clock)
    await slack.send_event(mention("Tell me everything", ts="100.1"), "Ev1")
    await slack.answered(1)
    updates = slack.api.calls_to("chat.update")
    previews, final = updates[:-1], updates[-1]
    elapsed = clock.now - 0.5  # clock time from the thinking sign to the last streamed piece
    assert 2 <= len(previews) <= elapsed / 1.0
    assert all(p.text.endswith(" …") for p in previews)
    assert final.text == " ".join(words)


async def test_long_answer_continues_in_the_thread_and_survives_msg_too_long(
    make_twin, start_slack, fake_groq
) -> None:
    words = [f"fact{i}" for i in range(1600)]  # about 12,000 characters
    fake_groq.reply = " ".join(words)
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    slack.api.fail_next("chat.update", "msg_too_long")  # Slack refuses the first piece's size
    await slack.send_event(mention("Tell me all your facts", ts="100.1"), "Ev1")
    assert (await slack.answered(1))[0].outcome == "answered"
    thread = slack.api.thread("C1", "100.1")
    assert len(thread) >= 4 and all(len(m.text) <= 3500 for m in thread)
    assert len(thread[0].text) <= 1750  # the refused piece went out in halves
    assert " ".join(m.text for m in thread).split() == words
