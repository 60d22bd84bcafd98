"""Dashboard login: one token from the environment, server-side sessions, CSRF tokens and a
limit on failed logins. Every comparison of a secret runs in constant time."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from bot.common import SetupError
from core.clock import Clock
from core.limits.ratelimit import RequestWindow

TOKEN_ENV = "TWIN_DASHBOARD_TOKEN"
MIN_TOKEN_CHARS = 16
SESSION_COOKIE = "twin_session"
LOGIN_COOKIE = "twin_login"  # the login form's CSRF nonce, before there is a session
LOGIN_WINDOW_S = 900.0  # failed logins are counted over 15 minutes
GLOBAL_FACTOR = 4  # all clients together may fail this many times a client's allowance


def dashboard_token(env: Mapping[str, str]) -> str:
    """The login token, or a SetupError saying why the dashboard cannot start."""
    token = env.get(TOKEN_ENV, "").strip()
    if not token:
        raise SetupError(
            f"the dashboard needs a login token: set {TOKEN_ENV} to a long random value "
            "(for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'`)."
        )
    if len(token) < MIN_TOKEN_CHARS:
        raise SetupError(
            f"{TOKEN_ENV} is too short to protect the dashboard: use at least "
            f"{MIN_TOKEN_CHARS} characters."
        )
    return token


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets (tokens, CSRF values)."""
    return hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class Session:
    id: str
    csrf: str  # every form of this session carries it
    expires_at: float  # on the monotonic clock


class Sessions:
    """Logged-in sessions held in this process; each ends `lifetime_s` after login."""

    def __init__(self, lifetime_s: float, clock: Clock) -> None:
        self.lifetime_s = lifetime_s
        self._clock = clock
        self._by_id: dict[str, Session] = {}

    def create(self) -> Session:
        now = self._clock()
        self._by_id = {k: s for k, s in self._by_id.items() if s.expires_at > now}
        session = Session(
            id=secrets.token_urlsafe(32),
            csrf=secrets.token_urlsafe(32),
            expires_at=now + self.lifetime_s,
        )
        self._by_id[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session of this cookie value, or None (unknown or expired)."""
        if not session_id:
            return None
        session = self._by_id.get(session_id)
        if session is None:
            return None
        if session.expires_at <= self._clock():
            del self._by_id[session_id]
            return None
        return session

    def end(self, session_id: str | None) -> None:
        if session_id:
            self._by_id.pop(session_id, None)


class LoginLimiter:
    """At most `attempts` failed logins per client in 15 minutes, and a cap over all clients."""

    def __init__(self, attempts: int, clock: Clock) -> None:
        self._per_client = RequestWindow(attempts, LOGIN_WINDOW_S)
        self._overall = RequestWindow(attempts * GLOBAL_FACTOR, LOGIN_WINDOW_S)
        self._clock = clock

    def retry_after(self, client: str) -> float:
        """0.0 when this client may try to log in now, else the seconds to wait."""
        now = self._clock()
        return max(self._per_client.retry_after(client, now), self._overall.retry_after("*", now))

    def failed(self, client: str) -> None:
        now = self._clock()
        self._per_client.hit(client, now)
        self._overall.hit("*", now)
