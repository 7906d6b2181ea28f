"""Fakes for tests: a broker that delivers in memory, an object store in a dict, and helpers to read
what a unit of work wrote."""

from __future__ import annotations

import contextlib
import json
import secrets
import subprocess
import tempfile
from collections.abc import Callable, Iterator

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    column,
    create_engine,
    make_url,
    select,
    table,
    text,
)
from sqlalchemy.pool import NullPool

from portalkit.broker import BrokerError
from portalkit.events import Envelope
from portalkit.outbox import OUTBOX, OutgoingMessage
from portalkit.storage import ObjectNotFound, StoredObject, check_content_type, check_key

EFFECTS = table("effects", column("id"), column("event_id"))


def define_effects_table(metadata: MetaData) -> Table:
    """A stand-in for a service's own state, for tests of the outbox and inbox machinery."""
    return Table(
        "effects", metadata, Column("id", Integer, primary_key=True), Column("event_id", String(36), nullable=False)
    )


class FakeBroker:
    """Stands in for RabbitMQ: publishing records the event and hands it to every subscriber."""

    def __init__(self) -> None:
        self.published: list[Envelope] = []
        self.down = False
        self._subscribers: dict[str, list[Callable[[Envelope], None]]] = {}

    def subscribe(self, event_type: str, handle: Callable[[Envelope], None]) -> None:
        self._subscribers.setdefault(event_type, []).append(handle)

    def publisher(self) -> FakeBroker:
        """A publisher factory for OutboxRelay: `OutboxRelay(engine, broker.publisher, clock)`."""
        if self.down:
            raise BrokerError("fake broker is down")
        return self

    def publish_batch(self, messages: list[OutgoingMessage]) -> None:
        if self.down:
            raise BrokerError("fake broker is down")
        for envelope in (Envelope.from_json(message.body) for message in messages):
            self.published.append(envelope)
            for handle in self._subscribers.get(envelope.type, []):
                handle(envelope)

    def close(self) -> None:
        pass

    def of_type(self, event_type: str) -> list[Envelope]:
        return [envelope for envelope in self.published if envelope.type == event_type]


class MemoryObjectStore:
    """Stands in for portalkit.storage's stores: objects in a dict, keys checked the same way."""

    def __init__(self) -> None:
        self.objects: dict[str, StoredObject] = {}

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[check_key(key)] = StoredObject(bytes(data), check_content_type(content_type))

    def get(self, key: str) -> StoredObject:
        try:
            return self.objects[check_key(key)]
        except KeyError:
            raise ObjectNotFound(key) from None

    def delete(self, key: str) -> None:
        self.objects.pop(check_key(key), None)

    def exists(self, key: str) -> bool:
        return check_key(key) in self.objects


def outbox_events(engine: Engine, event_type: str | None = None) -> list[Envelope]:
    """Every event a service has written to its outbox, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(OUTBOX.c.body).order_by(OUTBOX.c.seq)).all()
    envelopes = [Envelope.from_dict(json.loads(row.body)) for row in rows]
    return [e for e in envelopes if event_type is None or e.type == event_type]


@contextlib.contextmanager
def temporary_vhost(amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/%2F") -> Iterator[str]:
    """A RabbitMQ virtual host of its own for one test run; yields its AMQP URL, deletes it after."""
    name = f"portal-test-{secrets.token_hex(4)}"
    _rabbitmqctl("add_vhost", name)
    try:
        _rabbitmqctl("set_permissions", "-p", name, _amqp_user(amqp_url), ".*", ".*", ".*")
        yield amqp_url.rsplit("/", 1)[0] + "/" + name
    finally:
        _rabbitmqctl("delete_vhost", name)


def _amqp_user(amqp_url: str) -> str:
    return amqp_url.split("://", 1)[1].split(":", 1)[0]


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def temporary_database(base_url: str, name_hint: str = "portal") -> Iterator[str]:
    """A database of its own for one test run on the server of `base_url`; dropped afterwards.

    SQLite: a file in a temporary folder. PostgreSQL: CREATE DATABASE on the same server.
    """
    if base_url.startswith("sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/{name_hint}.db"
        return
    name = f"{name_hint}_test_{secrets.token_hex(4)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(make_url(base_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
