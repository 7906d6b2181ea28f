"""`python -m billing migrate [--revision REV] | downgrade --revision REV`: the database schema."""

from __future__ import annotations

import argparse

from portalkit import migrations

from billing.settings import BillingSettings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m billing")
    migrations.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    migrations.run_command(
        args, migrations.migrations_dir("billing", __file__), BillingSettings.from_env().database_url
    )


if __name__ == "__main__":
    main()
