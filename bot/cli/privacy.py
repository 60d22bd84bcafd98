"""`twin privacy` (what the profile rules withheld, for the owner to check) and
`twin forget USER` (delete one member's text).

`twin privacy` first shows who the twin says the owner is (the identity core every prompt
carries, built from public text only), then lists every withheld value with where it was, the
rule that caught it, a short masked preview and the sentence around it, then the values
`[persona] public` released and the borderline sentences that were kept. Values are masked by
default: the list is meant to be read on screen, pasted into an issue or shown to a colleague
without spilling the very values it protects; `--show` prints them as written (the owner's own
data, on their own machine).

`twin forget USER` takes `PLATFORM:ID` as the usage report shows members (`slack:U0123ABCD`,
`discord:123456789012345678`, `cli:owner`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from core.config import Config
from core.factory import profile_error
from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Profile, ProfileError, load_profile
from core.privacy.withheld import mask, summary

PLATFORMS = ("slack", "discord", "cli")


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `privacy` and `forget` with `command` (the `twin` parser's `add_parser`)."""
    p = command(
        "privacy",
        help="who the twin says you are, every value the privacy rules withheld from the"
        " profile, and borderline sentences",
    )
    p.add_argument("--show", action="store_true", help="print values as written, not masked")
    p.add_argument("--json", action="store_true", help="print JSON")
    f = command(
        "forget", help="delete a member's questions, conversation turns and gaps (usage rows stay)"
    )
    f.add_argument("user", metavar="USER", help="PLATFORM:ID, e.g. slack:U0123ABCD, discord:1234")


def parse_member(text: str) -> tuple[str, str]:
    """`slack:U123` -> ("slack", "U123"); ValueError with a usable message otherwise."""
    platform, sep, user_id = text.strip().partition(":")
    platform = platform.lower()
    if not sep or platform not in PLATFORMS or not user_id.strip():
        raise ValueError(
            f"twin forget: expected PLATFORM:ID with PLATFORM one of {', '.join(PLATFORMS)} "
            f"(e.g. slack:U0123ABCD or discord:123456789012345678), got {text!r}"
        )
    return platform, user_id.strip()


def load_for_privacy(config: Config) -> Profile:
    persona = config.persona
    try:
        return load_profile(persona.profile, persona.private, persona.public, name=persona.name)
    except ProfileError as exc:
        raise profile_error(exc, config) from None


def privacy_text(profile: Profile, show: bool = False) -> str:
    """The owner's view of what was withheld, released and doubted."""
    shown = (lambda v: v) if show else mask
    lines = [f"{profile.source}: {summary(profile.withheld)}", "", *core_lines(profile)]
    if profile.withheld:
        lines += ["", "Withheld (never sent to a model)" + ("" if show else ", values masked:")]
        for w in profile.withheld:
            lines.append(f"  {w.rule:<14} {w.where}")
            lines.append(f"  {'':<14} {shown(w.value)}")
            if w.context:
                lines.append(f"  {'':<14} in: {w.context}")
    if profile.released:
        lines += ["", "Released by [persona] public (sent to the model):"]
        for w in profile.released:
            lines.append(f"  {w.rule:<14} {w.where}: {shown(w.value)}")
    if profile.borderline:
        lines += ["", "Borderline (kept; sent to the model):"]
        for b in profile.borderline:
            lines.append(f"  {b.reason}, {b.where}:")
            lines.append(f"    {b.sentence}")
    if profile.warnings:
        lines += ["", "Warnings:", *(f"  {w}" for w in profile.warnings)]
    lines += [
        "",
        "A value withheld by mistake: add text around it to [persona] public in the config.",
        "Anything else to keep out: add its field path or phrase to [persona] private.",
    ]
    return "\n".join(lines)


def core_lines(profile: Profile) -> list[str]:
    """The identity core as the model is told it (every prompt starts with it)."""
    core = identity(profile)
    fields = core.fields()
    lines = ["Who I am (sent with every question):"]
    lines += [f"  {label + ':':<14}{value}" for label, value in fields] or [
        "  (nothing found: add a name, a title and a summary to the profile)"
    ]
    if core.summary_built:
        lines.append(
            "  No summary or elevator pitch was found: the title, current role, latest education"
            " and top skills stand in for one."
        )
    if not core.based:
        lines.append('  Where you are based is not public, so "where do you live?" is a gap.')
    return lines


def privacy_json(profile: Profile, show: bool = False) -> str:
    shown = (lambda v: v) if show else mask

    def item(w: Any) -> dict[str, str]:
        return {"where": w.where, "rule": w.rule, "value": shown(w.value), "context": w.context}

    return json.dumps(
        {
            "profile": str(profile.source),
            "summary": summary(profile.withheld),
            "identity": dict(identity(profile).fields()),
            "masked": not show,
            "withheld": [item(w) for w in profile.withheld],
            "released": [item(w) for w in profile.released],
            "borderline": [
                {"where": b.where, "reason": b.reason, "sentence": b.sentence}
                for b in profile.borderline
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def forget_text(member: str, turns: int, gaps: int, cached: int, usage_rows: int) -> str:
    return (
        f"Forgot {member}: deleted {turns} conversation turns, {gaps} unanswered questions and "
        f"{cached} cached answers; {usage_rows} usage rows stay for the budgets, without the id."
    )
