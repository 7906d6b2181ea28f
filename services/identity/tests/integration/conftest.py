"""Identity on a migrated SQLite and PostgreSQL database, driven through the Flask test client."""

import os
import uuid
from pathlib import Path

import pyotp
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
from portalkit.sealed import Sealer, new_key
from portalkit.testing import outbox_events, temporary_database, temporary_vhost
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
INTERNAL_TOKEN = "internal-test-token"
STAFF_PASSWORD = "quiet harbour lights"
SEALED_KEY = new_key()


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
def settings(database_url, tmp_path):
    return IdentitySettings(
        database_url=database_url,
        var_dir=str(tmp_path),
        internal_token=INTERNAL_TOKEN,
        sealed_payload_key=SEALED_KEY,
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


CLIENT_PASSWORD = "lanterns over the bay"


@pytest.fixture
def mailed(engine):
    """What identity asked the notifier to mail: the unsealed deliveries of an event type, oldest first."""
    sealer = Sealer(SEALED_KEY)

    def deliveries(event_type, to=None):
        opened = [sealer.unseal(e.data["delivery"]) for e in outbox_events(engine, event_type)]
        return [d for d in opened if to is None or d["to"] == to]

    return deliveries


@pytest.fixture
def verify_email(http, mailed):
    """Use the newest verification link mailed to `email`."""

    def verify(email):
        url = mailed("identity.email_verification.requested", email)[-1]["verify_url"]
        answer = http.post("/api/v1/auth/verify-email", json={"token": url.rsplit("/", 1)[1]})
        assert answer.status_code == 200, answer.json
        return answer.json

    return verify


@pytest.fixture
def open_account(http, staff, new_client, internal):
    """A client with a portal account (not yet verified); returns the client with `email` and `account_id`."""

    def open_(email="robin@example.test", password=CLIENT_PASSWORD):
        client = new_client(email=email)
        body = {
            "practice_id": staff["practice_id"],
            "client_id": client["id"],
            "invitation_id": str(uuid.uuid4()),
            "email": email,
            "password": password,
            "agreements": [
                {"kind": kind, "version": "2026-01", "accepted_at": "2026-01-05T09:00:00Z"}
                for kind in ("terms", "privacy", "electronic_notices")
            ],
        }
        opened = http.post("/internal/accounts", json=body, headers=internal)
        assert opened.status_code == 201, opened.json
        return {**client, "email": email, "account_id": opened.json["account_id"]}

    return open_


@pytest.fixture
def client_account(open_account, verify_email):
    """A client whose account is open and verified."""
    client = open_account()
    verify_email(client["email"])
    return client


@pytest.fixture
def bearer_of():
    def headers(tokens):
        return {"Authorization": f"Bearer {tokens['access_token']}"}

    return headers


@pytest.fixture
def enrol_totp(http, clock, bearer_of):
    """Turn on an authenticator app for the signed-in `tokens`; returns its secret and recovery codes."""

    def enrol(tokens):
        started = http.post("/api/v1/me/2fa/totp", headers=bearer_of(tokens))
        assert started.status_code == 200, started.json
        secret = started.json["secret"]
        code = pyotp.TOTP(secret).at(clock.now())
        confirmed = http.post("/api/v1/me/2fa/totp/confirm", json={"code": code}, headers=bearer_of(tokens))
        assert confirmed.status_code == 200, confirmed.json
        return secret, confirmed.json["recovery_codes"]

    return enrol


@pytest.fixture
def texted(engine):
    """The unsealed deliveries of every code identity asked the notifier to text, oldest first."""
    sealer = Sealer(SEALED_KEY)

    def deliveries(to=None):
        opened = [
            {**sealer.unseal(e.data["delivery"]), "purpose": e.data["purpose"]}
            for e in outbox_events(engine, "identity.sms_code.requested")
        ]
        return [d for d in opened if to is None or d["to"] == to]

    return deliveries
