"""`twin dashboard` and the dashboard inside `twin run` (when `[dashboard] enabled = true`)."""

from __future__ import annotations

import sys
from collections.abc import Awaitable
from pathlib import Path

from core.twin import Twin


async def dashboard_command(
    twin: Twin, token: str, host: str, port: int, screenshot: Path | None
) -> None:
    """Serve the dashboard alone until Ctrl+C, or save a screenshot of the overview and exit."""
    if screenshot is not None:
        from bot.web.dashboard.screenshot import save_screenshot

        await save_screenshot(twin, token, screenshot)
        print(f"Saved a screenshot of the overview to {screenshot}", file=sys.stderr)
        return
    from bot.web.dashboard.app import serve_dashboard

    print(
        f"Dashboard at http://{host}:{port}/ (log in with TWIN_DASHBOARD_TOKEN). Stop with Ctrl+C.",
        file=sys.stderr,
    )
    await serve_dashboard(twin, token, host, port)


async def with_dashboard(twin: Twin, token: str, work: Awaitable[None]) -> None:
    """Serve the dashboard beside `work` (the platforms of `twin run`) while it runs."""
    from bot.web.dashboard.app import dashboard_app, start_dashboard

    config = twin.config.dashboard
    runner = await start_dashboard(dashboard_app(twin, token), config.host, config.port)
    print(
        f"Dashboard at http://{config.host}:{config.port}/ (log in with TWIN_DASHBOARD_TOKEN)",
        file=sys.stderr,
    )
    try:
        await work
    finally:
        await runner.cleanup()
