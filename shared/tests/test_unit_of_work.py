"""A unit of work read as one moment: REPEATABLE READ on PostgreSQL for its own transaction only."""

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from portalkit.clock import FixedClock
from portalkit.db import UnitOfWork, make_engine, make_session_factory
from portalkit.testing import temporary_database
from sqlalchemy import text

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def unit_of_work() -> Iterator[UnitOfWork]:
    with temporary_database(POSTGRES_URL, "moment") as url:
        engine = make_engine(url, pool_size=1, max_overflow=0)  # every unit of work on the one connection
        yield UnitOfWork(make_session_factory(engine), FixedClock(dt.datetime(2026, 12, 3, tzinfo=dt.UTC)))
        engine.dispose()


def isolation(uow: UnitOfWork) -> str:
    return str(uow.session.execute(text("SHOW transaction_isolation")).scalar_one())


def test_only_the_transaction_read_as_one_moment_is_repeatable_read(unit_of_work: UnitOfWork) -> None:
    with unit_of_work as uow:
        uow.read_as_one_moment()
        during = isolation(uow)
    with unit_of_work as uow:
        after = isolation(uow)

    assert (during, after) == ("repeatable read", "read committed")
