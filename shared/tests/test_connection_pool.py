"""PostgreSQL connections in the pool: tested after they sat idle, not on every checkout."""

import os
from collections.abc import Iterator

import pytest
from portalkit import db
from portalkit.db import make_engine, ping_after_idle
from portalkit.testing import temporary_database
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def database_url() -> Iterator[str]:
    with temporary_database(POSTGRES_URL, "pool") as url:
        yield url


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def terminate(database_url: str, pid: int) -> None:
    admin = create_engine(database_url, poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


def one_connection_engine(database_url: str, idle_seconds: float) -> Engine:
    engine = create_engine(database_url, pool_size=1, max_overflow=0)
    ping_after_idle(engine, idle_seconds)
    return engine


def test_a_connection_lost_while_idle_is_replaced_before_anyone_uses_it(database_url):
    engine = one_connection_engine(database_url, idle_seconds=0.0)
    lost = backend_pid(engine)
    terminate(database_url, lost)

    assert backend_pid(engine) != lost  # no error: the checkout's test found it dead and reconnected
    engine.dispose()


def test_a_connection_in_steady_use_is_not_tested_and_a_loss_fails_one_statement_only(database_url):
    engine = one_connection_engine(database_url, idle_seconds=3600.0)
    lost = backend_pid(engine)
    terminate(database_url, lost)

    with pytest.raises(OperationalError), engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert backend_pid(engine) != lost  # the failure dropped it; the next checkout connects anew
    engine.dispose()


def test_the_portal_engine_tests_idle_connections_instead_of_every_checkout(database_url, monkeypatch):
    monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)
    engine = make_engine(database_url)
    assert not engine.pool._pre_ping
    lost = backend_pid(engine)
    terminate(database_url, lost)

    assert backend_pid(engine) != lost
    engine.dispose()
