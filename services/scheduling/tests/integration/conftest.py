"""The service on real databases (SQLite and PostgreSQL, built by its migrations), real-looking JWTs,
and the fake identity client."""

import datetime as dt
import functools
import os
import threading
import uuid
from pathlib import Path

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.sealed import Sealer, new_key
from portalkit.testing import outbox_events, temporary_database
from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.app import create_app
from scheduling.service.reminders import ReminderMailing, sweep
from scheduling.settings import SchedulingSettings

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request):
    """One migrated database per engine for the session; every test uses a practice of its own."""
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "scheduling") as url:
        upgrade(MIGRATIONS_DIR, url)
        yield url


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"})


@pytest.fixture
def settings(database_url):
    return SchedulingSettings(
        database_url=database_url, internal_token="internal-secret", public_base_url="https://portal.example"
    )


@pytest.fixture
def clock():
    # Monday 2 March 2026, 08:00 in New York: a week before clocks spring forward.
    return FixedClock(dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC))


@pytest.fixture
def app(settings, clock, identity, signing_key):
    app = create_app(settings, clock, identity)
    jwks = KeySet([signing_key]).as_dict(private=False)
    verifier = TokenVerifier(
        settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=lambda url: jwks
    )
    install_verifier(app, verifier)
    yield app
    app.extensions["scheduling_engine"].dispose()


@pytest.fixture
def web(app):
    return app.test_client()


@pytest.fixture
def engine(app):
    return app.extensions["scheduling_engine"]


@pytest.fixture
def practice():
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
def clinician_id(identity, practice):
    return identity.add_clinician(practice)


@pytest.fixture
def as_client(signed_in, client_id):
    return signed_in("client", profile_id=client_id)


@pytest.fixture
def book(web, signed_in, clinician_id, client_id):
    """Staff book a 50-minute video appointment (or what `body` says)."""

    def book(starts_at, **body):
        appointment = {
            "clinician_id": clinician_id,
            "client_id": client_id,
            "type_name": "Individual session",
            "starts_at": starts_at,
            "duration_minutes": 50,
            "mode": "video",
        }
        return web.post("/api/v1/staff/appointments", json=appointment | body, headers=signed_in("front_desk"))

    return book


@pytest.fixture
def events(engine, practice):
    """The events this test's practice caused, of one type."""

    def events(event_type):
        return [e for e in outbox_events(engine, event_type) if e.practice_id == practice]

    return events


@pytest.fixture
def sealer():
    return Sealer(new_key())


@pytest.fixture
def schedulers_at_once(database_url, identity, clock, sealer):
    """Run `count` reminder sweeps together, each on an engine of its own; on PostgreSQL they truly
    overlap, SQLite lets one writer in at a time."""

    def run(count=2):
        mailing = ReminderMailing(sealer, "https://portal.example")
        engines = [make_engine(database_url) for _ in range(count)]
        start, results = threading.Barrier(count), []

        def scheduler(engine):
            unit_of_work = functools.partial(SchedulingUnitOfWork, make_session_factory(engine), clock)
            start.wait()
            results.append(sweep(unit_of_work, identity, mailing, batch_size=50))

        threads = [threading.Thread(target=scheduler, args=(engine,)) for engine in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        for engine in engines:
            engine.dispose()
        return results

    return run
