"""What an operator types is real: .env.example names every setting each service reads, the image's
way of finding migrations works from outside the source tree, rollbacks work, and the PostgreSQL init
script of docker-compose.yml gives each service a database of its own."""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
import sqlalchemy
from portalkit.settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
WITH_DATABASE = [name for name in SERVICES if (ROOT / "services" / name / "migrations").is_dir()]
POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def settings_names(service: str) -> set[str]:
    module = importlib.import_module(f"{service}.settings")
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseSettings) and value is not BaseSettings
    ]
    return {field.name.upper() for cls in classes for field in dataclasses.fields(cls)} - {"SERVICE_NAME"}


@pytest.mark.parametrize("service", SERVICES)
def test_env_example_names_every_setting_of_the_service(service):
    listed = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\b", (ROOT / ".env.example").read_text()))

    assert settings_names(service) - listed == set()


def cli(service: str):
    """The service's `python -m <service>` entry point, called in-process (imports are the slow part)."""
    module = "identity.cli" if service == "identity" else f"{service}.__main__"
    return importlib.import_module(module).main


@pytest.mark.parametrize("service", WITH_DATABASE)
def test_migrations_run_from_the_folder_the_image_names_and_roll_back(tmp_path, monkeypatch, service):
    # As in the image: the scripts are elsewhere than beside the package, named by <SERVICE>_MIGRATIONS_DIR.
    scripts = shutil.copytree(ROOT / "services" / service / "migrations", tmp_path / "migrations" / service)
    database = tmp_path / f"{service}.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv(f"{service.upper()}_MIGRATIONS_DIR", str(scripts))
    engine = sqlalchemy.create_engine(f"sqlite:///{database}")

    cli(service)(["migrate"])
    assert {"alembic_version", "outbox"} <= set(sqlalchemy.inspect(engine).get_table_names())

    cli(service)(["downgrade", "--revision", "base"])
    assert sqlalchemy.inspect(engine).get_table_names() == ["alembic_version"]
    engine.dispose()


def test_a_missing_migrations_folder_is_an_error_not_an_empty_schema(tmp_path, monkeypatch):
    service = WITH_DATABASE[0]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    monkeypatch.setenv(f"{service.upper()}_MIGRATIONS_DIR", str(tmp_path / "nowhere"))

    with pytest.raises(Exception, match="nowhere"):
        cli(service)(["migrate"])


def test_the_postgres_init_script_gives_each_service_its_own_database():
    if shutil.which("psql") is None:
        pytest.fail("psql (postgresql-client) runs the init script as the postgres image does")
    suffix = secrets.token_hex(4)
    names = [f"deploy_{suffix}_a", f"deploy_{suffix}_b"]
    env = {**os.environ, "PGHOST": "127.0.0.1", "POSTGRES_USER": "postgres", "PORTAL_DATABASES": " ".join(names)}
    env.update({f"{name.upper()}_DB_PASSWORD": secrets.token_urlsafe(16) for name in names})
    try:
        created = subprocess.run(
            ["sh", str(ROOT / "deploy/docker/postgres-init/10-portal-databases.sh")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert created.returncode == 0, created.stderr
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            owners = dict(
                connection.execute(
                    "SELECT datname, pg_get_userbyid(datdba) FROM pg_database WHERE datname = ANY(%s)", [names]
                ).fetchall()
            )
            assert owners == {name: name for name in names}
            may_connect = connection.execute("SELECT has_database_privilege(%s, %s, 'CONNECT')", [names[0], names[1]])
            assert may_connect.fetchone() == (False,)
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'DROP ROLE IF EXISTS "{name}"')
