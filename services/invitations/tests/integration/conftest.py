"""The service on real databases (SQLite and PostgreSQL, built by its migrations), real-looking JWTs,
and the fake identity client."""

import os
import time
import uuid
from pathlib import Path

import pytest
from invitations.app import create_app
from invitations.settings import InvitationsSettings
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import FixedClock
from portalkit.migrations import upgrade
from portalkit.sealed import Sealer, new_key
from portalkit.testing import temporary_database, temporary_vhost

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request):
    """One migrated database per engine for the session; every test uses clients of its own."""
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "invitations") as url:
        upgrade(MIGRATIONS_DIR, url)
        yield url


@pytest.fixture(scope="session")
def amqp_url():
    with temporary_vhost() as url:
        yield url


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"})


@pytest.fixture
def settings(database_url):
    return InvitationsSettings(
        database_url=database_url,
        sealed_payload_key=new_key(),
        internal_token="internal-secret",
        public_base_url="https://portal.example",
    )


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
    app.extensions["invitations_engine"].dispose()


@pytest.fixture
def web(app):
    return app.test_client()


@pytest.fixture
def engine(app):
    return app.extensions["invitations_engine"]


@pytest.fixture
def sealer(settings):
    return Sealer(settings.sealed_payload_key)


@pytest.fixture
def signed_in(settings, clock, signing_key):
    """Headers of a caller signed in to a practice with a role, as identity would issue them."""

    def signed_in(practice_id="practice-1", role="front_desk", profile_id=None):
        now = int(clock.now().timestamp())
        claims = {
            "iss": settings.token_issuer,
            "aud": settings.token_audience,
            "sub": str(uuid.uuid4()),
            "practice_id": practice_id,
            "role": role,
            "email": f"{role}@{practice_id}.example",
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
def poll():
    def poll(condition, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out waiting"
            time.sleep(0.02)

    return poll
