"""The invitations worker: the outbox relay and the consumers of identity's and messaging's events."""

from __future__ import annotations

import functools
import threading
from typing import Any

from portalkit import db
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.clock import clock_from_settings
from portalkit.logs import configure_logging
from portalkit.outbox import OutboxRelay
from portalkit.worker import Loop, run_loops

from invitations import events
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.settings import InvitationsSettings


def consumers(settings: InvitationsSettings, unit_of_work: Any, stop: threading.Event) -> dict[str, EventConsumer]:
    """One consumer per queue, each handing its events to that queue's inbox."""
    return {
        queue: EventConsumer(
            settings.amqp_url, queue, inbox.event_types, inbox.handle, delivery_limit=settings.consumer_delivery_limit
        )
        for queue, inbox in events.inboxes(unit_of_work, stop).items()
    }


def loops(settings: InvitationsSettings, stop: threading.Event) -> list[tuple[str, Loop]]:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    session_factory = db.make_session_factory(engine)
    relay = OutboxRelay(
        engine,
        functools.partial(ConfirmingPublisher, settings.amqp_url),
        clock,
        batch_size=settings.outbox_batch_size,
    )
    unit_of_work = functools.partial(InvitationsUnitOfWork, session_factory, clock)
    found = consumers(settings, unit_of_work, stop)
    return [("outbox-relay", relay.run), *((queue, consumer.run) for queue, consumer in found.items())]


def main() -> None:
    settings = InvitationsSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    stop = threading.Event()
    run_loops(f"{settings.service_name}-worker", loops(settings, stop), stop)


if __name__ == "__main__":
    main()
