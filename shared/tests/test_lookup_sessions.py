"""Lookups of one statement run outside a transaction on PostgreSQL; the pool's next user gets an
ordinary transactional connection back."""

import os

import pytest
from portalkit.db import lookup_session_factory, make_engine, make_session_factory
from portalkit.testing import temporary_database
from psycopg.pq import TransactionStatus
from sqlalchemy import text

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def engine():
    with temporary_database(POSTGRES_URL, "lookups") as url:
        engine = make_engine(url, pool_size=1, max_overflow=0)
        yield engine
        engine.dispose()


def server_side_status(session):
    return session.connection().connection.dbapi_connection.pgconn.transaction_status


def test_a_lookup_leaves_no_transaction_open_and_the_next_user_gets_one(engine):
    with lookup_session_factory(engine)() as lookup:
        assert lookup.execute(text("SELECT 1")).scalar_one() == 1
        assert server_side_status(lookup) == TransactionStatus.IDLE  # no BEGIN went before it

    with make_session_factory(engine)() as writer:  # the same pooled connection (pool of one)
        writer.execute(text("SELECT 1"))
        assert server_side_status(writer) == TransactionStatus.INTRANS


def test_on_sqlite_lookups_are_ordinary_sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'lookups.db'}")
    with lookup_session_factory(engine)() as lookup:
        lookup.execute(text("SELECT 1"))
        assert lookup.connection().connection.dbapi_connection.in_transaction  # BEGIN IMMEDIATE, as usual
    engine.dispose()
