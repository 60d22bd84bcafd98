"""`twin dashboard` and `twin run` with the dashboard, as real processes."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.web.dashboard.browser import find_chromium
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config
from tests.dashboard.conftest import TOKEN
from tests.fakes.groq_server import FakeGroq

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


async def test_dashboard_serves_until_interrupted(tmp_path: Path, fake_groq: FakeGroq) -> None:
    config = write_config(tmp_path, NO_MODELS)
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
        async with aiohttp.ClientSession() as http:
            async with http.get(found.group(1) + "/login") as resp:
                assert resp.status == 200
                assert "Dashboard token" in await resp.text()
            async with http.get(found.group(1) + "/", allow_redirects=False) as resp:
                assert resp.status == 303
    finally:
        proc.send_signal(signal.SIGINT)
        await asyncio.wait_for(proc.wait(), 30)
    assert proc.returncode == 130


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium on this machine")
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
