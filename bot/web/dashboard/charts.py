"""Charts drawn on the server as inline SVG: no script, no CDN, no inline styles (strict CSP).

Every chart is a `<figure class="chart" data-chart=NAME>` holding one `<svg role="img">` with a
`<title>`; colours come from classes in the dashboard's stylesheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

Fmt = Callable[[float], str]

WIDTH, HEIGHT = 640, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 12, 14, 28
PLOT_W, PLOT_H = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figure(name: str, title: str, svg_body: str, caption: str, height: int = HEIGHT) -> str:
    t = escape(title)
    return (
        f'<figure class="chart" data-chart="{escape(name)}">'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{t}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{t}</title>{svg_body}</svg>'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _empty(text: str = "No data yet") -> str:
    return (
        f'<text class="empty" x="{WIDTH / 2:.0f}" y="{HEIGHT / 2:.0f}"'
        f' text-anchor="middle">{escape(text)}</text>'
    )


def _axes(top: float, fmt: Fmt, labels: Sequence[str], x_of: Callable[[int], float]) -> str:
    """Baseline, a top gridline with its value, and every few x labels."""
    base_y = HEIGHT - PAD_BOTTOM
    parts = [
        f'<line class="axis" x1="{PAD_LEFT}" y1="{base_y}" x2="{PAD_LEFT + PLOT_W}"'
        f' y2="{base_y}"/>',
        f'<line class="grid" x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT + PLOT_W}"'
        f' y2="{PAD_TOP}"/>',
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{PAD_TOP + 4}" text-anchor="end">'
        f"{escape(fmt(top))}</text>",
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{base_y + 4}" text-anchor="end">0</text>',
    ]
    step = max(1, len(labels) // 6)
    last = len(labels) - 1
    for i, label in enumerate(labels):
        if (i % step == 0 and last - i >= step / 2) or i == last:
            x = x_of(i)
            anchor = "end" if x > WIDTH - PAD_RIGHT - 20 else "middle"
            parts.append(
                f'<text class="tick" x="{_num(x)}" y="{HEIGHT - 8}"'
                f' text-anchor="{anchor}">{escape(label)}</text>'
            )
    return "".join(parts)


def bar_chart(
    name: str, title: str, labels: Sequence[str], values: Sequence[float], fmt: Fmt
) -> str:
    """Vertical bars, one per label (days), each with a tooltip of its value."""
    top = max(values, default=0.0)
    total = sum(values)
    caption = f"{title}: {fmt(total)} in {len(values)} days, peak {fmt(top)}"
    if top <= 0:
        return _figure(name, title, _empty(), caption)
    slot = PLOT_W / len(values)
    bar_w = max(1.0, slot * 0.7)

    def x_of(i: int) -> float:
        return PAD_LEFT + slot * i + slot / 2

    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = PLOT_H * value / top
        bars.append(
            f'<rect class="bar" x="{_num(x_of(i) - bar_w / 2)}" y="{_num(PAD_TOP + PLOT_H - h)}"'
            f' width="{_num(bar_w)}" height="{_num(h)}">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
    return _figure(name, title, _axes(top, fmt, labels, x_of) + "".join(bars), caption)


def line_chart(
    name: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    fmt: Fmt,
) -> str:
    """One line per series over the labels; a None value breaks the line (no data that day)."""
    known = [v for _, values in series for v in values if v is not None]
    top = max(known, default=0.0)
    latest = [(n, last) for n, vs in series if (last := _last(vs)) is not None]
    caption = f"{title}: " + ("; ".join(f"{n} latest {fmt(v)}" for n, v in latest) or "no data yet")
    if top <= 0 or not labels:
        return _figure(name, title, _empty(), caption)
    slot = PLOT_W / max(1, len(labels) - 1)

    def x_of(i: int) -> float:
        return PAD_LEFT + slot * i

    body = [_axes(top, fmt, labels, x_of)]
    for n, (series_name, values) in enumerate(series):
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{_num(x_of(i))},{_num(PAD_TOP + PLOT_H - PLOT_H * v / top)}")
        cls = f"series-{n % 6}"
        for run in runs:
            if len(run) == 1:
                x, y = run[0].split(",")
                body.append(f'<circle class="dot {cls}" cx="{x}" cy="{y}" r="2.5"/>')
            elif run:
                body.append(f'<polyline class="line {cls}" points="{" ".join(run)}"/>')
        body.append(
            f'<text class="legend {cls}" x="{PAD_LEFT + 8}" y="{PAD_TOP + 14 + 14 * n}">'
            f"{escape(series_name)}</text>"
        )
    return _figure(name, title, "".join(body), caption)


def _last(values: Sequence[float | None]) -> float | None:
    for v in reversed(values):
        if v is not None:
            return v
    return None


def meter(name: str, title: str, fraction: float, detail: str) -> str:
    """A horizontal budget bar; over 100% fills and turns red, 80% and up amber."""
    h, bar_h = 44, 16
    shown = min(max(fraction, 0.0), 1.0)
    level = "over" if fraction >= 1.0 else "near" if fraction >= 0.8 else "ok"
    inner = WIDTH - 2
    body = (
        f'<text class="label" x="1" y="14">{escape(title)}</text>'
        f'<text class="label" x="{WIDTH - 1}" y="14" text-anchor="end">'
        f"{fraction * 100:.0f}%</text>"
        f'<rect class="track" x="1" y="22" width="{inner}" height="{bar_h}" rx="4"/>'
        f'<rect class="fill {level}" x="1" y="22" width="{_num(inner * shown)}"'
        f' height="{bar_h}" rx="4"><title>{escape(detail)}</title></rect>'
    )
    return _figure(name, title, body, detail, height=h)


def stacked_bar(name: str, title: str, parts: Sequence[tuple[str, int]]) -> str:
    """One horizontal bar split by share (answers by outcome), with a legend."""
    total = sum(n for _, n in parts)
    h = 64
    caption = f"{title}: " + (
        ", ".join(f"{label} {n} ({n / total:.0%})" for label, n in parts if n) if total else "none"
    )
    if not total:
        return _figure(name, title, _empty("No questions yet"), caption, height=h)
    x = 1.0
    inner = WIDTH - 2
    body = []
    legend_x = 1.0
    for i, (label, n) in enumerate(parts):
        if not n:
            continue
        w = inner * n / total
        cls = f"series-{i % 6}"
        body.append(
            f'<rect class="part {cls}" x="{_num(x)}" y="4" width="{_num(w)}" height="22">'
            f"<title>{escape(label)}: {n} ({n / total:.0%})</title></rect>"
        )
        body.append(
            f'<rect class="part {cls}" x="{_num(legend_x)}" y="40" width="10" height="10"/>'
            f'<text class="label" x="{_num(legend_x + 14)}" y="49">{escape(label)} {n}</text>'
        )
        x += w
        legend_x += 22 + 8 * (len(label) + len(str(n)) + 1)
    return _figure(name, title, "".join(body), caption, height=h)
