"""`python -m invitations migrate`: bring the configured database to the newest schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from portalkit.migrations import upgrade

from invitations.settings import InvitationsSettings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m invitations")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="run the database migrations up to the newest")
    parser.parse_args(argv)
    upgrade(MIGRATIONS_DIR, InvitationsSettings.from_env().database_url)


if __name__ == "__main__":
    main()
