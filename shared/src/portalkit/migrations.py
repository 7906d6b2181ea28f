"""Alembic, driven from code: each service keeps its scripts in `services/<name>/migrations/`."""

from __future__ import annotations

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
