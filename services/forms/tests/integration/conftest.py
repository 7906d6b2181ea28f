"""The service on real databases (SQLite and PostgreSQL, built by its migrations), real-looking JWTs,
and the fake identity client."""

import functools
import os
import threading
import uuid
from pathlib import Path

import pytest
from forms.adapters.unit_of_work import FormsUnitOfWork
from forms.app import create_app
from forms.service.reminders import ReminderMailing
from forms.service.scheduling import sweep
from forms.settings import FormsSettings
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.sealed import Sealer, new_key
from portalkit.testing import outbox_events, temporary_database

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request):
    """One migrated database per engine for the session; every test uses clients of its own."""
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "forms") as url:
        upgrade(MIGRATIONS_DIR, url)
        yield url


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"})


@pytest.fixture
def settings(database_url):
    return FormsSettings(database_url=database_url, internal_token="internal-secret")


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def app(settings, clock, identity, signing_key):
    app = create_app(settings, clock, identity)
    jwks = KeySet([signing_key]).as_dict(private=False)
    verifier = TokenVerifier(
        settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=lambda url: jwks
    )
    install_verifier(app, verifier)
    yield app
    app.extensions["forms_engine"].dispose()


@pytest.fixture
def web(app):
    return app.test_client()


@pytest.fixture
def engine(app):
    return app.extensions["forms_engine"]


@pytest.fixture
def practice():
    """A practice of its own for each test, so tests never see each other's rows."""
    return f"practice-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def signed_in(settings, clock, signing_key, practice):
    """Headers of a caller signed in with a role, as identity would issue them."""

    def signed_in(role="clinician", profile_id=None, practice_id=None, account_id=None):
        now = int(clock.now().timestamp())
        claims = {
            "iss": settings.token_issuer,
            "aud": settings.token_audience,
            "sub": account_id or str(uuid.uuid4()),
            "practice_id": practice_id or practice,
            "role": role,
            "email": f"{role}@example.org",
            "profile_id": profile_id,
            "sid": str(uuid.uuid4()),
            "iat": now,
            "exp": now + 900,
            "jti": str(uuid.uuid4()),
        }
        token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, signing_key)
        return {"Authorization": f"Bearer {token}"}

    return signed_in


@pytest.fixture
def client_id(identity, practice):
    return identity.add_client(practice)


@pytest.fixture
def as_client(signed_in, client_id):
    """The client's own headers (a client account acting for its own profile)."""
    return signed_in("client", profile_id=client_id)


@pytest.fixture
def assign(web, signed_in, client_id):
    def assign(template, client=None, headers=None, **body):
        return web.post(
            f"/api/v1/staff/clients/{client or client_id}/assignments",
            json={"template": template, **body},
            headers=headers or signed_in("clinician"),
        )

    return assign


@pytest.fixture
def events(engine, practice):
    """The events this test's practice caused, of one type."""

    def events(event_type):
        return [e for e in outbox_events(engine, event_type) if e.practice_id == practice]

    return events


@pytest.fixture
def two_schedulers_at_once(database_url, identity, clock):
    """Run two scheduler sweeps together, each on an engine of its own; their results. On PostgreSQL they
    really overlap (SKIP LOCKED); SQLite lets one writer in at a time."""

    def run(batch_size):
        mailing = ReminderMailing(Sealer(new_key()), "https://portal.example")
        engines = [make_engine(database_url) for _ in range(2)]
        start, results = threading.Barrier(2), []

        def scheduler(engine):
            unit_of_work = functools.partial(FormsUnitOfWork, make_session_factory(engine), clock)
            start.wait()
            results.append(sweep(unit_of_work, identity, mailing, batch_size=batch_size))

        threads = [threading.Thread(target=scheduler, args=(engine,)) for engine in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        for engine in engines:
            engine.dispose()
        return results

    return run
