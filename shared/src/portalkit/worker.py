"""A service's worker process: the outbox relay and its consumers, each on a thread, until SIGTERM."""

from __future__ import annotations

import datetime
import functools
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from prometheus_client import CollectorRegistry, start_http_server
from sqlalchemy import Engine

from portalkit.broker import ConfirmingPublisher, EventConsumer, PoisonMessage
from portalkit.clock import Clock
from portalkit.events import Envelope
from portalkit.inbox import Inbox
from portalkit.metrics import BacklogCollector, EventMetrics
from portalkit.outbox import OutboxRelay, OutgoingMessage, outbox_backlog
from portalkit.settings import BaseSettings

log = logging.getLogger(__name__)

Loop = Callable[[threading.Event], None]


class ServiceWorker:
    """The standard worker of a service: its outbox relay, a consumer per inbox, other loops it
    adds, and Prometheus metrics on `worker_metrics_port` (0: none)."""

    def __init__(self, settings: BaseSettings, engine: Engine, clock: Clock) -> None:
        self.settings = settings
        self.stop = threading.Event()
        self.registry = CollectorRegistry()
        self.metrics = EventMetrics(self.registry)
        self.registry.register(BacklogCollector(functools.partial(outbox_backlog, engine)))
        relay = OutboxRelay(
            engine,
            functools.partial(ConfirmingPublisher, settings.amqp_url),
            clock,
            batch_size=settings.outbox_batch_size,
            on_published=self._count_published,
            retention=datetime.timedelta(hours=settings.outbox_retention_hours),
        )
        self.loops: list[tuple[str, Loop]] = [("outbox-relay", relay.run)]

    def consume(self, inbox: Inbox) -> None:
        consumer = EventConsumer(
            self.settings.amqp_url,
            inbox.consumer,
            inbox.event_types,
            functools.partial(self._handle_counted, inbox),
            delivery_limit=self.settings.consumer_delivery_limit,
        )
        self.loops.append((inbox.consumer, consumer.run))

    def add_loop(self, name: str, loop: Loop) -> None:
        self.loops.append((name, loop))

    def run(self) -> None:
        serve_metrics(self.registry, self.settings.worker_metrics_port)
        if not run_loops(f"{self.settings.service_name}-worker", self.loops, self.stop):
            sys.exit(1)

    def _count_published(self, messages: list[OutgoingMessage]) -> None:
        for message in messages:
            self.metrics.published.labels(message.routing_key).inc()

    def _handle_counted(self, inbox: Inbox, envelope: Envelope) -> None:
        result = "failed"
        try:
            inbox.handle(envelope)
            result = "handled"
        except PoisonMessage:
            result = "dead_lettered"
            raise
        finally:
            self.metrics.consumed.labels(inbox.consumer, envelope.type, result).inc()


def run_loops(name: str, loops: Sequence[tuple[str, Loop]], stop: threading.Event | None = None) -> bool:
    """Run each loop on its own thread until SIGTERM or SIGINT; False if a loop died on its own
    (the process should then exit non-zero so that its supervisor restarts it)."""
    stop = stop or threading.Event()
    crashed = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        log.info("worker stopping", extra={"worker": name, "signal": signum})
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    threads = [
        threading.Thread(target=_guarded(loop_name, loop, stop, crashed), name=loop_name) for loop_name, loop in loops
    ]
    for thread in threads:
        thread.start()
    log.info("worker started", extra={"worker": name, "loops": [n for n, _ in loops]})
    while not stop.wait(1.0):
        if not all(thread.is_alive() for thread in threads):
            crashed.set()
            stop.set()
    for thread in threads:
        thread.join(timeout=15)
    return not crashed.is_set()


def _guarded(name: str, loop: Loop, stop: threading.Event, crashed: threading.Event) -> Callable[[], None]:
    def run() -> None:
        try:
            loop(stop)
        except Exception:
            log.exception("worker loop crashed; stopping the worker", extra={"loop": name})
            crashed.set()
            stop.set()

    return run


def serve_metrics(registry: CollectorRegistry, port: int) -> None:
    if port:
        start_http_server(port, addr="0.0.0.0", registry=registry)  # noqa: S104 (scraped from the cluster)
