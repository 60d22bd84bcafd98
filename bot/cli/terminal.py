"""The terminal chat: the simplest adapter, reading lines from stdin without blocking the loop."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.cli.render_text import answer_footer
from core.twin import Twin
from core.types import Question

BANNER = "Chatting with {name}'s twin. Type a question, or /quit to leave.\n"


def owner_question(text: str, conversation: str) -> Question:
    """The CLI speaks as the owner: admin, and exempt from per-user and per-channel limits."""
    return Question(
        text=text,
        platform="cli",
        user_id="owner",
        channel_id="cli",
        conversation=conversation,
        user_name="owner",
        is_dm=True,
        is_admin=True,
        is_owner=True,
    )


async def _read_line(stream: TextIO) -> str | None:
    line = await asyncio.to_thread(stream.readline)
    return line if line else None


async def chat(
    twin: Twin,
    conversation: str = "cli:chat",
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Talk with the twin until /quit or end of input; answers stream as they arrive."""
    inp, out = stdin or sys.stdin, stdout or sys.stdout
    out.write(BANNER.format(name=twin.profile.name))
    interactive = inp.isatty()
    while True:
        if interactive:
            out.write("\nyou> ")
            out.flush()
        line = await _read_line(inp)
        if line is None or line.strip() in ("/quit", "/exit"):
            break
        if not line.strip():
            continue
        out.write(f"\n{twin.profile.name.split()[0] if twin.profile.name else 'twin'}> ")
        out.flush()
        streamed = False

        async def show(delta: str) -> None:
            nonlocal streamed
            streamed = True
            out.write(delta)
            out.flush()

        answer = await twin.answer(owner_question(line, conversation), on_text=show)
        if not streamed:
            out.write(answer.text)
        out.write(f"\n{answer_footer(answer)}\n")
        out.flush()
