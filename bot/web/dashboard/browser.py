"""A small headless-Chromium driver over the DevTools protocol (aiohttp websocket, no extra
library): the screenshot command and the browser test use it.

Chromium is started with `--remote-debugging-port=0`; the websocket address it prints on stderr
is read, and each page is a flattened target session. Console errors, uncaught exceptions and
browser log errors (CSP violations, failed loads) are collected per page.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import re
import shutil
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")
START_TIMEOUT_S = 30.0
CALL_TIMEOUT_S = 30.0


class BrowserError(Exception):
    """Chromium could not be started or did not answer."""


def find_chromium() -> str | None:
    """The Chromium executable: $TWIN_CHROMIUM, else the first of CANDIDATES on PATH."""
    chosen = os.environ.get("TWIN_CHROMIUM")
    if chosen:
        return chosen if shutil.which(chosen) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One headless browser; `async with Chromium(exe, profile_dir) as browser`."""

    def __init__(self, executable: str, profile_dir: Path) -> None:
        self._exe = executable
        self._profile = profile_dir
        self._proc: asyncio.subprocess.Process | None = None
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._pages: dict[str, Page] = {}
        self._tasks: list[asyncio.Task[None]] = []

    async def __aenter__(self) -> Chromium:
        self._proc = await asyncio.create_subprocess_exec(
            self._exe,
            *FLAGS,
            f"--user-data-dir={self._profile}",
            "about:blank",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            url = await asyncio.wait_for(self._devtools_url(), START_TIMEOUT_S)
            self._http = aiohttp.ClientSession()
            self._ws = await self._http.ws_connect(url, max_msg_size=0)
        except BaseException:
            await self._stop()
            raise
        self._tasks.append(asyncio.create_task(self._read()))
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._ws is not None and not self._ws.closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send("Browser.close"), 5)
        await self._stop()

    async def _devtools_url(self) -> str:
        assert self._proc is not None and self._proc.stderr is not None
        seen: list[str] = []
        while True:
            line = await self._proc.stderr.readline()
            if not line:
                tail = " / ".join(seen[-3:])
                raise BrowserError(f"Chromium exited before it listened ({tail or 'no output'})")
            text = line.decode(errors="replace").strip()
            seen.append(text)
            found = _LISTENING.search(text)
            if found:
                self._tasks.append(asyncio.create_task(self._drain()))
                return found.group(1)

    async def _drain(self) -> None:
        """Keep reading Chromium's stderr so it never blocks on a full pipe."""
        assert self._proc is not None and self._proc.stderr is not None
        while await self._proc.stderr.readline():
            pass

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            payload: dict[str, Any] = message.json()
            waiter = self._waiting.pop(payload.get("id", -1), None)
            if waiter is not None:
                if not waiter.done():
                    waiter.set_result(payload)
                continue
            page = self._pages.get(payload.get("sessionId", ""))
            if page is not None:
                page.on_event(payload.get("method", ""), payload.get("params", {}))
        for waiter in self._waiting.values():
            if not waiter.done():
                waiter.set_exception(BrowserError("Chromium closed the DevTools connection"))

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session_id: str | None = None
    ) -> dict[str, Any]:
        """One DevTools command; its result, or BrowserError with the protocol's message."""
        assert self._ws is not None
        call_id = next(self._ids)
        message: dict[str, Any] = {"id": call_id, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[call_id] = waiter
        await self._ws.send_json(message)
        reply = await asyncio.wait_for(waiter, CALL_TIMEOUT_S)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message', reply['error'])}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def new_page(self, width: int = 1280, height: int = 900) -> Page:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        page = Page(self, attached["sessionId"])
        self._pages[page.session_id] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            await page.call(f"{domain}.enable")
        await page.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        return page

    async def _stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._http is not None:
            await self._http.close()
        proc = self._proc
        if proc is not None and proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


class Page:
    """One tab: navigate, evaluate, screenshot; `errors` collects what the console reported."""

    def __init__(self, browser: Chromium, session_id: str) -> None:
        self._browser = browser
        self.session_id = session_id
        self.errors: list[str] = []
        self._loaded = asyncio.Event()

    def on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Page.loadEventFired":
            self._loaded.set()
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            self.errors.append(" ".join(args))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exc = details.get("exception", {})
            self.errors.append(str(exc.get("description") or details.get("text", "exception")))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())

    async def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self._browser.send(method, params, self.session_id)

    async def set_cookie(self, name: str, value: str, url: str) -> None:
        """A session cookie as the dashboard sets it (HttpOnly, SameSite=Strict)."""
        await self.call(
            "Network.setCookie",
            {"name": name, "value": value, "url": url, "httpOnly": True, "sameSite": "Strict"},
        )

    async def goto(self, url: str) -> None:
        """Open `url` and wait for its load event."""
        self._loaded.clear()
        result = await self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"could not open {url}: {result['errorText']}")
        await asyncio.wait_for(self._loaded.wait(), CALL_TIMEOUT_S)

    async def navigate_by(self, expression: str) -> None:
        """Run a script that navigates (a form submit, a link click) and wait for the load."""
        self._loaded.clear()
        await self.evaluate(expression)
        await asyncio.wait_for(self._loaded.wait(), CALL_TIMEOUT_S)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = await self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    async def screenshot(self, *, full_page: bool = True) -> bytes:
        """A PNG of the page (the whole page's height with `full_page`)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = await self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        shot = await self.call("Page.captureScreenshot", params)
        return base64.b64decode(shot["data"])
