"""Security headers on every dashboard response, and the same-origin check for forms."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make our own forms post Origin: null
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cache-Control": "no-store",
}


async def add_security_headers(_: web.Request, response: web.StreamResponse) -> None:
    """An `on_response_prepare` hook: errors and static files get the headers too."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)


def same_origin(request: web.Request) -> bool:
    """False when a form was posted from another site (Origin or Referer names another host).

    Browsers send Origin with every POST; a request with neither header (a script, a test
    client) is judged by its CSRF token alone."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return source is None
    return urlsplit(source).netloc == request.host
