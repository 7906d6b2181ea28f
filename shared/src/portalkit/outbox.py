"""Transactional outbox: events are rows written in the state change's transaction; a relay
publishes them in batches with publisher confirms and only then marks them sent.

A crash between publish and mark re-publishes the batch; consumers' inboxes drop the duplicates.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import psycopg
from psycopg import Error as PsycopgError
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    column,
    func,
    insert,
    select,
    table,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from portalkit.clock import Clock, parse_utc
from portalkit.event_schemas import check_produced
from portalkit.events import Envelope

log = logging.getLogger(__name__)

OUTBOX = table(
    "outbox",
    column("seq"),
    column("event_id"),
    column("event_type"),
    column("exchange"),
    column("body"),
    column("created_at"),
    column("published_at"),
)


def define_outbox_table(metadata: MetaData) -> Table:
    """The outbox table in a service's metadata, so that its migrations create it."""
    return Table(
        "outbox",
        metadata,
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("exchange", String(100), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Index(
            "ix_outbox_unpublished",
            "seq",
            postgresql_where=column("published_at").is_(None),
            sqlite_where=column("published_at").is_(None),
        ),
    )


# PostgreSQL tells a listening relay that events were written (on commit, once per transaction), so
# it publishes at once instead of asking the table ten times a second. SQLite has no such signal.
WAKEUP_CHANNEL = "outbox_written"
WAKEUP_TRIGGER = "outbox_wakes_relay"
_WAKEUP_FUNCTION = "outbox_notify_relay"


def install_outbox_wakeup(op: Any) -> None:
    """In a migration: the trigger that wakes the relay when outbox rows are written (PostgreSQL)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""CREATE FUNCTION {_WAKEUP_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('{WAKEUP_CHANNEL}', ''); RETURN NULL; END $$"""
    )
    op.execute(
        f"CREATE TRIGGER {WAKEUP_TRIGGER} AFTER INSERT ON outbox "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {_WAKEUP_FUNCTION}()"
    )


def remove_outbox_wakeup(op: Any) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP TRIGGER IF EXISTS {WAKEUP_TRIGGER} ON outbox")
    op.execute(f"DROP FUNCTION IF EXISTS {_WAKEUP_FUNCTION}()")


def outbox_backlog(engine: Engine) -> int:
    """Events written but not yet published."""
    with engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(OUTBOX).where(OUTBOX.c.published_at.is_(None))
        ).scalar_one()
    return int(count)


class OutboxWriter:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, envelope: Envelope) -> None:
        check_produced(envelope.type, envelope.version, envelope.data)
        self._session.execute(
            insert(OUTBOX).values(
                event_id=envelope.id,
                event_type=envelope.type,
                exchange=envelope.exchange,
                body=envelope.to_json().decode(),
                created_at=parse_utc(envelope.occurred_at),
            )
        )


@dataclasses.dataclass(frozen=True)
class OutgoingMessage:
    """An event as it leaves the outbox: already validated and serialised when it was written."""

    exchange: str
    routing_key: str
    body: bytes

    @classmethod
    def of(cls, envelope: Envelope) -> OutgoingMessage:
        return cls(envelope.exchange, envelope.routing_key, envelope.to_json())

    def headline(self) -> dict[str, Any]:
        """The envelope fields the broker's message properties carry."""
        envelope = json.loads(self.body)
        return {key: envelope[key] for key in ("id", "type", "version", "correlation_id")}


class Publisher(Protocol):
    def publish_batch(self, messages: list[OutgoingMessage]) -> None: ...

    def close(self) -> None: ...


class Wakeups:
    """The relay's own PostgreSQL connection, listening for `WAKEUP_CHANNEL`; on SQLite, or where the
    trigger is not installed, only the wait."""

    def __init__(self, engine: Engine, stop: threading.Event, slice_s: float = 0.25) -> None:
        self._engine = engine
        self._stop = stop
        self._slice_s = slice_s
        self._connection: psycopg.Connection[Any] | None = None
        self._usable = engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"

    @property
    def listening(self) -> bool:
        return self._connection is not None

    def listen(self) -> None:
        if self._connection is not None or not self._usable:
            return
        if not self._trigger_installed():
            self._usable = False  # an older schema: poll, as before the migration
            return
        url = self._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = psycopg.connect(url, autocommit=True)
        connection.execute(f"LISTEN {WAKEUP_CHANNEL}")
        self._connection = connection
        # Rows written before LISTEN took effect woke nobody: the caller looks once now anyway.

    def wait(self, seconds: float) -> None:
        if self._connection is None:
            self._stop.wait(seconds)
            return
        deadline = time.monotonic() + seconds
        while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if list(self._connection.notifies(timeout=min(left, self._slice_s), stop_after=1)):
                return

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(PsycopgError):
                self._connection.close()
            self._connection = None

    def _trigger_installed(self) -> bool:
        with self._engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_trigger WHERE tgname = :name"), {"name": WAKEUP_TRIGGER}
            ).first()
        return found is not None


class OutboxRelay:
    def __init__(
        self,
        engine: Engine,
        publisher_factory: Callable[[], Publisher],
        clock: Clock,
        batch_size: int = 500,
        on_published: Callable[[list[OutgoingMessage]], None] | None = None,
        retention: dt.timedelta = dt.timedelta(days=7),
    ) -> None:
        self._engine = engine
        self._publisher_factory = publisher_factory
        self._publisher: Publisher | None = None
        self._clock = clock
        self._batch_size = batch_size
        self._on_published = on_published or (lambda messages: None)
        self._retention = retention
        self._next_purge = 0.0

    def relay_once(self) -> int:
        """Publish the oldest unpublished batch; the number of events published."""
        with self._engine.begin() as connection:
            rows = connection.execute(
                select(OUTBOX.c.seq, OUTBOX.c.event_type, OUTBOX.c.exchange, OUTBOX.c.body)
                .where(OUTBOX.c.published_at.is_(None))
                .order_by(OUTBOX.c.seq)
                .limit(self._batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            messages = [OutgoingMessage(row.exchange, row.event_type, row.body.encode()) for row in rows]
            self._publisher_or_new().publish_batch(messages)
            connection.execute(
                update(OUTBOX).where(OUTBOX.c.seq.in_([row.seq for row in rows])).values(published_at=self._clock.now())
            )
        self._on_published(messages)
        return len(rows)

    def run(
        self, stop: threading.Event, idle_wait: float = 0.1, max_backoff: float = 10.0, woken_wait: float = 2.0
    ) -> None:
        """Publish until `stop`. Idle, it looks again after `idle_wait`; where the database wakes it
        (`install_outbox_wakeup`), it waits for that instead, looking anyway every `woken_wait`."""
        backoff = 0.5
        wakeups = Wakeups(self._engine, stop)
        try:
            while not stop.is_set():
                try:
                    wakeups.listen()
                    published = self.relay_once()
                    self._purge_now_and_then()
                    backoff = 0.5
                    if published < self._batch_size:
                        wakeups.wait(woken_wait if wakeups.listening else idle_wait)
                except (DBAPIError, OSError, RuntimeError, PsycopgError) as error:
                    log.warning("outbox relay paused", extra={"error": repr(error), "retry_in_s": backoff})
                    self._drop_publisher()
                    wakeups.close()
                    stop.wait(backoff)
                    backoff = min(backoff * 2, max_backoff)
        finally:
            wakeups.close()
            self._drop_publisher()

    def backlog(self) -> int:
        return outbox_backlog(self._engine)

    def _purge_now_and_then(self, every_seconds: float = 600.0) -> None:
        if time.monotonic() >= self._next_purge:
            self.purge_published(self._retention)
            self._next_purge = time.monotonic() + every_seconds

    def purge_published(self, older_than: dt.timedelta) -> int:
        cutoff = self._clock.now() - older_than
        with self._engine.begin() as connection:
            result = connection.execute(
                OUTBOX.delete().where(OUTBOX.c.published_at.is_not(None), OUTBOX.c.published_at < cutoff)
            )
        return int(result.rowcount or 0)

    def _publisher_or_new(self) -> Publisher:
        if self._publisher is None:
            self._publisher = self._publisher_factory()
        return self._publisher

    def _drop_publisher(self) -> None:
        if self._publisher is not None:
            try:
                self._publisher.close()
            except Exception:  # closing a broken connection may fail; it is gone either way
                log.debug("publisher close failed", exc_info=True)
            self._publisher = None
