"""The scheduling worker: the outbox relay (scheduling consumes no events yet)."""

from __future__ import annotations

from portalkit import db
from portalkit.clock import clock_from_settings
from portalkit.logs import configure_logging
from portalkit.worker import ServiceWorker

from scheduling.settings import SchedulingSettings


def build_worker(settings: SchedulingSettings) -> ServiceWorker:
    clock = clock_from_settings(settings.clock_offset_file)
    return ServiceWorker(settings, db.make_engine(settings.database_url), clock)


def main() -> None:
    settings = SchedulingSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    build_worker(settings).run()


if __name__ == "__main__":
    main()
