"""Grounding on Slack (slack-bolt against the fake Web API, the groq SDK against the fake Groq
told to invent): no invented claim is in any request Slack receives, previews and native
streams included; a grounded answer arrives unchanged."""

from __future__ import annotations

import json

from tests.core.test_grounding_twin import ALL_FOUR, GROUNDED, INVENTED_TERMS, LINE, QUESTION
from tests.slack.conftest import SLACK_CONFIG, mention


class Ticking:
    """A clock that moves a second each read: every streamed piece may update the message."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def sent_to_slack(api: object) -> str:
    return json.dumps([c.args for c in api.calls], ensure_ascii=False)  # type: ignore[attr-defined]


async def test_no_invented_claim_reaches_slack_in_previews_or_the_answer(
    make_twin, start_slack, fake_groq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    slack = await start_slack(await make_twin(SLACK_CONFIG), clock=Ticking())
    await slack.send_event(mention(QUESTION, ts="100.1"), "Ev1")
    assert (await slack.answered(1))[0].outcome == "answered"
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.text == f"{GROUNDED} {LINE}"
    assert len(slack.api.calls_to("chat.update")) >= 2  # previews were shown while streaming
    everything = sent_to_slack(slack.api)
    for term in INVENTED_TERMS:
        assert term not in everything


async def test_no_invented_claim_reaches_a_native_slack_stream(
    make_twin, start_slack, fake_groq, slack_api
) -> None:
    slack_api.streaming = True
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention(QUESTION, ts="100.1"), "Ev1")
    await slack.answered(1)
    assert slack.api.calls_to("chat.startStream")
    [message] = slack.api.thread("C1", "100.1")
    assert message.text == f"{GROUNDED} {LINE}"
    everything = sent_to_slack(slack.api)
    for term in INVENTED_TERMS:
        assert term not in everything


async def test_a_grounded_answer_reaches_slack_unchanged(make_twin, start_slack, fake_groq) -> None:
    fake_groq.reply = GROUNDED
    slack = await start_slack(await make_twin(SLACK_CONFIG))
    await slack.send_event(mention(QUESTION, ts="100.1"), "Ev1")
    await slack.answered(1)
    [reply] = slack.api.thread("C1", "100.1")
    assert reply.text == GROUNDED
