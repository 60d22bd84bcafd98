"""Server-side SVG charts: scaled, escaped, and free of inline styles."""

from __future__ import annotations

import re

from bot.web.dashboard.charts import bar_chart, line_chart, meter, stacked_bar


def heights(svg: str) -> list[float]:
    return [float(h) for h in re.findall(r'<rect class="bar"[^>]* height="([\d.]+)"', svg)]


def test_bars_scale_to_the_largest_value() -> None:
    svg = bar_chart("spend", "Spend", ["a", "b", "c"], [1.0, 2.0, 4.0], str)
    h = heights(svg)
    assert h[2] == max(h) and abs(h[0] * 4 - h[2]) < 0.2 and abs(h[1] * 2 - h[2]) < 0.2
    assert 'data-chart="spend"' in svg and "<title>Spend</title>" in svg
    assert "style=" not in svg


def test_empty_data_says_so() -> None:
    assert "No data yet" in bar_chart("t", "Tokens", ["a"], [0.0], str)
    assert "No data yet" in line_chart("p", "p50", ["a", "b"], [("m", [None, None])], str)
    assert "No questions yet" in stacked_bar("o", "Outcomes", [("answered", 0)])


def test_a_missing_day_breaks_the_line() -> None:
    svg = line_chart("p", "p50", ["a", "b", "c", "d"], [("m", [1.0, 2.0, None, 3.0])], str)
    assert svg.count("<polyline") == 1  # a, b joined
    assert svg.count("<circle") == 1  # d alone


def test_text_is_escaped() -> None:
    svg = stacked_bar("o", "<b>x</b>", [("<script>", 2), ("ok", 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "67%" in svg


def test_meter_levels() -> None:
    assert 'class="fill ok"' in meter("m", "Day", 0.5, "half")
    assert 'class="fill near"' in meter("m", "Day", 0.85, "near")
    over = meter("m", "Day", 1.3, "over")
    assert 'class="fill over"' in over and "130%" in over
