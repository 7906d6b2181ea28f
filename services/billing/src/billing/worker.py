"""The billing worker: the outbox relay, the consumer of scheduling's late cancellations and no-shows
(a fee on the next invoice), and the scheduler that charges due autopay invoices and settles payments
and refunds whose processor answer was lost."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.logs import configure_logging
from portalkit.worker import ServiceWorker
from sqlalchemy.exc import DBAPIError

from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.app import make_processors
from billing.events import fees_inbox
from billing.service import autopay_runs, payments, refunds
from billing.service.processor import PaymentProcessor
from billing.settings import BillingSettings

log = logging.getLogger(__name__)
# A pending attempt younger than this may still be waiting for its processor's answer in a web process.
SETTLE_AFTER = dt.timedelta(minutes=1)


class Scheduler:
    """Sweeps every `interval` seconds; safe beside other instances and across restarts."""

    def __init__(
        self,
        unit_of_work: Callable[[], BillingUnitOfWork],
        processor: PaymentProcessor,
        interval: float,
        batch_size: int,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._processor = processor
        self._interval = interval
        self._batch_size = batch_size

    def sweep(self) -> tuple[int, int]:
        """(autopay runs charged, lost answers of payments and refunds settled)"""
        charged = autopay_runs.charge_due(self._unit_of_work, self._processor, self._batch_size)
        settled = payments.settle_pending(self._unit_of_work, self._processor, SETTLE_AFTER, self._batch_size)
        settled += refunds.settle_pending(self._unit_of_work, self._processor, SETTLE_AFTER, self._batch_size)
        return charged, settled

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                charged, settled = self.sweep()
                if charged or settled:
                    log.info("scheduler swept", extra={"autopay_runs": charged, "settled": settled})
            except DBAPIError as error:
                log.warning("scheduler paused: database unreachable", extra={"error": repr(error)})
            stop.wait(self._interval)


def build_worker(settings: BillingSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    worker = ServiceWorker(settings, engine, clock)
    unit_of_work = functools.partial(BillingUnitOfWork, db.make_session_factory(engine), clock)
    processor = make_processors(settings, engine, clock)
    scheduler = Scheduler(unit_of_work, processor, settings.sweep_interval_seconds, settings.sweep_batch_size)
    worker.consume(fees_inbox(unit_of_work, worker.stop))
    worker.add_loop("scheduler", scheduler.run)
    return worker


def main() -> None:
    settings = BillingSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
