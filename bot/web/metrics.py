"""Serves the twin's Prometheus metrics at /metrics (off unless [metrics] enabled = true)."""

from __future__ import annotations

from aiohttp import web

from bot.listen import serve
from core.twin import Twin

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def metrics_app(twin: Twin) -> web.Application:
    async def handle(_: web.Request) -> web.Response:
        body = twin.metrics_text()
        return web.Response(body=body.encode(), headers={"Content-Type": CONTENT_TYPE})

    app = web.Application()
    app.router.add_get("/metrics", handle)
    return app


async def start_metrics(
    twin: Twin, host: str, port: int, setting: str = "[metrics] port"
) -> web.AppRunner:
    """Start the endpoint; the caller stops it with `await runner.cleanup()`. A port that
    cannot be used is a `SetupError` naming `setting`."""
    return await serve(metrics_app(twin), host, port, setting)
