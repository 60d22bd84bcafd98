"""The `[dashboard]` section of config.toml, in its own module so `core.config` (which
re-exports `DashboardConfig`) stays under the line limit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardConfig:
    """The owner's web dashboard; the login token comes from TWIN_DASHBOARD_TOKEN."""

    enabled: bool = False  # `twin run` serves it too; `twin dashboard` serves it alone
    host: str = "127.0.0.1"
    port: int = 8700
    session_hours: float = 12.0  # a login lasts this long
    refresh_s: int = 15  # pages refresh themselves this often; 0 = never
    login_attempts: int = 5  # failed logins allowed per client per 15 minutes
    secure_cookie: bool = False  # true when served over HTTPS (a proxy in front)
