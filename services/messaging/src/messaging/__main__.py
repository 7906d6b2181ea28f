"""`python -m messaging migrate [--revision REV] | downgrade --revision REV`: the database schema."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from alembic import command
from portalkit.migrations import alembic_config, upgrade

from messaging.settings import MessagingSettings


def migrations_dir() -> Path:
    # A wheel installed in the container image has no source tree beside it; the image says where
    # it keeps the scripts (MESSAGING_MIGRATIONS_DIR, or MIGRATIONS_DIR).
    configured = os.environ.get("MESSAGING_MIGRATIONS_DIR") or os.environ.get("MIGRATIONS_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m messaging")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="upgrade DATABASE_URL to the newest schema (or --revision)")
    migrate.add_argument("--revision", default="head")
    rollback = commands.add_parser("downgrade", help="undo migrations down to --revision (an id, -1, or base)")
    rollback.add_argument("--revision", required=True)
    args = parser.parse_args(argv)
    database_url = MessagingSettings.from_env().database_url
    if args.command == "migrate":
        upgrade(migrations_dir(), database_url, args.revision)
    else:
        command.downgrade(alembic_config(migrations_dir(), database_url), args.revision)


if __name__ == "__main__":
    main()
