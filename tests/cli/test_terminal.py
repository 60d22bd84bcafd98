"""The terminal chat: Ctrl-C through a real pseudo-terminal, chat commands through a pipe."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.fakes.groq_server import FakeGroq

TWIN = Path(sys.executable).with_name("twin")
COMMAND = [str(TWIN)] if TWIN.exists() else [sys.executable, "-m", "bot.cli"]


def _read_until(fd: int, wanted: bytes, deadline: float) -> bytes:
    """Output of the pty until `wanted` appears (or the child closes it, or time is up)."""
    seen = b""
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


def _wait_exit(pid: int, deadline: float) -> int | None:
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        select.select([], [], [], 0.05)  # a short wait on nothing: no busy loop
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_ctrl_c_at_the_prompt_ends_the_chat_at_once_without_enter(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    env = base_env(None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the chat on the pty as its controlling terminal
        os.execve(COMMAND[0], [*COMMAND, "chat", "--config", str(config)], env)
    code: int | None = None
    try:
        shown = _read_until(fd, b"you> ", time.monotonic() + 60)
        assert b"you> " in shown, shown.decode(errors="replace")
        os.write(fd, b"\x03")  # Ctrl-C, and no Enter after it
        code = _wait_exit(pid, time.monotonic() + 10)
        rest = _read_until(fd, b"\x00never", time.monotonic() + 1)
        assert code is not None, "the chat did not end on Ctrl-C"
        assert code in (130, -signal.SIGINT)
        assert b"Traceback" not in shown + rest
    finally:
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


async def test_chat_commands_are_answered_locally_and_never_reach_the_twin(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, "[llm]\ncheck_models_at_start = false\n")
    script = "Where did you study?\n/sources\n/help\n/new\nWhat are your skills?\n/bogus\n/quit\n"
    code, out, err = await run_twin(
        "chat", "--config", str(config), env=base_env(fake_groq), stdin=script.encode()
    )
    assert code == 0, err
    banner = out.splitlines()[0]
    assert all(command in banner for command in ("/help", "/new", "/sources", "/quit"))
    assert "The last answer drew on:" in out and "Education" in out  # /sources
    assert out.count("Commands:") == 2  # /help and the unknown /bogus
    asked = [m["content"] for r in fake_groq.requests for m in r["messages"] if m["role"] == "user"]
    assert not any("/" in text.split("\n")[1] for text in asked if "\n" in text)
    assert len(fake_groq.requests) == 2
    last = [m["content"] for m in fake_groq.requests[-1]["messages"]]
    assert not any("Where did you study?" in text for text in last)  # /new forgot it
    code, gaps, _ = await run_twin("gaps", "--json", "--config", str(config), env=base_env(None))
    assert code == 0 and json.loads(gaps)["total"] == 0


async def test_a_profile_without_a_name_gets_a_neutral_banner(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"documents": [{"content": "I grow tomatoes."}]}))
    config = write_config(tmp_path, profile=profile)
    code, out, err = await run_twin("chat", "--config", str(config), env=base_env(None))
    assert code == 0, err
    assert out.startswith("Chatting with the twin.") and "'s twin" not in out
    assert "[persona] name" in err  # the start-up note says how to name it


async def test_chat_reads_a_regular_file_on_stdin_to_its_end(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    questions = tmp_path / "in.txt"
    questions.write_text("Where did you study?\n/help\nWhat are your skills?")  # no last newline
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        "chat",
        "--config",
        str(config),
        stdin=questions.open("rb"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=base_env(None),
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    assert "Sheffield" in out.decode() and "Commands:" in out.decode()
    assert out.decode().count("(degraded") == 2  # both questions, the last without a newline


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_ctrl_d_at_the_prompt_leaves_the_terminal_on_a_fresh_line(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(COMMAND[0], [*COMMAND, "chat", "--config", str(config)], base_env(None))
    code: int | None = None
    try:
        shown = _read_until(fd, b"you> ", time.monotonic() + 60)
        assert b"you> " in shown, shown.decode(errors="replace")
        os.write(fd, b"\x04")  # Ctrl-D on an empty line: end of input
        code = _wait_exit(pid, time.monotonic() + 10)
        rest = _read_until(fd, b"\x00never", time.monotonic() + 1)
        assert code == 0
        after_prompt = (shown + rest).rsplit(b"you> ", 1)[1]
        assert after_prompt.replace(b"^D", b"").startswith((b"\r\n", b"\n")), after_prompt
    finally:
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
