"""The invitations worker: the outbox relay, the consumers of other services' events, and the
scheduler of expiries and reminders."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.http import InternalClient
from portalkit.logs import configure_logging
from portalkit.worker import ServiceWorker
from sqlalchemy.exc import DBAPIError

from invitations import events
from invitations.adapters.identity import IdentityClient
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.app import mailing_of
from invitations.service.scheduling import sweep
from invitations.service.sending import Mailing
from invitations.settings import InvitationsSettings

log = logging.getLogger(__name__)


class Scheduler:
    """Sweeps due expiries and reminders every `interval` seconds. Safe beside other instances
    (rows are claimed, see service/scheduling.py) and across restarts (due markers live in the database)."""

    def __init__(self, unit_of_work: Callable[[], Any], mailing: Mailing, interval: float, batch_size: int) -> None:
        self._unit_of_work = unit_of_work
        self._mailing = mailing
        self._interval = interval
        self._batch_size = batch_size

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                expired, reminded = sweep(self._unit_of_work, self._mailing, self._batch_size)
                if expired or reminded:
                    log.info("scheduler swept", extra={"expired": expired, "reminded": reminded})
            except DBAPIError as error:
                log.warning("scheduler paused: database unreachable", extra={"error": repr(error)})
            stop.wait(self._interval)


def build_worker(settings: InvitationsSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    worker = ServiceWorker(settings, engine, clock)
    unit_of_work = functools.partial(InvitationsUnitOfWork, db.make_session_factory(engine), clock)
    identity = IdentityClient(InternalClient(settings.identity_url, settings.internal_token))
    mailing = mailing_of(settings)
    for inbox in events.inboxes(unit_of_work, worker.stop, identity=identity, mailing=mailing).values():
        worker.consume(inbox)
    scheduler = Scheduler(unit_of_work, mailing, settings.sweep_interval_seconds, settings.sweep_batch_size)
    worker.add_loop("scheduler", scheduler.run)
    return worker


def main() -> None:
    settings = InvitationsSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
