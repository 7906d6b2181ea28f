"""Identity on a migrated SQLite and PostgreSQL database, driven through the Flask test client."""

import os
from pathlib import Path

import pytest
from identity.adapters.orm import metadata
from identity.adapters.password_hasher import PasswordHasher
from identity.app import create_app
from identity.service import accounts
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.settings import IdentitySettings
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.testing import temporary_database, temporary_vhost
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
INTERNAL_TOKEN = "internal-test-token"
STAFF_PASSWORD = "quiet harbour lights"


@pytest.fixture(scope="session")
def amqp_url():
    with temporary_vhost() as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated_url(request):
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "identity") as url:
        upgrade(MIGRATIONS, url)
        yield url


@pytest.fixture
def database_url(migrated_url):
    """The migrated database, emptied after each test; the signing key stays (RSA keys are slow to make)."""
    yield migrated_url
    engine = (
        make_engine(migrated_url, poolclass=NullPool)
        if migrated_url.startswith("sqlite")
        else create_engine(migrated_url, poolclass=NullPool)
    )
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            if table.name != "signing_keys":
                connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def settings(database_url):
    return IdentitySettings(
        database_url=database_url,
        internal_token=INTERNAL_TOKEN,
        amqp_url="amqp://guest:guest@127.0.0.1:5672/%2F",
    )


@pytest.fixture
def app(settings, clock):
    app = create_app(settings, clock)
    yield app
    app.extensions["identity_engine"].dispose()


@pytest.fixture
def engine(app):
    return app.extensions["identity_engine"]


@pytest.fixture
def http(app):
    return app.test_client()


@pytest.fixture
def add_staff(engine, clock):
    """Create a practice (when new) with a staff account; returns its ids."""

    def add(practice_name="Harbour Therapy", email="lead@harbour.test", role="owner"):
        uow = IdentityUnitOfWork(make_session_factory(engine), clock)
        return accounts.ensure_staff(uow, practice_name, email, STAFF_PASSWORD, role, PasswordHasher())

    return add


@pytest.fixture
def sign_in(http):
    """Sign in and return the token answer (asserting success)."""

    def login(email, password=STAFF_PASSWORD):
        answer = http.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert answer.status_code == 200, answer.json
        return answer.json

    return login


@pytest.fixture
def staff(add_staff, sign_in):
    """An owner of a practice, signed in: `staff["headers"]` carries the bearer token."""
    ids = add_staff()
    tokens = sign_in("lead@harbour.test")
    return {**ids, **tokens, "headers": {"Authorization": f"Bearer {tokens['access_token']}"}}


@pytest.fixture
def internal():
    return {"X-Internal-Token": INTERNAL_TOKEN}


@pytest.fixture
def new_client(http, staff):
    """Staff add a client; returns the created client."""

    def create(email="robin@example.test", **details):
        body = {"first_name": "Robin", "last_name": "Hale", "email": email, **details}
        answer = http.post("/api/v1/staff/clients", json=body, headers=staff["headers"])
        assert answer.status_code == 201, answer.json
        return answer.json

    return create
