"""The dashboard's stylesheet, script and icon, served from /static (nothing inline: strict CSP)."""

from __future__ import annotations

CSS = """
:root { --bg: #f6f7f9; --card: #fff; --ink: #1d2330; --muted: #667085; --line: #e4e7ec;
  --accent: #3b6fd8; --ok: #2e9e6b; --warn: #d99a18; --bad: #d64545; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--ink); }
header { display: flex; align-items: center; gap: 18px; padding: 10px 24px;
  background: #1d2330; color: #fff; }
header .brand { font-weight: 700; font-size: 18px; letter-spacing: .5px; }
header .owner { color: #b8c0d0; }
header nav { display: flex; gap: 4px; flex: 1; }
header nav a { color: #dfe5f0; text-decoration: none; padding: 6px 12px; border-radius: 6px; }
header nav a[aria-current="page"] { background: #3a4357; color: #fff; }
header form.logout button { background: transparent; color: #dfe5f0; border: 1px solid #4a5468; }
main { max-width: 1240px; margin: 0 auto; padding: 18px 24px 32px;
  display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px;
  align-items: start; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 14px 18px; min-width: 0; }
.card h2 { margin: 0 0 10px; font-size: 15px; }
.card[data-panel="models"], .card[data-panel="gaps"], .card[data-panel="alerts"],
.card[data-panel="failed"], .card[data-panel="trends"], .card[data-panel="per-model"],
.card[data-panel="days"],
.card[data-panel="thumbs-down"] { grid-column: 1 / -1; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr));
  gap: 8px 20px; }
td:first-child { white-space: nowrap; }
figure.chart { margin: 0 0 12px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin-bottom: 10px; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.figure .value { display: block; font-size: 20px; font-weight: 650; }
.figure .label { color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
.note { color: var(--muted); margin: 6px 0; }
.stamp { grid-column: 1 / -1; color: var(--muted); font-size: 12px; margin: 0; }
.flash { grid-column: 1 / -1; background: #e8f1ff; border: 1px solid #bcd3fb; padding: 8px 12px;
  border-radius: 8px; margin: 0; }
.step { margin: 8px 0 0; }
.step-near strong { color: var(--warn); } .step-over strong { color: var(--bad); }
.step-normal strong { color: var(--ok); }
form.inline { display: inline; margin-right: 4px; }
details.answer { display: inline-block; margin-right: 4px; vertical-align: top; }
details.answer summary { display: inline-block; color: var(--ink); font-size: inherit;
  padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
details.answer[open] { display: block; margin-bottom: 6px; }
form.answer, .refusal { display: grid; gap: 6px; margin-top: 6px; max-width: 520px; }
form.answer button { justify-self: start; }
textarea { font: inherit; padding: 6px; border: 1px solid var(--line); border-radius: 6px;
  min-height: 5em; resize: vertical; }
.refusal { grid-column: 1 / -1; }
.tag { font-size: 11px; color: var(--warn); border: 1px solid currentColor; border-radius: 4px;
  padding: 0 4px; }
button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--line);
  background: #fff; cursor: pointer; }
button:hover { border-color: var(--accent); }
ul { margin: 0; padding-left: 18px; } li { margin: 4px 0; }
.sev { font-weight: 600; } .sev-warning { color: var(--warn); } .sev-critical { color: var(--bad); }
details summary { color: var(--muted); cursor: pointer; font-size: 12px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
svg text.label { font-size: 12px; fill: var(--ink); }
svg text.empty { font-size: 13px; }
svg .axis { stroke: #98a2b3; } svg .grid { stroke: var(--line); stroke-dasharray: 3 3; }
svg .bar { fill: var(--accent); } svg .bar:hover { fill: #2a55ad; }
svg .track { fill: #eef0f3; } svg .fill.ok { fill: var(--ok); }
svg .fill.near { fill: var(--warn); } svg .fill.over { fill: var(--bad); }
svg .line { fill: none; stroke-width: 2; }
.series-0 { fill: #3b6fd8; stroke: #3b6fd8; } .series-1 { fill: #e07b39; stroke: #e07b39; }
.series-2 { fill: #2e9e6b; stroke: #2e9e6b; } .series-3 { fill: #d64545; stroke: #d64545; }
.series-4 { fill: #8a5cd1; stroke: #8a5cd1; } .series-5 { fill: #7c8799; stroke: #7c8799; }
svg .line.series-0, svg .line.series-1, svg .line.series-2, svg .line.series-3,
svg .line.series-4, svg .line.series-5 { fill: none; }
svg text.legend { font-size: 12px; stroke: none; }
body.login { display: grid; place-items: center; min-height: 100vh; }
body.login main { display: block; max-width: 360px; background: var(--card);
  border: 1px solid var(--line); border-radius: 10px; padding: 24px; }
body.login h1 { font-size: 20px; margin: 0 0 16px; }
body.login label { display: block; margin-bottom: 6px; font-weight: 600; }
body.login input { width: 100%; padding: 8px; border: 1px solid var(--line); border-radius: 6px;
  margin-bottom: 12px; font: inherit; }
.error { color: var(--bad); } .hint { color: var(--muted); font-size: 12px; }
@media (max-width: 700px) { main { grid-template-columns: 1fr; } }
"""

JS = """\
"use strict";
// Live refresh: fetch this page's <main> again every data-refresh seconds (no libraries).
(function () {
  document.documentElement.dataset.live = "on";
  var seconds = Number(document.body.dataset.refresh || 0);
  var live = document.getElementById("live");
  if (!live || !(seconds > 0)) { return; }
  function busy() {  // typing in a form, or an answer written and not sent yet
    var el = document.activeElement;
    if (el && el.form) { return true; }
    return Array.prototype.some.call(live.querySelectorAll("textarea"), function (box) {
      return box.value.trim() !== "" || box.hasAttribute("readonly");
    });
  }
  function tick() {
    if (document.hidden || busy()) { return Promise.resolve(false); }
    var options = { credentials: "same-origin", redirect: "manual" };
    return fetch(location.pathname + "?partial=1", options)
      .then(function (response) {
        if (response.status === 200) {
          return response.text().then(function (html) { live.innerHTML = html; return true; });
        }
        if (response.status === 401 || response.type === "opaqueredirect") {
          location.assign("/login");
        }
        return false;
      })
      .catch(function () { return false; /* offline a moment: the next tick tries again */ });
  }
  window.twinRefresh = tick;  // one refresh now (the browser test calls it)
  window.setInterval(tick, seconds * 1000);
})();
"""

FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" rx="3" fill="#1d2330"/>'
    '<path d="M4 11 L7 6 L9 9 L12 4" stroke="#3b6fd8" stroke-width="2" fill="none"/></svg>'
)

STATIC = {
    "dashboard.css": ("text/css", CSS),
    "dashboard.js": ("text/javascript", JS),
    "favicon.svg": ("image/svg+xml", FAVICON),
}
