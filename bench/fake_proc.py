"""FakeGroq in its own process, scripted over loopback HTTP: the benchmark's model server.

The fake runs apart from the code being measured so that its request handling does not share
the measured event loop or its CPU time (the real Groq is on another machine). Every contender
(bare client, twin, LiteLLM) talks to this one fake process, each from its own process.

Child: `python -m bench.fake_proc` starts `tests.fakes.groq_server.FakeGroq` (a fixed small reply
and fixed usage, no faults) plus a control server, and prints `READY <groq_url> <control_url>`.
Control (any process can call it with `FakeControl`): `POST /fail?model=M&status=503` (every
chat call to M meets that status until cleared), `POST /clear`, `GET /count?model=M` (chat
requests that named M since the last reset), `POST /reset` (forget the request log, so a long run
does not grow it), `POST /quit`.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys

import httpx
from aiohttp import web

from tests.fakes.groq_server import FakeGroq, Fault

# A reply the profile supports (profiles/example.json), so the twin's grounding shows it as written:
# a reply naming facts the profile lacks is held back, a path a healthy model seldom takes.
REPLY = "I studied Mathematics with Computer Science at the University of Sheffield."
USAGE = (600, 40)  # fixed (prompt, completion) tokens per answer
MODELS = ("openai/gpt-oss-20b", "openai/gpt-oss-120b")


class FakeControl:
    """Scripts a running fake through its control URL."""

    def __init__(self, control_url: str) -> None:
        self.control_url = control_url

    async def _call(self, method: str, path: str, **params: str) -> str:
        async with httpx.AsyncClient(base_url=self.control_url, timeout=10) as client:
            response = await client.request(method, path, params=params)
            response.raise_for_status()
            return response.text

    async def fail(self, model: str, status: int = 503) -> None:
        """Every chat call to `model` answers `status` with Groq's 5xx body, until `clear`."""
        await self._call("POST", "/fail", model=model, status=str(status))

    async def clear(self) -> None:
        await self._call("POST", "/clear")

    async def reset(self) -> None:
        await self._call("POST", "/reset")

    async def calls_to(self, model: str) -> int:
        return int(await self._call("GET", "/count", model=model))


class FakeGroqProcess(FakeControl):
    """Parent side: start the child, script it, stop it. An async context manager."""

    def __init__(self) -> None:
        super().__init__("")
        self.base_url = ""
        self._proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> FakeGroqProcess:
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.fake_proc", stdout=asyncio.subprocess.PIPE
        )
        assert self._proc.stdout is not None
        line = (await asyncio.wait_for(self._proc.stdout.readline(), 30)).decode().split()
        if len(line) != 3 or line[0] != "READY":
            raise RuntimeError(f"the fake Groq process did not start: {line!r}")
        self.base_url, self.control_url = line[1], line[2]
        return self

    async def __aexit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(Exception):
            await self._call("POST", "/quit")
        try:
            await asyncio.wait_for(proc.wait(), 5)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid


def _control_app(fake: FakeGroq, done: asyncio.Event) -> web.Application:
    async def fail(request: web.Request) -> web.Response:
        status = int(request.query.get("status", "503"))
        fake.fail(request.query["model"], Fault.server_error(status))
        return web.Response(text="ok")

    async def clear(request: web.Request) -> web.Response:
        fake.clear_faults()
        return web.Response(text="ok")

    async def reset(request: web.Request) -> web.Response:
        fake.requests.clear()
        fake.log.clear()
        return web.Response(text="ok")

    async def count(request: web.Request) -> web.Response:
        return web.Response(text=str(fake.calls_to(request.query["model"])))

    async def quit_(request: web.Request) -> web.Response:
        done.set()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/fail", fail)
    app.router.add_post("/clear", clear)
    app.router.add_post("/reset", reset)
    app.router.add_get("/count", count)
    app.router.add_post("/quit", quit_)
    return app


async def _serve() -> None:
    done = asyncio.Event()
    async with FakeGroq(reply=REPLY, models=MODELS) as fake:
        fake.usage = USAGE
        runner = web.AppRunner(_control_app(fake, done), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        control = f"http://127.0.0.1:{runner.addresses[0][1]}"
        print(f"READY {fake.base_url} {control}", flush=True)
        try:
            await done.wait()
            await asyncio.sleep(0.05)  # let the /quit answer go out
        finally:
            await runner.cleanup()


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve())


if __name__ == "__main__":
    main()
