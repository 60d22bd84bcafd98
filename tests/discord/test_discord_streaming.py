"""Streaming on Discord: typing first, edits paced by the injected clock, long answers split."""

from __future__ import annotations

from typing import Any

from tests.discord.conftest import TickingClock
from tests.fakes.discord_server import CHANNEL_ID, FakeDiscord
from tests.fakes.groq_server import FakeGroq

REPLY = "I studied computer science and then worked on data pipelines for three years."
# The pacing tests count the model's own deltas: grounding (which releases checked sentences,
# and would hold this reply's "three years") is off for them.
RAW_DELTAS = "[grounding]\nenabled = false\n"


async def test_typing_shows_before_the_first_reply(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord
) -> None:
    harness = await start_discord(await make_twin())
    await harness.ask("What did you study?")
    paths = [(c.method, c.path) for c in discord_fake.calls]
    typing = paths.index(("POST", f"/channels/{CHANNEL_ID}/typing"))
    first_reply = paths.index(("POST", f"/channels/{CHANNEL_ID}/messages"))
    assert typing < first_reply


async def test_a_stream_on_a_still_clock_is_one_reply_and_one_final_edit(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = REPLY  # streamed as 4 deltas
    harness = await start_discord(
        await make_twin(RAW_DELTAS)
    )  # the adapter's FakeClock never moves
    question = await harness.ask("What did you study?")
    posts = discord_fake.sent_messages(CHANNEL_ID)
    assert len(posts) == 1
    assert posts[0].json["content"].endswith(" …")  # shown while still streaming
    assert len(discord_fake.edits(CHANNEL_ID)) == 1  # only the final text
    (answer,) = harness.answer_messages(question)
    text, _, sources = answer["content"].partition("\n-# ")  # the sources line is new (#19)
    assert text == REPLY and sources.startswith("Sources: ")


async def test_edits_come_at_most_once_per_second_of_the_clock(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    fake_groq.reply = REPLY
    twin = await make_twin(RAW_DELTAS)
    every_second = await start_discord(twin, clock=TickingClock(1.0))
    await every_second.ask("What did you study?")
    fast = len(discord_fake.edits())
    await every_second.stop()

    calls_before = len(discord_fake.calls)
    half_second = await start_discord(twin, clock=TickingClock(0.5))
    await half_second.ask("Where did you work?")
    slow = len([c for c in discord_fake.calls[calls_before:] if c.method == "PATCH"])

    # 4 deltas: a clock read per delta; at 1 s per read every later delta may edit (3 + final),
    # at 0.5 s per read only every other one (1 + final)
    assert fast == 4
    assert slow == 2


async def test_a_long_answer_arrives_split_with_code_fences_balanced(
    make_twin: Any, start_discord: Any, discord_fake: FakeDiscord, fake_groq: FakeGroq
) -> None:
    paragraph = "I built a data pipeline that moves events between services. " * 12
    code = (
        "```python\n" + "\n".join(f"step_{i} = run(step_{i - 1})" for i in range(1, 120)) + "\n```"
    )
    fake_groq.reply = f"{paragraph}\n\n{code}\n\n{paragraph}\n\n{paragraph}"
    assert len(fake_groq.reply) > 4000
    harness = await start_discord(await make_twin())
    question = await harness.ask("Show me your pipeline code")

    pieces = [m["content"] for m in harness.answer_messages(question)]
    assert len(pieces) >= 3
    for piece in pieces:
        assert len(piece) <= 2000
        assert piece.count("```") % 2 == 0
    for call in discord_fake.sent_messages() + discord_fake.edits():
        assert len(call.json["content"]) <= 2000
    shown = "".join(pieces)
    for i in range(1, 120):
        assert f"step_{i} = run(step_{i - 1})" in shown
    assert shown.count("I built a data pipeline") == 36
