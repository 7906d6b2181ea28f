"""Database engine, sessions and the unit of work every use case runs in."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from typing import Any, Self

from sqlalchemy import DateTime, Engine, TypeDecorator, create_engine, event, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from portalkit.clock import Clock
from portalkit.events import Envelope, new_envelope
from portalkit.outbox import OutboxWriter

# A pooled connection that has sat unused this long is tested before it is handed out; one in
# steady use is not (a round trip per transaction would be a quarter of a short one's cost).
IDLE_BEFORE_PING = 5.0


def make_engine(url: str, **options: Any) -> Engine:
    """An engine tuned for the URL's dialect: SQLite for dev, PostgreSQL for production."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **options)
    if "poolclass" not in options:
        options.setdefault("pool_size", 5)
        options.setdefault("max_overflow", 10)
    engine = create_engine(url, **options)
    if not options.get("pool_pre_ping"):
        ping_after_idle(engine, IDLE_BEFORE_PING)
    return engine


def ping_after_idle(engine: Engine, idle_seconds: float) -> None:
    """Test a connection on checkout only when it has been idle `idle_seconds` or more.

    One that fails the test is replaced before anyone uses it (the pool retries the checkout). A
    connection lost while in steady use fails its statement instead: that request answers 503, the
    pool drops every connection made before the failure, and the next request gets a new one.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error:
            alive = False
        if not alive:
            raise DisconnectionError("the pooled connection did not answer")


def _sqlite_engine(url: str, **options: Any) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    options.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off so that BEGIN IMMEDIATE below takes the write
        # lock up front: web and worker processes then wait for each other instead of failing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def lookup_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for a lookup that reads in one statement and writes nothing: on PostgreSQL it runs
    outside a transaction (a statement sees one moment on its own), which spares a BEGIN and a
    ROLLBACK round trip each time. On SQLite, the usual sessions (each takes the write lock)."""
    if engine.dialect.name != "postgresql":
        return make_session_factory(engine)
    return sessionmaker(bind=engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


class UnitOfWork:
    """One database transaction: the state change and the events it publishes commit together.

    Services subclass it to attach their repositories in `_start`.
    """

    session: Session

    def __init__(self, session_factory: Callable[[], Session], clock: Clock) -> None:
        self._session_factory = session_factory
        self.clock = clock

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.outbox = OutboxWriter(self.session)
        self._start()
        return self

    def _start(self) -> None:
        """Attach repositories to `self.session`."""

    def __exit__(self, *exc_info: object) -> None:
        self.session.rollback()
        self.session.close()

    def read_as_one_moment(self) -> None:
        """Every later statement of this transaction sees the database as its first one did (PostgreSQL's
        REPEATABLE READ; call it before any): a read in several statements, an invoice and its ledger, an
        appointment and its requests, then cannot show a change committed between them in one part and
        not in another. Nothing to do on SQLite, whose transactions hold the write lock from their start."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})

    def publish(self, event_type: str, data: dict[str, Any], practice_id: str, version: int = 1) -> Envelope:
        envelope = new_envelope(event_type, data, practice_id, self.clock, version=version)
        self.outbox.add(envelope)
        return envelope

    def flush(self) -> None:
        self.session.flush()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
