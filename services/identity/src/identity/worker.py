"""identity's worker: relays the outbox to RabbitMQ (no consumers yet). `python -m identity.worker`."""

from __future__ import annotations

from portalkit.broker import ConfirmingPublisher
from portalkit.clock import clock_from_settings
from portalkit.db import make_engine
from portalkit.logs import configure_logging
from portalkit.outbox import OutboxRelay
from portalkit.worker import run_loops

from identity.settings import IdentitySettings


def main() -> None:
    settings = IdentitySettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    relay = OutboxRelay(
        make_engine(settings.database_url),
        lambda: ConfirmingPublisher(settings.amqp_url),
        clock_from_settings(settings.clock_offset_file),
        batch_size=settings.outbox_batch_size,
    )
    run_loops("identity-worker", [("outbox-relay", relay.run)])


if __name__ == "__main__":
    main()
