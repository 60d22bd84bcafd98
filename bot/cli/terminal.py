"""The terminal chat: the simplest adapter, reading lines from stdin without blocking the loop.

Lines come in through the event loop's reader on the stdin file descriptor (a daemon thread
where the loop cannot watch it), never through a worker thread that shutdown would wait for:
Ctrl-C at the prompt ends the chat at once. `/help`, `/new`, `/sources` and `/quit` are handled
here and never reach the twin.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import io
import logging
import os
import re
import sys
import threading
import uuid
from contextlib import AbstractAsyncContextManager
from typing import TextIO

from bot.access import AccessRules
from bot.cli.render_text import answer_footer
from bot.runner import Runner
from core.twin import Twin
from core.types import Answer, Question

log = logging.getLogger(__name__)

COMMANDS = (
    ("/help", "this list"),
    ("/new", "start a new conversation (the twin forgets the earlier turns)"),
    ("/sources", "the profile sections the last answer drew on"),
    ("/quit", "leave (or Ctrl-C, Ctrl-D)"),
)
BANNER = "Chatting with {who}. Type a question; commands: {commands}.\n"
HELP = "\n".join(f"  {name:<9} {what}" for name, what in COMMANDS)
_COMMAND = re.compile(r"^/[a-z]+$", re.I)


def banner(name: str) -> str:
    """The first line of the chat: whose twin, and the commands."""
    who = f"{name}'s twin" if name.strip() else "the twin"
    return BANNER.format(who=who, commands=", ".join(c for c, _ in COMMANDS))


def owner_question(text: str, conversation: str) -> Question:
    """The CLI speaks as the owner: admin, and exempt from per-user and per-channel limits."""
    return Question(
        text=text,
        platform="cli",
        user_id="owner",
        channel_id="cli",
        conversation=conversation,
        is_dm=True,
        is_admin=True,
        is_owner=True,
    )


class TerminalReply:
    """The runner's `Reply` for the terminal: the text as it streams (or whole), then the footer
    line. A terminal that has gone away (`gone`) ends the chat instead of getting an apology."""

    streaming = True

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._streamed = False
        self.posted: list[str] = []  # nothing to note for /twin-why
        self.answer: Answer | None = None
        self.gone: OSError | None = None

    def working(self) -> AbstractAsyncContextManager[object]:
        return contextlib.nullcontext()

    def _write(self, text: str) -> None:
        try:
            self._out.write(text)
            self._out.flush()
        except OSError as exc:  # a closed pipe: end the chat as before (see `chat`)
            self.gone = exc

    async def push(self, delta: str) -> None:
        self._streamed = True
        self._write(delta)

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        self.answer = answer
        self._write(f"{'' if self._streamed else answer.text}\n{answer_footer(answer)}\n")

    async def fail(self, text: str) -> None:
        self._write(f"\n{text}\n")


class LineReader:
    """Lines of a stream as they arrive, without a thread the loop's shutdown waits for."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._buffer = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._fd: int | None = None
        self._loop = asyncio.get_running_loop()
        self.mode = "direct"  # an in-memory stream is read directly
        try:
            fd = stream.fileno()
        except (AttributeError, io.UnsupportedOperation, ValueError):
            return
        try:
            self._loop.add_reader(fd, self._readable)
            self._fd, self.mode = fd, "watched"
        except (NotImplementedError, OSError, ValueError):
            # Windows' loop, or a regular file (which the selector cannot watch): a daemon
            # thread, which neither shutdown nor the interpreter's exit waits for.
            self.mode = "thread"
            threading.Thread(target=self._pump, name="twin-stdin", daemon=True).start()

    def _readable(self) -> None:
        assert self._fd is not None
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._feed(self._decoder.decode(b"", final=True))
            if self._buffer:
                self._lines.put_nowait(self._buffer)
                self._buffer = ""
            self._lines.put_nowait(None)
            self.close()
            return
        self._feed(self._decoder.decode(data))

    def _feed(self, text: str) -> None:
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._lines.put_nowait(line + "\n")

    def _pump(self) -> None:
        while True:
            line = self._stream.readline()
            self._loop.call_soon_threadsafe(self._lines.put_nowait, line or None)
            if not line:
                return

    async def readline(self) -> str | None:
        """The next line, or None at the end of input."""
        if self.mode == "direct":
            return self._stream.readline() or None
        return await self._lines.get()

    def close(self) -> None:
        """Stop watching the file descriptor."""
        if self._fd is not None:
            with contextlib.suppress(Exception):
                self._loop.remove_reader(self._fd)
            self._fd = None


async def chat(
    twin: Twin,
    conversation: str = "cli:chat",
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Talk with the twin until /quit or end of input; answers stream as they arrive."""
    inp, out = stdin or sys.stdin, stdout or sys.stdout
    runner = Runner("cli", twin, twin.config, AccessRules(), log)
    name = twin.profile.name
    out.write(banner(name))
    interactive = inp.isatty()
    reader = LineReader(inp)
    last: Answer | None = None
    try:
        while True:
            if interactive:
                out.write("\nyou> ")
                out.flush()
            line = await reader.readline()
            if line is None:  # Ctrl-D: leave the terminal on a fresh line, not after "you> "
                if interactive:
                    out.write("\n")
                    out.flush()
                break
            text = line.strip()
            if not text:
                continue
            if _COMMAND.match(text):
                command = text.lower()
                if command in ("/quit", "/exit"):
                    break
                if command == "/new":
                    conversation = f"cli:chat:{uuid.uuid4().hex}"
                    out.write("Started a new conversation: the twin forgets the earlier turns.\n")
                elif command == "/sources":
                    out.write(_sources(last))
                elif command == "/help":
                    out.write(f"Commands:\n{HELP}\n")
                else:
                    out.write(f"Unknown command {text}. Commands:\n{HELP}\n")
                out.flush()
                continue
            out.write(f"\n{name.split()[0] if name.strip() else 'twin'}> ")
            out.flush()
            reply = TerminalReply(out)
            await runner.answer(owner_question(line, conversation), reply, channel="cli")
            if reply.gone is not None:
                raise reply.gone
            last = reply.answer or last
    finally:
        reader.close()


def _sources(answer: Answer | None) -> str:
    if answer is None:
        return "No answer yet: ask a question first.\n"
    if not answer.sources:
        return "The last answer drew on no profile section.\n"
    lines = "\n".join(f"  - {title}" for title in answer.sources)
    return f"The last answer drew on:\n{lines}\n"
