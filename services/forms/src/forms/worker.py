"""The forms worker: the outbox relay and the scheduler of recurring assessments and reminders (forms
consumes no events yet)."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.errors import Problem
from portalkit.http import InternalClient
from portalkit.logs import configure_logging
from portalkit.sealed import Sealer
from portalkit.worker import ServiceWorker
from sqlalchemy.exc import DBAPIError

from forms.adapters.identity import IdentityClient
from forms.adapters.unit_of_work import FormsUnitOfWork
from forms.service.identity import Identity
from forms.service.reminders import ReminderMailing
from forms.service.scheduling import sweep
from forms.settings import FormsSettings

log = logging.getLogger(__name__)


class Scheduler:
    """Sweeps every `interval` seconds. Safe beside other instances (rows are claimed, see
    service/scheduling.py) and across restarts (what is due lives in the database)."""

    def __init__(
        self,
        unit_of_work: Callable[[], Any],
        identity: Identity,
        mailing: ReminderMailing,
        interval: float,
        batch_size: int,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._identity = identity
        self._mailing = mailing
        self._interval = interval
        self._batch_size = batch_size

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                given, reminded = sweep(self._unit_of_work, self._identity, self._mailing, self._batch_size)
                if given or reminded:
                    log.info("scheduler swept", extra={"assessments_given": given, "reminders": reminded})
            except DBAPIError as error:
                log.warning("scheduler paused: database unreachable", extra={"error": repr(error)})
            except Problem as problem:  # identity did not answer: what was due stays due
                log.warning("scheduler paused: identity unreachable", extra={"error": problem.code})
            stop.wait(self._interval)


def build_worker(settings: FormsSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    worker = ServiceWorker(settings, engine, clock)
    unit_of_work = functools.partial(FormsUnitOfWork, db.make_session_factory(engine), clock)
    identity = IdentityClient(InternalClient(settings.identity_url, settings.internal_token))
    mailing = ReminderMailing(Sealer(settings.sealed_payload_key), settings.public_base_url)
    scheduler = Scheduler(unit_of_work, identity, mailing, settings.sweep_interval_seconds, settings.sweep_batch_size)
    worker.add_loop("scheduler", scheduler.run)
    return worker


def main() -> None:
    settings = FormsSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
