"""Listening on a port a setting chose (the dashboard, Slack's HTTP mode, metrics): a port out of
range or a bind that fails becomes one `SetupError` naming the setting to change, never a
traceback and never a restart loop (a port in use stays in use)."""

from __future__ import annotations

import errno

from aiohttp import web

from bot.common import SetupError

MAX_PORT = 65535

_REASONS = {
    errno.EADDRINUSE: "the port is already in use (another twin, or another program)",
    errno.EACCES: "permission denied (ports below 1024 need privileges)",
    errno.EADDRNOTAVAIL: "this machine has no such address",
}


def bind_problem(exc: BaseException) -> str:
    """Why a bind failed, in words (the OS's own words for the rarer cases)."""
    if isinstance(exc, OSError):
        return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return "not a usable port"


async def serve(app: web.Application, host: str, port: int, setting: str) -> web.AppRunner:
    """Serve `app` on host:port until `await runner.cleanup()`; `setting` names what chose the
    port, e.g. "--port" or "[dashboard] port in ./config.toml". Port 0 picks a free port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    if not 0 <= port <= MAX_PORT:
        await runner.cleanup()
        raise SetupError(f"{setting}: {port} is not a port (1-{MAX_PORT})")
    try:
        await web.TCPSite(runner, host, port).start()
    except (OSError, OverflowError) as exc:
        await runner.cleanup()
        raise SetupError(
            f"cannot listen on {host}:{port}: {bind_problem(exc)}; "
            f"choose another port with {setting}"
        ) from None
    return runner
