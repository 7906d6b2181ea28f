"""The invitations worker: the outbox relay and the consumers of identity's and messaging's events."""

from __future__ import annotations

import functools

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.logs import configure_logging
from portalkit.worker import ServiceWorker

from invitations import events
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.settings import InvitationsSettings


def build_worker(settings: InvitationsSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    worker = ServiceWorker(settings, engine, clock)
    unit_of_work = functools.partial(InvitationsUnitOfWork, db.make_session_factory(engine), clock)
    for inbox in events.inboxes(unit_of_work, worker.stop).values():
        worker.consume(inbox)
    return worker


def main() -> None:
    settings = InvitationsSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
