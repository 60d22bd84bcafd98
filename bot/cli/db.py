"""`twin db status` and `twin db copy --to postgresql://...`: the store, seen and moved.

Neither builds a twin (no profile, no model): status only reads, copy only writes the target.
URLs are shown with the password replaced by ***.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import asdict

from core.config import Config
from core.store.copy import copy_sqlite_to_postgres
from core.store.inspect import DbStatus, db_status
from core.store.records import StoreError
from core.store.urls import DATABASE_URL_ENV, DatabaseUrlError, parse_database_url


def add_db_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """`twin db status [--json]` and `twin db copy [--to URL]`."""
    db = sub.add_parser("db", parents=[common], help="the database: status, copy to PostgreSQL")
    actions = db.add_subparsers(dest="db_command", required=True)
    status = actions.add_parser(
        "status", parents=[common], help="backend, schema version, row counts, where it points"
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    copy = actions.add_parser(
        "copy", parents=[common], help="copy this twin's SQLite history to PostgreSQL"
    )
    copy.add_argument(
        "--to",
        metavar="URL",
        help=f"postgresql://user:password@host:5432/database (default: ${DATABASE_URL_ENV})",
    )


def status_text(status: DbStatus) -> str:
    lines = [
        f"Backend: {'PostgreSQL' if status.backend == 'postgresql' else 'SQLite'}"
        + (f" {status.server}" if status.server else ""),
        f"Where: {status.where}",
        f"Schema: version {status.schema_version} of {status.known_version} ({status.state})",
    ]
    if status.size_bytes is not None:
        lines.append(f"Size: {status.size_bytes / 1_048_576:.1f} MB")
    if status.counts:
        width = max(len(name) for name, _ in status.counts)
        lines.append("Rows:")
        lines += [f"  {name:<{width}}  {count:>9,}" for name, count in status.counts]
    return "\n".join(lines)


async def run_db(args: argparse.Namespace, config: Config, env: Mapping[str, str]) -> int:
    """Run a `twin db` command; StoreError propagates (the CLI prints it and exits 2)."""
    if args.db_command == "status":
        status = await db_status(config.storage, env)
        if args.json:
            print(json.dumps(asdict(status) | {"state": status.state}, indent=2))
        else:
            print(status_text(status))
        return 0
    raw = args.to or env.get(DATABASE_URL_ENV, "")
    if not raw:
        raise StoreError(
            f"twin db copy: give --to postgresql://... (or set {DATABASE_URL_ENV}): where to copy"
        )
    try:
        target = parse_database_url(raw)
    except DatabaseUrlError as exc:
        raise StoreError(str(exc).replace(DATABASE_URL_ENV, "--to")) from None
    source = config.storage.path
    print(f"Copying {source} to {target.redacted()} ...", file=sys.stderr)
    report = await copy_sqlite_to_postgres(source, target)
    for table, count in report.rows:
        print(f"  {table:<12} {count:>9,} rows")
    print(
        f"Done: {report.target} now holds this twin's history. Start the twin with "
        f"{DATABASE_URL_ENV} set to it.",
        file=sys.stderr,
    )
    return 0
