"""`twin dashboard --screenshot PATH`: a PNG of a dashboard page, taken by headless Chromium."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from bot.common import SetupError
from bot.listen import serve
from bot.web.dashboard.app import address, dashboard_app, sessions_of
from bot.web.dashboard.auth import SESSION_COOKIE
from bot.web.dashboard.browser import Chromium, find_chromium
from core.twin import Twin


async def take_screenshot(twin: Twin, token: str, page: str = "/", width: int = 1280) -> bytes:
    """Serve the dashboard on a free loopback port, log a browser in, and photograph `page`."""
    executable = find_chromium()
    if executable is None:
        raise SetupError(
            "a screenshot needs Chromium: install it (Debian: apt-get install chromium) "
            "or set TWIN_CHROMIUM to its path."
        )
    app = dashboard_app(twin, token)
    runner = await serve(app, "127.0.0.1", 0, "[dashboard] port")
    profile = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="twin-chromium-"))
    try:
        base = address(runner)
        session = sessions_of(app).create()
        async with Chromium(executable, profile) as browser:
            tab = await browser.new_page(width, 900)
            await tab.set_cookie(SESSION_COOKIE, session.id, base)
            await tab.goto(base + page)
            return await tab.screenshot()
    finally:
        await runner.cleanup()
        await asyncio.to_thread(shutil.rmtree, profile, True)


async def save_screenshot(twin: Twin, token: str, path: Path, page: str = "/") -> None:
    png = await take_screenshot(twin, token, page)
    await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
    await asyncio.to_thread(path.write_bytes, png)
