"""`twin profile`: what the twin says about who the owner is (the identity core every prompt
carries), and how the profile was read, for the owner to check before going live.

The profile alone is read: no store, no model. The core is built from public text only, so
what it shows is exactly what a model is told.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from core.persona.identity import identity
from core.persona.profile import Profile


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Any) -> None:
    """Register `profile` on the `twin` parser."""
    p = sub.add_parser(
        "profile",
        parents=[common],
        help="who the twin says you are (the identity core in every prompt), and the sections read",
    )
    p.add_argument("--json", action="store_true", help="print JSON")


def profile_text(profile: Profile) -> str:
    """The identity core as a model sees it, then the sections the profile was read into."""
    core = identity(profile)
    lines = [
        f"{profile.source}: {len(profile.chunks)} sections, {profile.public_chars:,} characters"
    ]
    lines += ["", "Who I am (sent with every question, before the facts it needs):"]
    fields = core.fields()
    if fields:
        lines += [f"  {label + ':':<14}{value}" for label, value in fields]
    else:
        lines.append("  (nothing found: add a name, a title and a summary to the profile)")
    if core.summary_built:
        lines += [
            "",
            "No summary or elevator pitch was found, so the title, current role, latest education",
            "and top skills stand in for one: add a summary to say it in your own words.",
        ]
    if not core.based:
        lines += ["", 'Where you are based is not said publicly: "where do you live?" is a gap.']
    lines += ["", "Sections:"]
    lines += [f"  {c.title}" for c in profile.chunks]
    return "\n".join(lines)


def profile_json(profile: Profile) -> str:
    core = identity(profile)
    return json.dumps(
        {
            "profile": str(profile.source),
            "identity": {label: value for label, value in core.fields()},
            "summary_built": core.summary_built,
            "sections": [
                {"id": c.id, "title": c.title, "section": c.section} for c in profile.chunks
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
