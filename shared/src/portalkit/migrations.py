"""Alembic, driven from code: each service keeps its scripts in `services/<name>/migrations/`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def downgrade(migrations_dir: Path, database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(migrations_dir, database_url), revision)


def migrations_dir(service: str, package_file: str) -> Path:
    """Where a service's scripts are: `services/<name>/migrations/` beside its source, unless the
    environment says otherwise (`<SERVICE>_MIGRATIONS_DIR` or `MIGRATIONS_DIR`): an image built from
    wheels has no source tree, so it keeps the scripts elsewhere."""
    configured = os.environ.get(f"{service.upper()}_MIGRATIONS_DIR") or os.environ.get("MIGRATIONS_DIR")
    return Path(configured) if configured else Path(package_file).resolve().parents[2] / "migrations"


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`migrate [--revision REV]` and `downgrade --revision REV` for a service's command line."""
    migrate = commands.add_parser("migrate", help="upgrade the database to the newest schema (or --revision)")
    migrate.add_argument("--revision", default="head")
    rollback = commands.add_parser("downgrade", help="undo migrations down to --revision (an id, -1, or base)")
    rollback.add_argument("--revision", required=True)


def run_command(args: argparse.Namespace, scripts: Path, database_url: str) -> bool:
    """Run `migrate` or `downgrade` if that is the command; False for any other command."""
    if args.command == "migrate":
        upgrade(scripts, database_url, args.revision)
    elif args.command == "downgrade":
        downgrade(scripts, database_url, args.revision)
    else:
        return False
    return True


def run_env(metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    from alembic import context as alembic_context
    from sqlalchemy import pool

    from portalkit.db import make_engine

    config = alembic_context.config
    url = config.get_main_option("sqlalchemy.url") or ""
    if alembic_context.is_offline_mode():
        alembic_context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with alembic_context.begin_transaction():
            alembic_context.run_migrations()
        return
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        alembic_context.configure(
            connection=connection, target_metadata=metadata, render_as_batch=url.startswith("sqlite")
        )
        with alembic_context.begin_transaction():
            alembic_context.run_migrations()
    engine.dispose()
