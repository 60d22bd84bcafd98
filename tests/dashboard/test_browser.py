"""The dashboard in a real headless Chromium: log in through the form, open every page, find
the charts and figures, no console errors (CSP violations included), a screenshot of each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.web.dashboard.browser import Chromium, find_chromium
from tests.dashboard.conftest import NO_CHROMIUM, TOKEN, MakeDash, ask

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason=NO_CHROMIUM,
)

EXPECTED = {
    "/": ["budget-day", "budget-month", "answers", "spend", "tokens", "outcomes"],
    "/models": ["p50", "p95", "success"],
    "/questions": [],
    "/alerts": [],
}
# What must be in each rendered page: a CSS selector and the least number of matches.
ELEMENTS = {
    "/": [(".figure", 6), ('[data-panel="recommendations"]', 1)],
    "/models": [('[data-panel="models"] tbody tr', 2), ('[data-panel="failed"] tbody tr', 1)],
    "/questions": [('form[action="/questions/action"]', 6), (".figure", 5)],
    "/alerts": [('[data-panel="alerts"] tbody tr', 1)],
}

PROBE = """(() => {
  const charts = {};
  for (const f of document.querySelectorAll("figure.chart")) {
    const svg = f.querySelector("svg");
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    charts[f.dataset.chart] = box.width > 100 && box.height > 20;
  }
  const counts = {};
  for (const sel of SELECTORS) { counts[sel] = document.querySelectorAll(sel).length; }
  return JSON.stringify({
    charts, counts, title: document.title, live: document.documentElement.dataset.live || "",
    header: getComputedStyle(document.querySelector("header")).backgroundColor,
  });
})()"""


async def test_every_page_in_headless_chromium(make_dash: MakeDash, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    dash = await make_dash()
    base = str(dash.client.make_url("")).rstrip("/")
    profile = tmp_path / "chromium-profile"
    async with Chromium(CHROMIUM, profile) as browser:
        page = await browser.new_page(1280, 900)
        await page.goto(base + "/login")
        await page.navigate_by(
            f"document.getElementById('token').value = {json.dumps(TOKEN)};"
            "document.querySelector('form').submit();"
        )
        assert await page.evaluate("location.pathname") == "/", (
            await page.call("Network.getCookies"),
            page.errors,
        )
        for path, expected in EXPECTED.items():
            await page.goto(base + path)
            selectors = [sel for sel, _ in ELEMENTS[path]]
            found = json.loads(
                await page.evaluate(PROBE.replace("SELECTORS", json.dumps(selectors)))
            )
            for name in expected:
                assert found["charts"].get(name) is True, (path, name, found["charts"])
            for selector, least in ELEMENTS[path]:
                assert found["counts"][selector] >= least, (path, selector, found["counts"])
            assert found["live"] == "on", "the refresh script did not run (CSP?)"
            assert found["header"] == "rgb(29, 35, 48)", "the stylesheet did not apply (CSP?)"
            shot = tmp_path / f"{path.strip('/') or 'overview'}.png"
            shot.write_bytes(await page.screenshot())
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        await page.goto(base + "/")
        count = "document.querySelector('.figure:nth-child(4) .value').textContent"
        assert await page.evaluate(count) == "7"
        await dash.twin.answer(ask("What languages do you speak?", user="U9"))
        assert await page.evaluate("window.twinRefresh()") is True  # the live refresh, now
        assert await page.evaluate(count) == "8"

        await page.goto(base + "/questions")  # the owner answers a gap in the page
        box = "document.querySelector('details.answer textarea')"
        await page.evaluate(
            "document.querySelector('details.answer').open = true;"
            f"{box}.value = 'Bouldering, twice a week.'; {box}.blur(); true"
        )
        assert await page.evaluate("window.twinRefresh()") is False  # an unsent answer stays
        assert await page.evaluate(f"{box}.value") == "Bouldering, twice a week."
        (tmp_path / "questions-answer.png").write_bytes(await page.screenshot())
        await page.navigate_by("document.querySelector('form.answer button').click()")
        assert await page.evaluate("location.pathname") == "/questions"
        flash = await page.evaluate("document.querySelector('.flash').textContent")
        assert flash.startswith("Thanks! Added to"), flash
        assert (await dash.twin.gaps_report()).total == 1  # the sports group is answered
        assert page.errors == []


async def test_the_overview_of_a_twin_without_a_key_in_headless_chromium(
    make_dash: MakeDash, tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    dash = await make_dash(seeded=False, env={"GROQ_API_KEY": ""})
    for n, text in enumerate(("Where did you study?", "What are your skills?")):
        await dash.twin.answer(ask(text, user=f"U{n}"))
    base = str(dash.client.make_url("")).rstrip("/")
    async with Chromium(CHROMIUM, tmp_path / "chromium-profile") as browser:
        page = await browser.new_page(1280, 900)
        await page.goto(base + "/login")
        await page.navigate_by(
            f"document.getElementById('token').value = {json.dumps(TOKEN)};"
            "document.querySelector('form').submit();"
        )
        found = json.loads(await page.evaluate(PROBE.replace("SELECTORS", "[]")))
        assert found["charts"].get("answers") is True
        shown = await page.evaluate('document.querySelector("[data-panel=unavailable]").innerText')
        assert shown.startswith("Models unavailable"), shown
        assert "GROQ_API_KEY is not set" in shown
        legend = await page.evaluate('document.querySelector("[data-chart=outcomes]").textContent')
        assert "from the profile alone 2" in legend and "degraded" not in legend
        (tmp_path / "overview-no-key.png").write_bytes(await page.screenshot())
        assert page.errors == []
