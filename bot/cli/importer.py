"""`twin import SOURCE [SOURCE ...] [--out PATH] [--force]`: a Markdown profile from a LinkedIn
export, résumés (PDF, DOCX, Markdown, text) and JSON Resumes, merged into one.

Writes nothing when a source cannot be read or the profile file already exists (unless
--force); then prints one line and exits 2. Needs no config file (it writes the profile a
config will name) and no network. The readers live in `core.importer` and are imported only
when this command runs, so the other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.config import PersonaConfig
    from core.importer.model import Resume
    from core.persona.profiles.profile import Profile

EXIT_BAD_INPUT = 2  # a source cannot be imported, or the profile exists: nothing was written
DEFAULT_NAME = "profile.md"


def add_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `import` with `command` (the `twin` parser's `add_parser`)."""
    p = command(
        "import",
        help="write a Markdown profile from a LinkedIn export, résumés or a JSON Resume",
        description="Write a Markdown profile from what you already have: LinkedIn's 'Get a"
        " copy of your data' archive (ZIP or folder), résumés (PDF, DOCX, Markdown, text) and"
        " JSON Resumes. Several sources merge into one profile; nothing is sent anywhere.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a file or an unpacked export")
    p.add_argument(
        "--out",
        metavar="PATH",
        help=f"where to write the profile (default: {DEFAULT_NAME} beside the config)",
    )
    p.add_argument("--force", action="store_true", help="overwrite the profile if it exists")


def run_import(args: argparse.Namespace, env: Mapping[str, str] = os.environ) -> int:
    """Read every source, merge, write the profile and say what was found; 2 on bad input."""
    from core.importer.errors import ImportProblem
    from core.importer.markdown import to_markdown
    from core.importer.merge import merge
    from core.importer.sources import read_source

    config_path = Path(getattr(args, "config", None) or env.get("TWIN_CONFIG") or "config.toml")
    out = Path(args.out) if args.out else config_path.parent / DEFAULT_NAME
    if out.exists() and not args.force:
        print(
            f"twin import: {out} already exists: pass --force to overwrite it, or --out PATH",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if out.is_dir():
        print(f"twin import: --out {out} is a folder; give a file name", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        resumes = [read_source(Path(source)) for source in args.sources]
    except ImportProblem as exc:
        print(f"twin import: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    resume = merge(resumes)
    names = ", ".join(Path(s).name for s in args.sources)
    note = (
        f"Written by `twin import` from {names}. Edit freely: each heading is one section the"
        " twin can quote. The contact section stays private."
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(to_markdown(resume, note), encoding="utf-8")
    partial.replace(out)
    print(report_text(resume, resumes, out, _load(out, config_path), config_path))
    return 0


def _persona(config_path: Path) -> PersonaConfig | None:
    """The config's `[persona]`, or None when there is no config or it cannot be read."""
    from core.config import ConfigError, load_config

    try:
        return load_config(config_path).persona if config_path.exists() else None
    except ConfigError:
        return None


def _load(out: Path, config_path: Path) -> Profile | str:
    """The written profile as the twin will read it (with the config's private paths when the
    config names this file), or why it cannot be read."""
    from core.persona.profiles.profile import ProfileError, load_profile

    private: tuple[str, ...] = ()
    public: tuple[str, ...] = ()
    persona = _persona(config_path)
    if persona is not None and persona.profile.resolve() == out.resolve():
        private, public = tuple(persona.private), tuple(persona.public)
    try:
        return load_profile(out, private, public)
    except ProfileError as exc:
        return str(exc)


def _config_line(out: Path, config_path: Path) -> str:
    try:
        where = out.resolve().relative_to(config_path.resolve().parent)
    except ValueError:
        where = out.resolve()
    line = f'profile = "{where.as_posix()}"'
    if not config_path.exists():
        return f"Next: create {config_path} with\n  [persona]\n  {line}"
    text = f"Next: in {config_path}, under [persona], set\n  {line}"
    persona = _persona(config_path)
    if persona is None:
        return text
    if persona.profile.resolve() == out.resolve():
        return f"{config_path} already uses this profile."
    unmatched = _unmatched(out, persona.private)
    if unmatched:
        names = ", ".join(repr(path) for path in unmatched)
        text += (
            f"\n  and in private = [...]: {names} match nothing in this profile (fields of the"
            " one it replaces): take them out, or every command warns about them"
        )
    return text


def _unmatched(out: Path, private: tuple[str, ...]) -> list[str]:
    """The config's private field paths that name nothing in the profile at `out` (phrases,
    entries with a space, are withheld wherever they appear and never warn)."""
    from core.persona.profiles.profile import ProfileError, load_profile

    try:
        plain = set(load_profile(out).warnings)
        return [
            path
            for path in private
            if " " not in path.strip() and set(load_profile(out, (path,)).warnings) - plain
        ]
    except ProfileError:
        return []


def report_text(
    resume: Resume, resumes: list[Resume], out: Path, profile: Profile | str, config_path: Path
) -> str:
    """What was found, what was skipped and withheld, and the config line to add."""
    from core.importer.model import SECTIONS
    from core.importer.report import found_lines
    from core.privacy.withheld import summary

    lines = [f"Wrote {out}"]
    for one in resumes:
        where = ", ".join(Path(s).name for s in one.sources)
        lines.append(f"  from {where}")
        if one.skipped:
            shown = ", ".join(one.skipped[:8]) + (" ..." if len(one.skipped) > 8 else "")
            lines.append(
                f"    skipped {len(one.skipped)} files that are not part of a profile (never"
                f" read): {shown}"
            )
    lines += found_lines(resume, SECTIONS)
    if isinstance(profile, str):
        lines.append(f"Warning: the twin cannot read it yet: {profile}")
    else:
        lines.append(
            f"Privacy: {summary(profile.withheld)}; the twin sees {len(profile.chunks)}"
            " sections (`twin privacy` lists what is withheld)"
        )
    lines.append(_config_line(out, config_path))
    return "\n".join(lines)
