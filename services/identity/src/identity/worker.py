"""identity's worker: relays the outbox to RabbitMQ (no consumers yet). `python -m identity.worker`."""

from __future__ import annotations

from portalkit.clock import clock_from_settings
from portalkit.db import make_engine
from portalkit.logs import configure_logging
from portalkit.worker import ServiceWorker

from identity.settings import IdentitySettings


def main() -> None:
    settings = IdentitySettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    ServiceWorker(settings, make_engine(settings.database_url), clock_from_settings(settings.clock_offset_file)).run()


if __name__ == "__main__":
    main()
