"""Real databases (SQLite and PostgreSQL, built by the migrations), a RabbitMQ vhost, tokens."""

import dataclasses
import datetime as dt
import json
import os
import socket
import threading
import uuid
from pathlib import Path

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from messaging.app import create_app
from messaging.settings import MessagingSettings
from messaging.worker import uow_factory_for
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.clock import UTC, FixedClock
from portalkit.db import make_engine
from portalkit.events import new_envelope
from portalkit.migrations import upgrade
from portalkit.outbox import OutgoingMessage
from portalkit.sealed import Sealer, new_key
from portalkit.storage import LocalFolderStore, s3_client
from portalkit.testing import temporary_database, temporary_vhost
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

POSTGRES_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
SEALED_KEY = new_key()


@pytest.fixture(scope="session")
def amqp_url():
    with temporary_vhost() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    base = "sqlite://" if request.param == "sqlite" else POSTGRES_URL
    with temporary_database(base, "messaging") as url:
        upgrade(MIGRATIONS, url)
        yield url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    return FixedClock(dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


@pytest.fixture
def uow_factory(engine, clock):
    return uow_factory_for(engine, clock)


@pytest.fixture
def settings(database_url, amqp_url, tmp_path):
    return MessagingSettings(
        database_url=database_url,
        amqp_url=amqp_url,
        mail_dir=str(tmp_path / "mail"),
        sealed_payload_key=SEALED_KEY,
        jwks_url="http://jwks.invalid/jwks.json",
    )


@pytest.fixture
def invitation_sent():
    """An invitations.invitation.sent event as the invitations service would publish it."""

    def make(practice_id="practice-a", to="ana.lima@example.com", token=None):
        token = token or f"tok_{uuid.uuid4().hex}"
        details = {
            "to": to,
            "recipient_name": "Ana Lima",
            "practice_name": "Harbour & Pine Counselling",
            "accept_url": f"https://portal.example/invitations/{token}",
            "expires_at": "2026-01-12T17:30:00Z",
        }
        data = {
            "invitation_id": str(uuid.uuid4()),
            "client_id": str(uuid.uuid4()),
            "expires_at": "2026-01-12T17:30:00Z",
            "resend": False,
            "delivery": Sealer(SEALED_KEY).seal(details),
        }
        return new_envelope("invitations.invitation.sent", data, practice_id, FixedClock())

    return make


@dataclasses.dataclass
class Tokens:
    key: RSAKey
    clock: FixedClock

    def jwks(self, _url):
        return KeySet([self.key]).as_dict(private=False)

    def issue(self, role="owner", practice_id="practice-a", account_id=None, profile_id=None):
        now = int(self.clock.now().timestamp())
        claims = {
            "iss": "portal-identity",
            "aud": "portal",
            "sub": account_id or str(uuid.uuid4()),
            "practice_id": practice_id,
            "role": role,
            "email": "staff@example.com",
            "profile_id": profile_id,
            "iat": now,
            "exp": now + 600,
        }
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"}, private=True)


@pytest.fixture
def tokens(signing_key, clock):
    return Tokens(signing_key, clock)


class Background:
    """Loops on threads, like a worker runs them; stopped and joined when the test ends."""

    def __init__(self):
        self.stop = threading.Event()
        self.threads = []

    def start(self, *loops):
        for loop in loops:
            thread = threading.Thread(target=loop, args=(self.stop,), daemon=True)
            thread.start()
            self.threads.append(thread)


@pytest.fixture
def background():
    running = Background()
    yield running
    running.stop.set()
    for thread in running.threads:
        thread.join(timeout=10)


class FakeDirectory:
    """Identity as threads ask it: the clients and staff of each practice."""

    def __init__(self):
        self.clients = set()
        self.staff = {}
        # (practice_id, client_id, account_id): an account that opens another profile (partner, guardian).
        self.links = set()

    def client_exists(self, practice_id, client_id):
        return (practice_id, client_id) in self.clients

    def account_reaches(self, practice_id, client_id, account_id):
        return (practice_id, client_id, account_id) in self.links

    def staff_ids(self, practice_id, roles):
        return {account for account, role in self.staff.get(practice_id, {}).items() if role in roles}

    def practice_name(self, practice_id):
        return "Harbour & Pine Counselling"


@dataclasses.dataclass
class Person:
    account_id: str
    headers: dict
    client_id: str | None = None


@pytest.fixture
def directory():
    return FakeDirectory()


@pytest.fixture
def scanner():
    """None: the settings' (VIRUS_SCAN off). A test module overrides it to scan."""
    return None


@pytest.fixture
def app(settings, clock, tokens, directory, tmp_path, scanner):
    app = create_app(settings, clock, directory, LocalFolderStore(tmp_path / "objects"), scanner)
    verifier = TokenVerifier(
        settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=tokens.jwks
    )
    install_verifier(app, verifier)
    yield app
    app.extensions["messaging_engine"].dispose()


@pytest.fixture
def web(app):
    return app.test_client()


@pytest.fixture
def person(tokens, directory):
    def person(role, practice_id="practice-a"):
        account_id = str(uuid.uuid4())
        if role == "client":
            client_id = str(uuid.uuid4())
            directory.clients.add((practice_id, client_id))
            token = tokens.issue(role, practice_id, account_id=account_id, profile_id=client_id)
            return Person(account_id, {"Authorization": f"Bearer {token}"}, client_id)
        directory.staff.setdefault(practice_id, {})[account_id] = role
        return Person(account_id, {"Authorization": f"Bearer {tokens.issue(role, practice_id, account_id)}"})

    return person


@pytest.fixture
def ana(person):
    return person("client")


@pytest.fixture
def dana(person):
    return person("clinician")


@pytest.fixture
def run_inbox(settings, background):
    """Consumes `inbox`'s queue in the background (a real RabbitMQ consumer); the list of the ids of the
    events it handled grows as they are."""

    def run(inbox, queue):
        handled = []

        def handle(envelope):
            inbox.handle(envelope)
            handled.append(envelope.id)

        consumer = EventConsumer(settings.amqp_url, queue, inbox.event_types, handle)
        background.start(consumer.run)
        assert consumer.ready.wait(10)
        return handled

    return run


@pytest.fixture
def publish_events(settings):
    """Publishes envelopes to the broker with confirms, as a producer's outbox relay would."""

    def publish(*envelopes):
        publisher = ConfirmingPublisher(settings.amqp_url)
        try:
            publisher.publish_batch([OutgoingMessage.of(envelope) for envelope in envelopes])
        finally:
            publisher.close()

    return publish


class FakeProvider:
    """An SMS provider's API: records each request, answers with the status it is told to."""

    def __init__(self):
        self.requests = []
        self.status = 202
        self._server = make_server("127.0.0.1", 0, self._app)
        self.url = f"http://127.0.0.1:{self._server.server_port}/messages"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _app(self, environ, start_response):
        request = Request(environ)
        self.requests.append({"path": request.path, "headers": dict(request.headers), "json": request.get_json()})
        return Response(json.dumps({"id": "provider-1"}), status=self.status)(environ, start_response)

    def close(self):
        self._server.shutdown()
        self._thread.join(5)


@pytest.fixture
def provider():
    running = FakeProvider()
    yield running
    running.close()


@pytest.fixture
def composed_invitation():
    """Makes a queued invitation email and the message composed of it, as the sender hands it over."""
    return _composed_invitation


def _composed_invitation(now, sender="Client portal <no-reply@portal.example>"):
    from messaging.adapters.mail import compose_message
    from messaging.domain.invitation_email import InvitationDelivery, render_invitation
    from messaging.domain.outbound_email import OutboundEmail

    delivery = InvitationDelivery(
        to="ana.lima@example.com",
        recipient_name="Ana Lima",
        practice_name="Harbour & Pine Counselling",
        accept_url="https://portal.example/invitations/tok_smtp",
        expires_at=now + dt.timedelta(days=7),
    )
    email = OutboundEmail.queue(
        practice_id="p",
        cause_event_id=str(uuid.uuid4()),
        correlation_id="c",
        template="invitation",
        recipient=delivery.to,
        content=render_invitation(delivery),
        now=now,
    )
    return email, compose_message(email, sender, now)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server, spoken to over HTTP like any S3-compatible store, with the portal's bucket."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_web(settings, clock, tokens, directory, s3_endpoint):
    on_s3 = dataclasses.replace(
        settings,
        storage_backend="s3",
        s3_endpoint_url=s3_endpoint,
        s3_bucket="portal-objects",
        s3_region="us-east-1",
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )
    s3_client(on_s3).create_bucket(Bucket="portal-objects")
    app = create_app(on_s3, clock, directory)
    install_verifier(
        app, TokenVerifier(on_s3.jwks_url, on_s3.token_issuer, on_s3.token_audience, clock, fetch=tokens.jwks)
    )
    yield app.test_client()
    app.extensions["messaging_engine"].dispose()
