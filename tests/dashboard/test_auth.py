"""Dashboard login through aiohttp's test client: no token, wrong token, expiry, CSRF, limits."""

from __future__ import annotations

import pytest

from bot.common import SetupError
from bot.web.dashboard.auth import LOGIN_COOKIE, SESSION_COOKIE, TOKEN_ENV, dashboard_token
from bot.web.dashboard.security import HEADERS
from tests.dashboard.conftest import TOKEN, MakeDash


def test_without_the_token_the_dashboard_refuses_and_says_why() -> None:
    with pytest.raises(SetupError, match=TOKEN_ENV):
        dashboard_token({})
    with pytest.raises(SetupError, match="at least 16 characters"):
        dashboard_token({TOKEN_ENV: "short"})
    assert dashboard_token({TOKEN_ENV: TOKEN}) == TOKEN


async def test_pages_need_a_login(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    for path in ("/", "/models", "/questions", "/alerts"):
        resp = await dash.client.get(path, allow_redirects=False)
        assert resp.status == 303, path
        assert resp.headers["Location"] == "/login"
    partial = await dash.client.get("/?partial=1", allow_redirects=False)
    assert partial.status == 401
    posted = await dash.client.post(
        "/questions/action", data={"action": "ignore", "group": "1"}, allow_redirects=False
    )
    assert posted.status == 401


async def test_wrong_token_is_refused_without_a_session(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    assert await dash.login("not-the-right-token-at-all") == 401
    jar = dash.client.session.cookie_jar.filter_cookies(dash.client.make_url("/"))
    assert SESSION_COOKIE not in jar
    resp = await dash.client.get("/", allow_redirects=False)
    assert resp.status == 303


async def test_right_token_sets_a_strict_http_only_cookie_with_expiry(make_dash: MakeDash) -> None:
    dash = await make_dash("[dashboard]\nsession_hours = 2\n", seeded=False)
    await dash.client.get("/login")
    nonce = dash.client.session.cookie_jar.filter_cookies(dash.client.make_url("/"))[LOGIN_COOKIE]
    resp = await dash.client.post(
        "/login", data={"csrf": nonce.value, "token": TOKEN}, allow_redirects=False
    )
    assert resp.status == 303
    assert resp.headers["Location"] == "/"
    cookie = resp.cookies[SESSION_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["max-age"] == str(2 * 3600)
    assert cookie["path"] == "/"
    assert (await dash.client.get("/", allow_redirects=False)).status == 200


async def test_a_session_expires(make_dash: MakeDash) -> None:
    dash = await make_dash("[dashboard]\nsession_hours = 1\n", seeded=False)
    assert await dash.login() == 303
    dash.clock.advance(3599)
    assert (await dash.client.get("/", allow_redirects=False)).status == 200
    dash.clock.advance(2)
    resp = await dash.client.get("/", allow_redirects=False)
    assert resp.status == 303
    assert resp.headers["Location"] == "/login"


async def test_login_form_needs_its_csrf_nonce(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    await dash.client.get("/login")
    for data in ({"token": TOKEN}, {"token": TOKEN, "csrf": "forged"}):
        resp = await dash.client.post("/login", data=data, allow_redirects=False)
        assert resp.status == 403
        assert "expired" in await resp.text()
    assert (await dash.client.get("/", allow_redirects=False)).status == 303


async def test_failed_logins_are_rate_limited(make_dash: MakeDash) -> None:
    dash = await make_dash("[dashboard]\nlogin_attempts = 2\n", seeded=False)
    assert await dash.login("wrong-token-number-one") == 401
    assert await dash.login("wrong-token-number-two") == 401
    await dash.client.get("/login")
    nonce = dash.client.session.cookie_jar.filter_cookies(dash.client.make_url("/"))[LOGIN_COOKIE]
    blocked = await dash.client.post(
        "/login", data={"csrf": nonce.value, "token": TOKEN}, allow_redirects=False
    )
    assert blocked.status == 429  # even the right token waits: no guessing at full speed
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Too many failed logins" in await blocked.text()
    dash.clock.advance(901)
    assert await dash.login() == 303


async def test_forms_need_the_session_csrf_token_and_our_origin(make_dash: MakeDash) -> None:
    dash = await make_dash()
    assert await dash.login() == 303
    csrf = await dash.csrf()
    for data, headers in (
        ({"action": "ignore", "group": "1"}, {}),
        ({"action": "ignore", "group": "1", "csrf": "forged"}, {}),
        ({"action": "ignore", "group": "1", "csrf": csrf}, {"Origin": "https://evil.example"}),
    ):
        resp = await dash.client.post(
            "/questions/action", data=data, headers=headers, allow_redirects=False
        )
        assert resp.status == 403
    for data in ({}, {"csrf": "forged"}):
        resp = await dash.client.post("/logout", data=data, allow_redirects=False)
        assert resp.status == 403
    assert (await dash.client.get("/", allow_redirects=False)).status == 200


async def test_logout_ends_the_session(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    assert await dash.login() == 303
    csrf = await dash.csrf()
    resp = await dash.client.post("/logout", data={"csrf": csrf}, allow_redirects=False)
    assert resp.status == 303
    assert resp.headers["Location"] == "/login"
    assert (await dash.client.get("/", allow_redirects=False)).status == 303


async def test_security_headers_on_every_response(make_dash: MakeDash) -> None:
    dash = await make_dash(seeded=False)
    assert await dash.login() == 303
    for path in ("/", "/login", "/static/dashboard.css", "/static/nope", "/no-such-page"):
        resp = await dash.client.get(path, allow_redirects=False)
        for name, value in HEADERS.items():
            assert resp.headers.get(name) == value, (path, name)
    csp = HEADERS["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


async def test_secure_cookie_behind_https(make_dash: MakeDash) -> None:
    dash = await make_dash("[dashboard]\nsecure_cookie = true\n", seeded=False)
    page = await dash.client.get("/login")
    assert page.cookies[LOGIN_COOKIE]["secure"] is True
    nonce = page.cookies[LOGIN_COOKIE].value
    resp = await dash.client.post(  # the jar keeps Secure cookies for HTTPS: send it by hand
        "/login",
        data={"csrf": nonce, "token": TOKEN},
        headers={"Cookie": f"{LOGIN_COOKIE}={nonce}"},
        allow_redirects=False,
    )
    assert resp.status == 303
    assert resp.cookies[SESSION_COOKIE]["secure"] is True
