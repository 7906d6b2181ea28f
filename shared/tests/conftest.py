import os
from collections.abc import Iterator

import pytest
from portalkit.db import make_engine
from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from portalkit.testing import define_effects_table, temporary_database, temporary_vhost
from sqlalchemy import Engine, MetaData

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

metadata = MetaData()
define_outbox_table(metadata)
define_inbox_table(metadata)
define_effects_table(metadata)


@pytest.fixture(scope="session")
def amqp_url() -> Iterator[str]:
    with temporary_vhost() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "portalkit") as url:
        engine = make_engine(url)
        metadata.create_all(engine)
        yield engine
        engine.dispose()
