"""`python -m messaging migrate`: bring the configured database to the newest schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from portalkit.migrations import upgrade

from messaging.settings import MessagingSettings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m messaging")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="run the alembic migrations up to head on DATABASE_URL")
    parser.parse_args(argv)
    upgrade(MIGRATIONS_DIR, MessagingSettings.from_env().database_url)


if __name__ == "__main__":
    main()
