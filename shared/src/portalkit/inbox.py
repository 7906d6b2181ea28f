"""Inbox: a consumed event takes effect once, in the same transaction that records its id."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, PrimaryKeyConstraint, String, Table, column, table
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from portalkit import context
from portalkit.broker import PoisonMessage
from portalkit.db import UnitOfWork
from portalkit.errors import Problem
from portalkit.event_schemas import EventSchemaError, read_consumed
from portalkit.events import Envelope

log = logging.getLogger(__name__)

INBOX = table("inbox", column("consumer"), column("event_id"), column("event_type"), column("handled_at"))

Handler = Callable[[Any, Envelope], None]


def define_inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", String(100), nullable=False),
        Column("event_id", String(36), nullable=False),
        Column("event_type", String(200), nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("consumer", "event_id"),
    )


# Answers of another service that say "not now" (its own relayed failure, unreachable, too slow).
UPSTREAM_UNAVAILABLE = frozenset({502, 503, 504})
# Within the broker's heartbeat (60 s), which this consumer's thread does not answer while it holds.
UPSTREAM_HOLD_S = 45.0


class Inbox:
    """Runs the handler for an event's type inside a unit of work, once per event id.

    Handlers get `(uow, envelope)` with `envelope.data` read through the consumer-side schema, and
    must not commit: the inbox row and the handler's changes commit together.
    """

    def __init__(
        self,
        consumer: str,
        uow_factory: Callable[[], UnitOfWork],
        handlers: Mapping[str, Handler],
        stop: threading.Event | None = None,
        wanted: Callable[[Envelope], bool] | None = None,
    ) -> None:
        self.consumer = consumer
        self._uow_factory = uow_factory
        self._handlers = dict(handlers)
        self._stop = stop or threading.Event()
        # Events of a handled type that this consumer has nothing to do with (an email that was not an
        # invitation, say) are dropped before any transaction: dropping one twice changes nothing.
        self._wanted = wanted or (lambda envelope: True)

    @property
    def event_types(self) -> list[str]:
        return sorted(self._handlers)

    def handle(self, envelope: Envelope) -> None:
        handler = self._handlers.get(envelope.type)
        if handler is None:
            return
        try:
            data = read_consumed(envelope.type, envelope.version, envelope.data)
        except EventSchemaError as error:
            raise PoisonMessage(str(error)) from error
        readable = Envelope(**{**envelope.to_dict(), "data": data})
        if self._wanted(readable):
            self._handle_while_unavailable(handler, readable)

    def _handle_while_unavailable(self, handler: Handler, envelope: Envelope) -> None:
        """Hold the event while the database, or a service the handler asks, cannot answer: retried
        with back-off here instead of returned to the queue, where a few quick failures in a row would
        dead-letter it. A service that stays away longer than `UPSTREAM_HOLD_S` fails this delivery."""
        backoff, held = 0.5, 0.0
        while True:
            try:
                self._handle_once(handler, envelope)
                return
            except DBAPIError as error:
                unreachable = error.connection_invalidated or isinstance(error, (OperationalError, InterfaceError))
                if not unreachable or self._stop.is_set():
                    raise
                log.warning("database unreachable; holding the event", extra={"event_id": envelope.id})
            except Problem as error:
                if error.status not in UPSTREAM_UNAVAILABLE or self._stop.is_set() or held >= UPSTREAM_HOLD_S:
                    raise
                log.warning("a service is unavailable; holding the event", extra={"event_id": envelope.id})
            self._stop.wait(backoff)
            held += backoff
            backoff = min(backoff * 2, 10.0)

    def _handle_once(self, handler: Handler, envelope: Envelope) -> None:
        context.correlation_id.set(envelope.correlation_id)
        context.causation_id.set(envelope.id)
        with self._uow_factory() as uow:
            if not self._record(uow, envelope):
                return  # handled before (or by a delivery of it that committed while this one waited)
            handler(uow, envelope)
            uow.commit()

    def _record(self, uow: UnitOfWork, envelope: Envelope) -> bool:
        """Record the event as handled by this consumer, in one round trip; False if it already was. A
        second delivery of an event being handled elsewhere waits here for that transaction to end."""
        dialect = uow.session.get_bind().dialect.name
        row = {
            "consumer": self.consumer,
            "event_id": envelope.id,
            "event_type": envelope.type,
            "handled_at": uow.clock.now(),
        }
        statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(INBOX).values(**row)
        statement = statement.on_conflict_do_nothing(index_elements=["consumer", "event_id"])
        return uow.session.execute(statement.returning(INBOX.c.event_id)).first() is not None
