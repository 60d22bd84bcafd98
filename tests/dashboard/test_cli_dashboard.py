"""`twin dashboard` and `twin run` with the dashboard, as real processes."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from bot.web.dashboard.browser import find_chromium
from core.config import DEFAULT_NO_ANSWER
from core.types import Question
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import MakeTwin, write_config
from tests.dashboard.conftest import NO_CHROMIUM, TOKEN
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import RecordingOutlet, owner_section, profile_copy

NO_MODELS = "[llm]\ncheck_models_at_start = false\n"


async def test_dashboard_without_the_token_refuses_to_start(tmp_path: Path) -> None:
    config = write_config(tmp_path, NO_MODELS)
    code, _, err = await run_twin("dashboard", "--config", str(config), env=base_env(None))
    assert code == 2
    assert "TWIN_DASHBOARD_TOKEN" in err and "Traceback" not in err


async def test_run_with_the_dashboard_enabled_needs_the_token(tmp_path: Path) -> None:
    config = write_config(tmp_path, NO_MODELS + "[dashboard]\nenabled = true\n")
    code, _, err = await run_twin("run", "--config", str(config), env=base_env(None))
    assert code == 2
    assert "TWIN_DASHBOARD_TOKEN" in err


@asynccontextmanager
async def standalone(config: Path, fake_groq: FakeGroq) -> AsyncIterator[str]:
    """`twin dashboard --port 0` as a real process; yields its base URL, then Ctrl+C."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "dashboard",
        "--port",
        "0",
        "--config",
        str(config),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env=base_env(fake_groq, TWIN_DASHBOARD_TOKEN=TOKEN),
    )
    assert proc.stderr is not None
    try:
        line = ""
        while "Dashboard at" not in line:
            raw = await asyncio.wait_for(proc.stderr.readline(), 60)
            assert raw, "the dashboard exited before it listened"
            line = raw.decode()
        found = re.search(r"(http://\S+)/ ", line)
        assert found is not None, line
        yield found.group(1)
    finally:
        proc.send_signal(signal.SIGINT)
        await asyncio.wait_for(proc.wait(), 30)
    assert proc.returncode == 130


async def test_dashboard_serves_until_interrupted(tmp_path: Path, fake_groq: FakeGroq) -> None:
    config = write_config(tmp_path, NO_MODELS)
    async with standalone(config, fake_groq) as base, aiohttp.ClientSession() as http:
        async with http.get(base + "/login") as resp:
            assert resp.status == 200
            assert "Dashboard token" in await resp.text()
        async with http.get(base + "/", allow_redirects=False) as resp:
            assert resp.status == 303


def form_value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


async def test_an_answer_in_a_standalone_dashboard_reaches_the_asker_through_twin_run(
    tmp_path: Path, fake_groq: FakeGroq, make_twin: MakeTwin
) -> None:
    fake_groq.reply = DEFAULT_NO_ANSWER
    running = await make_twin(owner_section(slack="UOWNER"), profile=profile_copy(tmp_path))
    await running.answer(Question("Do you have pets?", "slack", "U1", "C1", "c", reply_to="1.5"))
    group = (await running.gaps_report()).groups[0]
    answer = "Yes - a border collie called Pip."
    jar = aiohttp.CookieJar(unsafe=True)  # the dashboard's cookies on 127.0.0.1
    config = tmp_path / "config.toml"  # the running twin's own config and database
    async with (
        standalone(config, fake_groq) as base,
        aiohttp.ClientSession(base, cookie_jar=jar) as http,
    ):
        async with http.get("/login") as resp:
            nonce = form_value(await resp.text(), "csrf")
        login = {"csrf": nonce, "token": TOKEN}
        async with http.post("/login", data=login, allow_redirects=False) as resp:
            assert resp.status == 303
        async with http.get("/questions") as resp:
            page = await resp.text()
            assert f"<td>#{group.id}</td>" in page
        form = {"csrf": form_value(page, "csrf"), "action": "answer", "group": str(group.id)}
        async with http.post("/questions/action", data={**form, "text": answer}) as resp:
            assert resp.status == 200 and resp.url.path == "/questions"  # after the redirect
            assert "1 more will get it as soon as the twin runs" in await resp.text()
    assert answer in (tmp_path / "maya.learned.md").read_text()
    outlet = RecordingOutlet()
    running.owner.subscribe(outlet)
    await running.live.tick()  # `twin run`'s next tick
    assert [(r.user_id, r.reply_to, r.text) for r in outlet.replies] == [("U1", "1.5", answer)]


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
async def test_dashboard_screenshot_saves_a_png(tmp_path: Path, fake_groq: FakeGroq) -> None:
    config = write_config(tmp_path, NO_MODELS)
    png = tmp_path / "docs" / "dashboard.png"
    code, _, err = await run_twin(
        "dashboard",
        "--screenshot",
        str(png),
        "--config",
        str(config),
        env=base_env(fake_groq, TWIN_DASHBOARD_TOKEN=TOKEN),
    )
    assert code == 0, err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_run_serves_the_dashboard_beside_the_terminal_chat(
    tmp_path: Path, fake_groq: FakeGroq
) -> None:
    config = write_config(tmp_path, NO_MODELS + "[dashboard]\nenabled = true\nport = 0\n")
    code, _, err = await run_twin(
        "run",
        "--config",
        str(config),
        env=base_env(fake_groq, TWIN_DASHBOARD_TOKEN=TOKEN),
        stdin=b"",  # the chat ends at end of input, and the dashboard with it
    )
    assert code == 0, err
    assert re.search(r"Dashboard at http://127\.0\.0\.1:\d+/", err), err
