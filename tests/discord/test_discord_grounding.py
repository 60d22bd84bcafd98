"""Grounding on Discord (discord.py against the fake Discord, the groq SDK against the fake
Groq told to invent): no invented claim is in any message or edit; a grounded answer arrives
unchanged."""

from __future__ import annotations

import json
from typing import Any

from tests.core.test_grounding_twin import ALL_FOUR, GROUNDED, INVENTED_TERMS, LINE, QUESTION
from tests.discord.conftest import TickingClock
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.groq_server import FakeGroq


def answer_text(harness: Any, question: Any) -> str:
    text = "".join(m["content"] for m in harness.answer_messages(question))
    return text.partition("\n-# ")[0]  # without the sources line


async def test_no_invented_claim_reaches_discord_in_any_message_or_edit(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    fake_groq.invent(*ALL_FOUR)
    harness = await start_discord(await make_twin(), clock=TickingClock(1.0))
    question = await harness.ask(QUESTION)
    assert answer_text(harness, question) == f"{GROUNDED} {LINE}"
    assert discord_fake.edits()  # it streamed: edits were made while the answer grew
    everything = json.dumps([c.json for c in discord_fake.calls], ensure_ascii=False)
    for term in INVENTED_TERMS:
        assert term not in everything


async def test_a_grounded_answer_reaches_discord_unchanged(
    make_twin: Any, start_discord: Any, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = GROUNDED
    harness = await start_discord(await make_twin(), clock=TickingClock(1.0))
    question = await harness.ask(QUESTION)
    assert answer_text(harness, question) == GROUNDED
