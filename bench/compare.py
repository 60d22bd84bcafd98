"""The comparison table: medians, extras over bare, ratios and targets, from the raw results.

`build_rows(results)` turns what `python -m bench` measured into rows (each with a value, a
unit, and for the issue's targets the target and whether it was met); `render(rows)` prints
them; the rows also go into bench/results.json under "table".

"Extra over bare" is a contender's median minus the median of a bare `AsyncGroq` call measured
in the same process, interleaved with it in short blocks: the twin's against the bare call in
the twin's process, LiteLLM's against the bare call in LiteLLM's process.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# issue #14's goals: the twin's extra per answer at most this share of the bare call (healthy,
# and with the first model down against the bare call to the second), and LiteLLM's extra at
# least this many times the twin's, in both cases
EXTRA_SHARE = 0.25
LITELLM_RATIO_HEALTHY = 10.0  # LiteLLM's extra / the twin's extra
LITELLM_RATIO_DOWN = 10.0
THROUGHPUT_SHARE = 0.8  # twin / bare answers per second, 64 conversations
READY_S = 1.5
RSS_MB = 150.0
FLOOR_MS = 0.05  # a twin extra below this counts as this much in the ratios


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    key: str
    label: str
    value: float | None
    unit: str
    shown: str  # the value as printed
    target: str = ""
    met: bool | None = None  # None: no target
    note: str = ""

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("met" if self.met else "MISSED")


def _ms(value: float, signed: bool = False) -> str:
    return f"{value:+.2f} ms" if signed else f"{value:.2f} ms"


def _median(part: dict[str, Any], who: str) -> float:
    return float(part[who]["median_ms"])


def _extra(part: dict[str, Any], who: str) -> float:
    return _median(part, who) - _median(part, "bare")


def _cpu_extra(part: dict[str, Any], who: str) -> float:
    return float(part[who]["cpu_ms_per_call"] - part["bare"]["cpu_ms_per_call"])


def _like_for_like(part: dict[str, Any], phase: str = "healthy") -> list[Row]:
    """The twin's extra over the bare call on the client its provider uses (the SDK's aiohttp
    one): what the twin's own work costs, the transport left out."""
    if "bare_aiohttp" not in part:  # results from before this contender
        return []
    extra = _median(part, "twin") - _median(part, "bare_aiohttp")
    return [
        Row(
            f"twin_extra_same_client_{phase}_ms",
            "  twin extra over the same client (aiohttp)",
            extra,
            "ms",
            _ms(extra, True),
            note=f"{extra / _median(part, 'bare_aiohttp'):.0%} of its bare call,"
            f" {_ms(_median(part, 'bare_aiohttp'))}",
        )
    ]


def _twin_rows(twin: dict[str, Any]) -> list[Row]:
    healthy, down = twin["healthy"], twin["down"]
    extra_h, extra_d = _extra(healthy, "twin"), _extra(down, "twin")
    conc = twin["concurrent"]
    share = conc["twin"]["per_s"] / conc["bare"]["per_s"]
    dead, asked = twin["down_requests_to_dead_model"], twin["down_twin_answers"]
    twin_cpu, bare_cpu = conc["twin"]["cpu_ms_per_call"], conc["bare"]["cpu_ms_per_call"]
    return [
        Row(
            "bare_ms",
            "bare AsyncGroq call",
            _median(healthy, "bare"),
            "ms",
            _ms(healthy["bare"]["median_ms"]),
        ),
        Row(
            "twin_ms",
            "twin whole path, new question",
            _median(healthy, "twin"),
            "ms",
            _ms(healthy["twin"]["median_ms"]),
            note=f"x{_median(healthy, 'twin') / _median(healthy, 'bare'):.2f} of bare",
        ),
        Row(
            "twin_cached_ms",
            "twin answer from the cache",
            _median(healthy, "twin_cached"),
            "ms",
            _ms(healthy["twin_cached"]["median_ms"]),
            note="no model call",
        ),
        Row(
            "twin_extra_healthy_ms",
            "twin extra over bare, healthy",
            extra_h,
            "ms",
            _ms(extra_h, True),
            f"<={EXTRA_SHARE:.0%} bare",
            extra_h <= EXTRA_SHARE * _median(healthy, "bare"),
            note=f"{extra_h / _median(healthy, 'bare'):.0%} of bare",
        ),
        *_like_for_like(healthy),
        Row(
            "twin_extra_down_ms",
            "twin extra over bare, first model down",
            extra_d,
            "ms",
            _ms(extra_d, True),
            f"<={EXTRA_SHARE:.0%} bare",
            extra_d <= EXTRA_SHARE * _median(down, "bare"),
            note=f"{extra_d / _median(down, 'bare'):.0%} of bare;"
            f" breaker {twin['down_breaker_state_after']}",
        ),
        *_like_for_like(down, "down"),
        Row(
            "twin_down_dead_requests",
            "  requests that reached the dead model",
            float(dead),
            "requests",
            f"{dead} / {asked}",
        ),
        Row(
            "twin_cpu_extra_ms",
            "  twin extra CPU per answer (this process)",
            _cpu_extra(healthy, "twin"),
            "ms",
            _ms(_cpu_extra(healthy, "twin"), True),
            note="SQLite thread included",
        ),
        Row(
            "throughput_share",
            "64 conversations: twin / bare answers per s",
            share,
            "ratio",
            f"{share:.0%}",
            f">= {THROUGHPUT_SHARE:.0%}",
            share >= THROUGHPUT_SHARE,
        ),
        Row(
            "throughput_twin_per_s",
            "  answers/s twin, bare",
            conc["twin"]["per_s"],
            "per_s",
            f"{conc['twin']['per_s']:.0f}, {conc['bare']['per_s']:.0f}",
            note=f"CPU/answer {twin_cpu:.2f} vs {bare_cpu:.2f} ms",
        ),
    ]


def _litellm_rows(twin: dict[str, Any], lite: dict[str, Any]) -> list[Row]:
    if "error" in lite:
        return [Row("litellm", "LiteLLM Router", None, "", "not measured", note=lite["error"])]
    extra_h, extra_d = _extra(twin["healthy"], "twin"), _extra(twin["down"], "twin")
    lite_h, lite_d = _extra(lite["healthy"], "litellm"), _extra(lite["down"], "litellm")
    ratio_h, ratio_d = lite_h / max(extra_h, FLOOR_MS), lite_d / max(extra_d, FLOOR_MS)
    dead, asked = lite["down_requests_to_dead_model"], lite["down_litellm_answers"]
    rows = [
        Row(
            "litellm_ms",
            f"LiteLLM {lite['version']} Router, healthy",
            _median(lite["healthy"], "litellm"),
            "ms",
            _ms(_median(lite["healthy"], "litellm")),
            note=f"its bare call {_ms(_median(lite['healthy'], 'bare'))}",
        ),
        Row(
            "litellm_extra_healthy_ms",
            "LiteLLM extra over bare, healthy",
            lite_h,
            "ms",
            _ms(lite_h, True),
            note="num_retries=0",
        ),
        Row(
            "litellm_extra_down_ms",
            "LiteLLM extra over bare, first model down",
            lite_d,
            "ms",
            _ms(lite_d, True),
            note="num_retries=0",
        ),
        Row(
            "litellm_down_dead_requests",
            "  requests that reached the dead model",
            float(dead),
            "requests",
            f"{dead} / {asked}",
        ),
        Row(
            "ratio_healthy",
            "LiteLLM extra / twin extra, healthy",
            ratio_h,
            "ratio",
            f"{ratio_h:.1f}x",
            f">= {LITELLM_RATIO_HEALTHY:g}x",
            ratio_h >= LITELLM_RATIO_HEALTHY,
        ),
        Row(
            "ratio_down",
            "LiteLLM extra / twin extra, first model down",
            ratio_d,
            "ratio",
            f"{ratio_d:.1f}x",
            f">= {LITELLM_RATIO_DOWN:g}x",
            ratio_d >= LITELLM_RATIO_DOWN,
        ),
        Row(
            "litellm_cpu_extra_ms",
            "  LiteLLM extra CPU per answer (its process)",
            _cpu_extra(lite["healthy"], "litellm"),
            "ms",
            _ms(_cpu_extra(lite["healthy"], "litellm"), True),
        ),
    ]
    defaults = lite.get("down_defaults")
    if defaults:
        per = defaults["requests_to_dead_model"] / max(1, defaults["answers"])
        rows.append(
            Row(
                "litellm_defaults_down_ms",
                "LiteLLM defaults (num_retries=2), first down",
                defaults["median_ms"],
                "ms",
                _ms(defaults["median_ms"]),
                note=f"{per:.0f} requests to the dead model per answer",
            )
        )
    conc = lite.get("concurrent")
    if conc:
        share = conc["litellm"]["per_s"] / conc["bare"]["per_s"]
        rows.append(
            Row(
                "litellm_throughput_share",
                "64 conversations: LiteLLM / bare answers per s",
                share,
                "ratio",
                f"{share:.0%}",
                note=f"{conc['litellm']['per_s']:.0f} vs {conc['bare']['per_s']:.0f}/s",
            )
        )
    return rows


def _bot_rows(r: dict[str, Any]) -> list[Row]:
    s, store = r["startup"], r["store"]
    after = s.get("rss_mb_after_answers", s["rss_mb"])
    rss = max(s["rss_mb"], after)
    rows = [
        Row(
            "ready_s",
            "start-up to ready, both adapters",
            s["ready_s"],
            "s",
            f"{s['ready_s']:.2f} s",
            f"<= {READY_S:g} s",
            s["ready_s"] <= READY_S,
            note="spawn to Slack listening + Discord on_ready, guild wait 0.1 s",
        ),
        Row(
            "ready_s_discord_default_wait",
            "  the same with discord.py's 2 s guild wait",
            s["ready_s_discord_default_wait"],
            "s",
            f"{s['ready_s_discord_default_wait']:.2f} s",
            note="what `twin run` waits for on_ready today",
        ),
        Row(
            "rss_mb",
            "peak resident memory, both adapters",
            rss,
            "MB",
            f"{rss:.0f} MB",
            f"<= {RSS_MB:g} MB",
            rss <= RSS_MB,
            note=f"{s['rss_mb']:.0f} MB at ready, {after:.0f} MB after {s['answers']} answers",
        ),
        Row(
            "store_rows_per_s",
            "usage rows committed per s (64 writers)",
            store["rows_per_s"],
            "per_s",
            f"{store['rows_per_s']:.0f}",
        ),
    ]
    parts = r.get("components", {})
    router, guard = parts.get("router"), parts.get("guard")
    if router:
        rows.append(
            Row(
                "router_extra_healthy_ms",
                "router alone, extra over bare, healthy",
                router["healthy_extra_ms"],
                "ms",
                _ms(router["healthy_extra_ms"], True),
                note="bench.router_overhead, its own fake",
            )
        )
        rows.append(
            Row(
                "router_extra_down_ms",
                "router alone, extra over bare, first down",
                router["down_extra_ms"],
                "ms",
                _ms(router["down_extra_ms"], True),
            )
        )
    if guard:
        rows.append(
            Row(
                "guard_us",
                "guard per answer (admit..release)",
                guard["guard_us_per_answer_median"],
                "us",
                f"{guard['guard_us_per_answer_median']:.1f} µs",
                note="bench.guard_throughput",
            )
        )
        rows.append(
            Row(
                "guard_per_s",
                "guard, 64 conversations",
                guard["answers_per_s_64_conversations"],
                "per_s",
                f"{guard['answers_per_s_64_conversations']:.0f}/s",
            )
        )
    return rows


def _postgres_rows(twin: dict[str, Any], pg: dict[str, Any] | None) -> list[Row]:
    """The twin's healthy path with the store on PostgreSQL (loopback), beside the SQLite rows:
    reported, no target of its own (each answer makes a few database round trips)."""
    if not pg or "healthy" not in pg:
        why = (pg or {}).get("error", "not measured")
        return [
            Row(
                "twin_pg_extra_healthy_ms",
                "twin extra over bare, PostgreSQL store",
                None,
                "ms",
                "n/a",
                note=str(why),
            )
        ]
    healthy = pg["healthy"]
    extra, sqlite_extra = _extra(healthy, "twin"), _extra(twin["healthy"], "twin")
    return [
        Row(
            "twin_pg_ms",
            "twin whole path, store on PostgreSQL",
            _median(healthy, "twin"),
            "ms",
            _ms(healthy["twin"]["median_ms"]),
            note=f"bare {_ms(healthy['bare']['median_ms'])} in the same process",
        ),
        Row(
            "twin_pg_extra_healthy_ms",
            "twin extra over bare, PostgreSQL store",
            extra,
            "ms",
            _ms(extra, True),
            note=f"SQLite store {_ms(sqlite_extra, True)}; {pg.get('server', '')}, loopback",
        ),
        Row(
            "twin_pg_cached_ms",
            "  twin answer from the cache, PostgreSQL store",
            _median(healthy, "twin_cached"),
            "ms",
            _ms(healthy["twin_cached"]["median_ms"]),
        ),
        Row(
            "twin_pg_cpu_extra_ms",
            "  twin extra CPU per answer, PostgreSQL store",
            _cpu_extra(healthy, "twin"),
            "ms",
            _ms(_cpu_extra(healthy, "twin"), True),
            note="this process only; the server's CPU is not counted",
        ),
    ]


def build_rows(results: dict[str, Any]) -> list[Row]:
    """Every row of the table, in print order."""
    twin = results["twin"]
    return [
        *_twin_rows(twin),
        *_postgres_rows(twin, results.get("twin_postgres")),
        *_litellm_rows(twin, results["litellm"]),
        *_bot_rows(results),
    ]


def render(rows: list[Row], title: str) -> str:
    lines = [title, ""]
    for row in rows:
        note = f"  ({row.note})" if row.note else ""
        lines.append(f"  {row.label:<50} {row.shown:>14}   {row.target:<10} {row.verdict:<6}{note}")
    missed = [row.label.strip() for row in rows if row.met is False]
    met = sum(1 for row in rows if row.met)
    lines += ["", f"targets met: {met} of {met + len(missed)}"]
    lines += [f"  missed: {label}" for label in missed]
    return "\n".join(lines)


def as_json(rows: list[Row]) -> list[dict[str, Any]]:
    return [{**asdict(row), "verdict": row.verdict} for row in rows]
