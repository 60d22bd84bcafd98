"""Database URLs: which backend `TWIN_DATABASE_URL` selects, and how to name it without its secret.

A PostgreSQL URL carries a password, so it only ever comes from the environment and is only ever
shown through `redact_url` / `describe_url`: user, host, port and database, never the password
(nor a `password=` query parameter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

DATABASE_URL_ENV = "TWIN_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql", "postgres")
_SECRET_PARAMS = {"password", "sslpassword", "passfile"}


class DatabaseUrlError(ValueError):
    """`TWIN_DATABASE_URL` is not a PostgreSQL URL; the message never holds the password."""


@dataclass(frozen=True)
class DatabaseUrl:
    """A parsed PostgreSQL URL. `secret_url` is what asyncpg connects with; never print it."""

    secret_url: str = field(repr=False)
    host: str
    port: int
    database: str
    user: str

    @property
    def where(self) -> str:
        """`host:port/database`, for messages."""
        return f"{self.host}:{self.port}/{self.database}"

    def redacted(self) -> str:
        return redact_url(self.secret_url)


def redact_url(url: str) -> str:
    """The URL with its password (and any secret query parameter) replaced by `***`."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, hostinfo = netloc.rsplit("@", 1)
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":***"
            netloc = f"{userinfo}@{hostinfo}"
        query = urlencode(
            [
                (k, "***" if k.lower() in _SECRET_PARAMS else v)
                for k, v in parse_qsl(parts.query, keep_blank_values=True)
            ],
            safe="/*",
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "(an unreadable URL)"


def parse_database_url(url: str) -> DatabaseUrl:
    """Check a PostgreSQL URL and name its parts; `DatabaseUrlError` when it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or 5432
    except ValueError:
        raise DatabaseUrlError(
            f"{DATABASE_URL_ENV} is not a valid URL ({redact_url(url)}); expected "
            "postgresql://user:password@host:5432/database"
        ) from None
    if parts.scheme not in POSTGRES_SCHEMES:
        raise DatabaseUrlError(
            f"{DATABASE_URL_ENV} must start with postgresql:// (got {parts.scheme or 'no'} "
            "scheme); unset it to use the SQLite file of [storage] path"
        )
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host") or "localhost"
    database = unquote(parts.path.lstrip("/")) or query.get("dbname", "")
    user = unquote(parts.username or "") or query.get("user", "")
    if not database:
        raise DatabaseUrlError(
            f"{DATABASE_URL_ENV} names no database ({redact_url(url)}); expected "
            "postgresql://user:password@host:5432/database"
        )
    return DatabaseUrl(secret_url=url.strip(), host=host, port=port, database=database, user=user)


def database_url_from_env(env: Mapping[str, str]) -> DatabaseUrl | None:
    """The PostgreSQL URL the environment selects, or None for the SQLite file."""
    raw = env.get(DATABASE_URL_ENV, "").strip()
    return parse_database_url(raw) if raw else None
