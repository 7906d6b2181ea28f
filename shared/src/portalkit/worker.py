"""A service's worker process: the outbox relay and its consumers, each on a thread, until SIGTERM."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence

from prometheus_client import CollectorRegistry, start_http_server

log = logging.getLogger(__name__)

Loop = Callable[[threading.Event], None]


def run_loops(name: str, loops: Sequence[tuple[str, Loop]], stop: threading.Event | None = None) -> None:
    """Run each loop on its own thread; SIGTERM or SIGINT sets `stop` and waits for them to end."""
    stop = stop or threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        log.info("worker stopping", extra={"worker": name, "signal": signum})
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    threads = [threading.Thread(target=_guarded(loop_name, loop, stop), name=loop_name) for loop_name, loop in loops]
    for thread in threads:
        thread.start()
    log.info("worker started", extra={"worker": name, "loops": [n for n, _ in loops]})
    while not stop.wait(1.0):
        if not all(thread.is_alive() for thread in threads):
            log.error("a worker loop died; stopping so the supervisor restarts the worker")
            stop.set()
    for thread in threads:
        thread.join(timeout=15)


def _guarded(name: str, loop: Loop, stop: threading.Event) -> Callable[[], None]:
    def run() -> None:
        try:
            loop(stop)
        except Exception:
            log.exception("worker loop crashed", extra={"loop": name})
            stop.set()
            raise

    return run


def serve_metrics(registry: CollectorRegistry, port: int) -> None:
    if port:
        start_http_server(port, addr="0.0.0.0", registry=registry)
