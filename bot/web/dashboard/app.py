"""The dashboard's aiohttp application: routes, the login gate, and serving it."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.cli.gaps import owner_decision
from bot.web.dashboard import data
from bot.web.dashboard.actions import DASHBOARD_OWNER, GAP_ACTIONS, STATUS_CODES, Flashes, Refusal
from bot.web.dashboard.assets import STATIC
from bot.web.dashboard.auth import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    LoginLimiter,
    Session,
    Sessions,
    same_secret,
)
from bot.web.dashboard.layout import login_page, shell
from bot.web.dashboard.pages import alerts_page, models_page, overview_page
from bot.web.dashboard.questions import questions_page
from bot.web.dashboard.security import add_security_headers, same_origin
from bot.web.dashboard.visibility import Viewer
from core.clock import Clock, WallClock, monotonic, utc_now
from core.limits.guard import in_words
from core.owner.learned import MAX_ANSWER_CHARS
from core.twin import Twin

log = logging.getLogger(__name__)

OWNER = Viewer("owner")
PUBLIC = ("/login", "/static/")
# A form may carry an owner's answer well past its limit (10,000 emoji are 120 kB
# percent-encoded), so that the desk says "too long" and keeps the text, not aiohttp a bare 413.
MAX_BODY = 256 * 1024
TOO_LARGE = (
    f"That form is over {MAX_BODY // 1024} kB, far past the {MAX_ANSWER_CHARS:,} characters an "
    "answer may have: nothing was saved. Go back (your browser still has the text) and shorten it."
)


@dataclass(frozen=True)
class Dashboard:
    """What every handler needs."""

    twin: Twin
    token: str
    sessions: Sessions
    limiter: LoginLimiter
    wall: WallClock
    flashes: Flashes


DASHBOARD = web.AppKey("dashboard", Dashboard)
Render = Callable[[Dashboard, web.Request, Session], Awaitable[str]]
Handler = Callable[[web.Request], Awaitable[web.Response]]


def _state(request: web.Request) -> Dashboard:
    return request.app[DASHBOARD]


def _session(request: web.Request) -> Session:
    """The request's live session (the login gate let it through)."""
    session = _state(request).sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise web.HTTPUnauthorized(text="Log in again: the session ended.")
    return session


@web.middleware
async def login_gate(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Pages need a live session; posted forms also need its CSRF token and our origin."""
    if request.path.startswith(PUBLIC):
        return await handler(request)
    session = _state(request).sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        if request.method == "GET" and "partial" not in request.query:
            raise web.HTTPSeeOther("/login")
        raise web.HTTPUnauthorized(text="Log in again: the session ended.")
    if request.method == "POST":
        try:
            form = await request.post()
        except web.HTTPRequestEntityTooLarge:
            raise web.HTTPRequestEntityTooLarge(
                max_size=MAX_BODY, actual_size=request.content_length or 0, text=TOO_LARGE
            ) from None
        given = form.get("csrf")
        if not (isinstance(given, str) and same_secret(given, session.csrf)):
            raise web.HTTPForbidden(text="This form is out of date: reload the page and try again.")
        if not same_origin(request):
            raise web.HTTPForbidden(text="Forms are accepted from the dashboard's own pages only.")
    return await handler(request)


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def _full(state: Dashboard, session: Session, name: str, title: str, main: str) -> str:
    """A whole page around `main` (the live part)."""
    twin = state.twin
    return shell(
        page=name,
        title=title,
        owner=twin.profile.name,
        csrf=session.csrf,
        refresh_s=twin.config.dashboard.refresh_s,
        main=main,
    )


def _page(name: str, title: str, render: Render) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        state, session = _state(request), _session(request)
        main = await render(state, request, session)
        if "partial" in request.query:
            return _html(main)
        return _html(_full(state, session, name, title, main))

    return handle


async def _overview(state: Dashboard, _: web.Request, __: Session) -> str:
    return overview_page(await data.overview(state.twin), state.twin.config, state.wall())


async def _models(state: Dashboard, _: web.Request, __: Session) -> str:
    return models_page(await data.models(state.twin), state.wall())


async def _questions(state: Dashboard, request: web.Request, session: Session) -> str:
    flash = "" if "partial" in request.query else state.flashes.take(session.id)
    return await _questions_main(state, session, flash)


async def _questions_main(
    state: Dashboard, session: Session, flash: str = "", refusal: Refusal | None = None
) -> str:
    found = await data.questions(state.twin)
    config, now = state.twin.config, state.wall()
    return questions_page(found, config, OWNER, session.csrf, flash, now, refusal)


async def _alerts(state: Dashboard, _: web.Request, __: Session) -> str:
    return alerts_page(await data.alerts(state.twin), state.wall())


async def _gap_action(request: web.Request) -> web.Response:
    """Answer / Keep private / Ignore one gap group. Done: back to the Questions page with
    the outcome (post/redirect/get). Refused: the page again, the reason shown and the owner's
    text kept in its form."""
    state, session = _state(request), _session(request)
    form = await request.post()
    name, group, text = form.get("action"), form.get("group"), form.get("text", "")
    action = GAP_ACTIONS.get(name) if isinstance(name, str) else None
    if action is None or not isinstance(group, str) or not group.isdigit():
        raise web.HTTPBadRequest(
            text=f"Unknown action or gap group; actions: {', '.join(GAP_ACTIONS)}."
        )
    words = text if isinstance(text, str) and action.takes_text else ""
    outcome = await owner_decision(state.twin, str(name), int(group), DASHBOARD_OWNER, words)
    if outcome.ok:
        state.flashes.put(session.id, outcome.message)
        raise web.HTTPSeeOther("/questions")
    log.info("dashboard: %s on gap %s refused (%s)", name, group, outcome.status)
    refusal = Refusal(int(group), str(name), outcome.message, outcome.kept_text or words)
    main = await _questions_main(state, session, refusal=refusal)
    page = _full(state, session, "questions", "Questions", main)
    return _html(page, STATUS_CODES.get(outcome.status, 409))


def _set_cookie(
    request: web.Request, response: web.StreamResponse, name: str, value: str, max_age: int
) -> None:
    """A cookie only this dashboard's pages send back, never readable by a script."""
    secure = _state(request).twin.config.dashboard.secure_cookie
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="Strict", secure=secure, path="/"
    )


def _login_form(request: web.Request, message: str = "", status: int = 200) -> web.Response:
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = _html(login_page(nonce=nonce, message=message), status)
    _set_cookie(request, response, LOGIN_COOKIE, nonce, 3600)
    return response


async def _login_get(request: web.Request) -> web.Response:
    if _state(request).sessions.get(request.cookies.get(SESSION_COOKIE)):
        raise web.HTTPSeeOther("/")
    return _login_form(request)


async def _login_post(request: web.Request) -> web.Response:
    state = _state(request)
    form = await request.post()
    nonce, given = form.get("csrf"), form.get("token")
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not (isinstance(nonce, str) and cookie and same_secret(nonce, cookie)):
        return _login_form(request, "The login form expired: please try again.", 403)
    if not same_origin(request):
        return _login_form(request, "Log in from the dashboard's own page.", 403)
    client = request.remote or "unknown"
    wait = state.limiter.retry_after(client)
    if wait > 0:
        response = _login_form(
            request, f"Too many failed logins: try again in {in_words(wait)}.", 429
        )
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    if not (isinstance(given, str) and same_secret(given, state.token)):
        state.limiter.failed(client)
        log.warning("dashboard: failed login from %s", client)
        return _login_form(request, "That token is not right.", 401)
    session = state.sessions.create()
    response = web.HTTPSeeOther("/")
    _set_cookie(request, response, SESSION_COOKIE, session.id, int(state.sessions.lifetime_s))
    response.del_cookie(LOGIN_COOKIE, path="/")
    raise response


async def _logout(request: web.Request) -> web.Response:
    _state(request).sessions.end(request.cookies.get(SESSION_COOKIE))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


async def _static(request: web.Request) -> web.Response:
    found = STATIC.get(request.match_info["name"])
    if found is None:
        raise web.HTTPNotFound()
    content_type, body = found
    return web.Response(text=body, content_type=content_type, charset="utf-8")


def dashboard_app(
    twin: Twin, token: str, *, clock: Clock = monotonic, wall: WallClock = utc_now
) -> web.Application:
    """The dashboard for `twin`, logged into with `token` (see `auth.dashboard_token`)."""
    config = twin.config.dashboard
    app = web.Application(middlewares=[login_gate], client_max_size=MAX_BODY)
    app[DASHBOARD] = Dashboard(
        twin=twin,
        token=token,
        sessions=Sessions(config.session_hours * 3600.0, clock),
        limiter=LoginLimiter(config.login_attempts, clock),
        wall=wall,
        flashes=Flashes(),
    )
    app.on_response_prepare.append(add_security_headers)
    app.router.add_get("/", _page("overview", "Overview", _overview))
    app.router.add_get("/models", _page("models", "Models", _models))
    app.router.add_get("/questions", _page("questions", "Questions", _questions))
    app.router.add_get("/alerts", _page("alerts", "Alerts", _alerts))
    app.router.add_post("/questions/action", _gap_action)
    app.router.add_get("/login", _login_get)
    app.router.add_post("/login", _login_post)
    app.router.add_post("/logout", _logout)
    app.router.add_get("/static/{name}", _static)
    return app


def sessions_of(app: web.Application) -> Sessions:
    """The app's sessions: the screenshot command logs its browser in with one."""
    return app[DASHBOARD].sessions


def address(runner: web.AppRunner) -> str:
    """The base URL the runner listens on (its real port when started on port 0)."""
    host, port = runner.addresses[0][:2]
    return f"http://{host}:{port}"
