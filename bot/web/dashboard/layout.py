"""The page shell and the small HTML pieces every page uses. All text is escaped here."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from html import escape

PAGES = (
    ("overview", "/", "Overview"),
    ("models", "/models", "Models"),
    ("questions", "/questions", "Questions"),
    ("alerts", "/alerts", "Alerts"),
)


def stamp(now: datetime) -> str:
    """When the page's data was read, under its panels."""
    return f'<p class="stamp">Updated {escape(now.strftime("%Y-%m-%d %H:%M:%S UTC"))}</p>'


def when(at: datetime | None) -> str:
    return "—" if at is None else at.strftime("%Y-%m-%d %H:%M UTC")


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>' if text else ""


def card(title: str, body: str, *, name: str = "") -> str:
    attr = f' data-panel="{escape(name)}"' if name else ""
    return f'<section class="card"{attr}><h2>{escape(title)}</h2>{body}</section>'


def figures(items: Iterable[tuple[str, str]]) -> str:
    """Headline numbers: (label, value) pairs."""
    cells = "".join(
        f'<div class="figure"><span class="value">{escape(v)}</span>'
        f'<span class="label">{escape(k)}</span></div>'
        for k, v in items
    )
    return f'<div class="figures">{cells}</div>'


def table(head: Sequence[str], rows: Iterable[Sequence[str]], *, raw: Collection[int] = ()) -> str:
    """A table of escaped cells; the columns numbered in `raw` are trusted HTML (forms)."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = [
        "<tr>"
        + "".join(f"<td>{c if i in raw else escape(c)}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    ]
    if not body:
        return ""
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'


def _head(title: str, script: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · twin</title>"
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
        f'<link rel="stylesheet" href="/static/dashboard.css">{script}</head>'
    )


def shell(*, page: str, title: str, owner: str, csrf: str, refresh_s: int, main: str) -> str:
    """A whole page: header with navigation and logout, the live `<main>`, assets."""
    current = ' aria-current="page"'
    nav = "".join(
        f'<a href="{href}"{current if key == page else ""}>{label}</a>'
        for key, href, label in PAGES
    )
    return (
        _head(title, '<script src="/static/dashboard.js" defer></script>')
        + f'<body data-refresh="{int(refresh_s)}">'
        f'<header><span class="brand">twin</span><span class="owner">{escape(owner)}</span>'
        f"<nav>{nav}</nav>"
        f'<form method="post" action="/logout" class="logout">{hidden("csrf", csrf)}'
        '<button type="submit">Log out</button></form></header>'
        f'<main id="live" data-page="{escape(page)}">{main}</main></body></html>'
    )


def login_page(*, nonce: str, message: str = "") -> str:
    """The login form; `nonce` is the CSRF value matched against the login cookie."""
    alert = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    return (
        _head("Log in") + '<body class="login"><main><h1>twin dashboard</h1>'
        f'{alert}<form method="post" action="/login">{hidden("csrf", nonce)}'
        '<label for="token">Dashboard token</label>'
        '<input id="token" name="token" type="password" autocomplete="current-password"'
        " required autofocus>"
        '<button type="submit">Log in</button></form>'
        '<p class="hint">The value of TWIN_DASHBOARD_TOKEN where the twin runs.</p>'
        "</main></body></html>"
    )
