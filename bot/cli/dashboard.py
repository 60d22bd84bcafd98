"""`twin dashboard` and the dashboard inside `twin run` (when `[dashboard] enabled = true`)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from core.twin import Twin


async def dashboard_command(
    twin: Twin, token: str, host: str | None, port: int | None, screenshot: Path | None
) -> None:
    """Serve the dashboard alone until Ctrl+C, or save a screenshot of the overview and exit.
    `host` and `port` are the command line's (None: the config's)."""
    if screenshot is not None:
        from bot.web.dashboard.screenshot import save_screenshot

        await save_screenshot(twin, token, screenshot)
        print(f"Saved a screenshot of the overview to {screenshot}", file=sys.stderr)
        return
    await with_dashboard(twin, token, lambda: asyncio.Event().wait(), host=host, port=port)


async def with_dashboard(
    twin: Twin,
    token: str,
    work: Callable[[], Awaitable[object]],
    *,
    host: str | None = None,
    port: int | None = None,
) -> None:
    """Serve the dashboard while `work()` (the platforms of `twin run`, or forever) runs; `work`
    starts only once the dashboard listens. A port that cannot be used names the setting that
    chose it (`--port`, else `[dashboard] port` in the config file)."""
    from bot.listen import serve
    from bot.web.dashboard.app import address, dashboard_app

    config = twin.config.dashboard
    setting = "--port" if port is not None else f"[dashboard] port in {twin.config.path}"
    runner = await serve(
        dashboard_app(twin, token),
        config.host if host is None else host,
        config.port if port is None else port,
        setting,
    )
    print(
        f"Dashboard at {address(runner)}/ (log in with TWIN_DASHBOARD_TOKEN). Stop with Ctrl+C.",
        file=sys.stderr,
        flush=True,
    )
    try:
        await work()
    finally:
        await runner.cleanup()
