"""Prometheus metrics: HTTP latency and status per route, events published/consumed/dead-lettered,
outbox backlog. Each app or worker has its own registry so tests can build many side by side."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class HttpMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "http_requests_total", "HTTP requests answered.", ["method", "route", "status"], registry=registry
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route"], registry=registry
        )


class EventMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.published = Counter("events_published_total", "Events published.", ["type"], registry=registry)
        self.consumed = Counter(
            "events_consumed_total", "Events consumed, by result.", ["queue", "type", "result"], registry=registry
        )


class BacklogCollector(Collector):
    """Reads the outbox backlog at scrape time."""

    def __init__(self, backlog: Callable[[], int]) -> None:
        self._backlog = backlog

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            value = float(self._backlog())
        except Exception:  # an unreachable database must not break the scrape
            value = float("nan")
        yield GaugeMetricFamily("outbox_backlog", "Events written but not yet published.", value=value)
