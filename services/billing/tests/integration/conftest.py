"""The service on real databases (SQLite and PostgreSQL, built by its migrations) with the sandbox
processor on the same database, real-looking JWTs, and the fake identity client."""

import datetime as dt
import functools
import os
import uuid
from pathlib import Path

import pytest
from billing.adapters import orm
from billing.adapters.sandbox import SandboxProcessor
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.app import create_app
from billing.settings import BillingSettings
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.testing import outbox_events, temporary_database
from sqlalchemy import func, select

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request):
    """One migrated database per engine for the session; every test uses a practice of its own."""
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "billing") as url:
        upgrade(MIGRATIONS_DIR, url)
        yield url


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"})


@pytest.fixture
def settings(database_url):
    return BillingSettings(database_url=database_url, internal_token="internal-secret")


@pytest.fixture
def clock():
    return FixedClock(dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC))


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def processor(engine, clock, losing_answers):
    """The sandbox, with answers that can be lost or held."""
    return losing_answers(SandboxProcessor(engine, clock))


@pytest.fixture
def app(settings, clock, identity, processor, signing_key):
    app = create_app(settings, clock, identity, processor)
    jwks = KeySet([signing_key]).as_dict(private=False)
    verifier = TokenVerifier(
        settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=lambda url: jwks
    )
    install_verifier(app, verifier)
    yield app
    app.extensions["billing_engine"].dispose()


@pytest.fixture
def web(app):
    return app.test_client()


@pytest.fixture
def unit_of_work(engine, clock):
    return functools.partial(BillingUnitOfWork, make_session_factory(engine), clock)


@pytest.fixture
def practice():
    return f"practice-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def signed_in(settings, clock, signing_key, practice):
    """Headers of a caller signed in with a role, as identity would issue them."""

    def signed_in(role="billing", profile_id=None, account_id=None, practice_id=None):
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
            "exp": now + 30 * 86400,  # tests move the clock by hours
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
    return signed_in("client", profile_id=client_id, account_id=f"account-{client_id[:8]}")


@pytest.fixture
def as_staff(signed_in):
    return signed_in("billing")


@pytest.fixture
def save_card(web, as_client):
    """The browser's two steps: the sandbox tokenises the number, billing saves the token."""

    def save_card(number="4242 4242 4242 4242", headers=None):
        headers = headers or as_client
        card = {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}
        token = web.post("/api/v1/billing/sandbox/tokens", json=card, headers=headers)
        assert token.status_code == 201, token.json
        saved = web.post("/api/v1/billing/cards", json={"token": token.json["token"]}, headers=headers)
        assert saved.status_code == 201, saved.json
        return saved.json

    return save_card


@pytest.fixture
def issued_invoice(web, as_staff, client_id):
    """An issued invoice of a 150.00 session less a 20.00 discount (130.00)."""

    def issued_invoice(fee_cents=15000, discount_cents=2000, for_client=None):
        body = {
            "lines": [
                {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Psychotherapy, 45 min"}
                | {"fee_cents": fee_cents}
            ],
            "adjustments": [{"description": "Sliding scale", "amount_cents": discount_cents}] if discount_cents else [],
        }
        made = web.post(f"/api/v1/staff/clients/{for_client or client_id}/invoices", json=body, headers=as_staff)
        assert made.status_code == 201, made.json
        issued = web.post(f"/api/v1/staff/invoices/{made.json['id']}/issue", headers=as_staff)
        assert issued.status_code == 200, issued.json
        return issued.json

    return issued_invoice


@pytest.fixture
def pay(web, as_client):
    def pay(invoice_id, card_id, key=None, headers=None):
        headers = (headers or as_client) | {"Idempotency-Key": key or str(uuid.uuid4())}
        return web.post(f"/api/v1/billing/invoices/{invoice_id}/payments", json={"card_id": card_id}, headers=headers)

    return pay


@pytest.fixture
def events(engine, practice):
    """The events this test's practice caused, of one type."""

    def events(event_type):
        return [e for e in outbox_events(engine, event_type) if e.practice_id == practice]

    return events


@pytest.fixture
def sandbox_charges(engine):
    """How many times the sandbox charged for an invoice's attempts."""

    def count(invoice_id):
        attempts = select(orm.payment_attempts.c.id).where(orm.payment_attempts.c.invoice_id == invoice_id)
        query = (
            select(func.count())
            .select_from(orm.sandbox_charges)
            .where(orm.sandbox_charges.c.reference.in_(attempts), orm.sandbox_charges.c.charge_id.is_not(None))
        )
        with engine.connect() as connection:
            return connection.execute(query).scalar_one()

    return count
