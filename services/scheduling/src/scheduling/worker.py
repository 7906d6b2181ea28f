"""The scheduling worker: the outbox relay and the scheduler of appointment reminders (scheduling
consumes no events yet)."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.errors import Problem
from portalkit.http import InternalClient
from portalkit.logs import configure_logging
from portalkit.sealed import Sealer
from portalkit.worker import ServiceWorker
from sqlalchemy.exc import DBAPIError

from scheduling.adapters.identity import IdentityClient
from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.service.identity import Identity
from scheduling.service.reminders import ReminderMailing, sweep
from scheduling.settings import SchedulingSettings

log = logging.getLogger(__name__)


class Scheduler:
    """Sweeps every `interval` seconds. Safe beside other instances (reminders are claimed, see
    service/reminders.py) and across restarts (what is due lives in the database)."""

    def __init__(
        self,
        unit_of_work: Callable[[], SchedulingUnitOfWork],
        identity: Identity,
        mailing: ReminderMailing,
        interval: float,
        batch_size: int,
    ) -> None:
        self._sweep = functools.partial(sweep, unit_of_work, identity, mailing, batch_size)
        self._interval = interval

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                if reminded := self._sweep():
                    log.info("scheduler swept", extra={"reminders": reminded})
            except DBAPIError as error:
                log.warning("scheduler paused: database unreachable", extra={"error": repr(error)})
            except Problem as problem:  # identity did not answer: what was due stays due
                log.warning("scheduler paused: identity unreachable", extra={"error": problem.code})
            stop.wait(self._interval)


def build_worker(settings: SchedulingSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    worker = ServiceWorker(settings, engine, clock)
    unit_of_work = functools.partial(SchedulingUnitOfWork, db.make_session_factory(engine), clock)
    identity = IdentityClient(InternalClient(settings.identity_url, settings.internal_token))
    mailing = ReminderMailing(Sealer(settings.sealed_payload_key), settings.public_base_url)
    scheduler = Scheduler(unit_of_work, identity, mailing, settings.sweep_interval_seconds, settings.sweep_batch_size)
    worker.add_loop("scheduler", scheduler.run)
    return worker


def main() -> None:
    settings = SchedulingSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
