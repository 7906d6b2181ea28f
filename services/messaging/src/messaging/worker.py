"""The messaging worker: the outbox relay, the notifications consumers, the email and text senders, and the
sweep that reminds clients of requested uploads past their due date."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from portalkit.clock import Clock, clock_from_settings
from portalkit.db import make_engine, make_session_factory
from portalkit.errors import Problem
from portalkit.events import Envelope
from portalkit.http import InternalClient
from portalkit.inbox import Inbox
from portalkit.logs import configure_logging
from portalkit.sealed import Sealer
from portalkit.worker import Loop, ServiceWorker
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from messaging.adapters.identity import IdentityPracticeDirectory, IdentityStaffDirectory
from messaging.adapters.mail import Mailer, mailer_from_settings
from messaging.adapters.repository import MessagingUnitOfWork
from messaging.adapters.sms import SmsSender, sms_sender_from_settings
from messaging.events import (
    BILLING_NOTIFICATIONS_QUEUE,
    FORMS_NOTIFICATIONS_QUEUE,
    IDENTITY_NOTIFICATIONS_QUEUE,
    NOTIFICATIONS_QUEUE,
    SCHEDULING_NOTIFICATIONS_QUEUE,
    SCHEDULING_REQUESTS_QUEUE,
    THREAD_NOTIFICATIONS_QUEUE,
    billing_notification_handlers,
    forms_notification_handlers,
    identity_notification_handlers,
    notification_handlers,
    scheduling_notification_handlers,
    scheduling_request_handlers,
    thread_notification_handlers,
)
from messaging.service.forms_notifications import StaffDirectory
from messaging.service.sending import SendingPolicy, send_due_emails
from messaging.service.texting import BATCH_SIZE as TEXT_BATCH_SIZE
from messaging.service.texting import send_due_texts
from messaging.service.thread_notifications import ClientContacts
from messaging.service.upload_reminders import sweep as sweep_upload_reminders
from messaging.settings import MessagingSettings

log = logging.getLogger(__name__)

UowFactory = Callable[[], MessagingUnitOfWork]
# Identity as threads' notices ask it (tests pass fakes): the client's address, the practice's staff.
IdentityDirectories = tuple[ClientContacts, StaffDirectory] | None


def uow_factory_for(engine: Engine, clock: Clock) -> UowFactory:
    sessions = make_session_factory(engine)
    return lambda: MessagingUnitOfWork(sessions, clock)


def notifications_inbox(settings: MessagingSettings, uow_factory: UowFactory, stop: threading.Event) -> Inbox:
    handlers = notification_handlers(Sealer(settings.sealed_payload_key))
    return Inbox(NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def identity_notifications_inbox(settings: MessagingSettings, uow_factory: UowFactory, stop: threading.Event) -> Inbox:
    handlers = identity_notification_handlers(Sealer(settings.sealed_payload_key))
    return Inbox(IDENTITY_NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def _contacts(settings: MessagingSettings) -> ClientContacts:
    """Identity as the client notices ask it: the client's account, consent, address and practice."""
    return IdentityPracticeDirectory(
        InternalClient(settings.identity_url, settings.internal_token), settings.public_base_url
    )


def forms_notifications_inbox(
    settings: MessagingSettings,
    uow_factory: UowFactory,
    stop: threading.Event,
    directory: StaffDirectory | None = None,
    contacts: ClientContacts | None = None,
) -> Inbox:
    staff = directory or IdentityStaffDirectory(InternalClient(settings.identity_url, settings.internal_token))
    sealer = Sealer(settings.sealed_payload_key)
    handlers = forms_notification_handlers(sealer, staff, settings.public_base_url, contacts or _contacts(settings))
    return Inbox(FORMS_NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def scheduling_notifications_inbox(
    settings: MessagingSettings, uow_factory: UowFactory, stop: threading.Event, contacts: ClientContacts | None = None
) -> Inbox:
    sealer = Sealer(settings.sealed_payload_key)
    handlers = scheduling_notification_handlers(sealer, contacts or _contacts(settings))
    return Inbox(SCHEDULING_NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def thread_notifications_inbox(
    settings: MessagingSettings, uow_factory: UowFactory, stop: threading.Event, identity: IdentityDirectories = None
) -> Inbox:
    http = InternalClient(settings.identity_url, settings.internal_token)
    contacts, staff = identity or (
        IdentityPracticeDirectory(http, settings.public_base_url),
        IdentityStaffDirectory(http),
    )
    handlers = thread_notification_handlers(contacts, staff, settings.public_base_url)
    return Inbox(THREAD_NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def scheduling_requests_inbox(
    settings: MessagingSettings,
    uow_factory: UowFactory,
    stop: threading.Event,
    directory: StaffDirectory | None = None,
    contacts: ClientContacts | None = None,
) -> Inbox:
    """Clients' reschedule and cancel requests and their answers: emails to staff, then to the client."""
    http = InternalClient(settings.identity_url, settings.internal_token)
    staff = directory or IdentityStaffDirectory(http)
    handlers = scheduling_request_handlers(staff, contacts or _contacts(settings), settings.public_base_url)
    return Inbox(SCHEDULING_REQUESTS_QUEUE, uow_factory, handlers, stop)


class Doorbell:
    """Wakes one waiting sender per ring, not all of them: the others would only find nothing due.
    A ring while every sender is busy is kept (once) for the next one to wait."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._rung = False

    @property
    def rung(self) -> bool:
        return self._rung

    def ring(self) -> None:
        with self._condition:
            self._rung = True
            self._condition.notify()

    def wait(self, timeout: float) -> bool:
        """Until a ring or `timeout`; whether it rang (the ring is then taken)."""
        with self._condition:
            if not self._rung:
                self._condition.wait(timeout)
            rang, self._rung = self._rung, False
            return rang


class WakingInbox:
    """An inbox that, once an event's emails are committed, wakes the sender (same process) so that
    they go out now rather than at its next look (`idle_wait`). Other workers' emails wait for that."""

    def __init__(self, inbox: Inbox, wake: Doorbell) -> None:
        self.consumer = inbox.consumer
        self.event_types = inbox.event_types
        self._inbox = inbox
        self._wake = wake

    def handle(self, envelope: Envelope) -> None:
        self._inbox.handle(envelope)
        self._wake.ring()


def billing_notifications_inbox(
    settings: MessagingSettings, uow_factory: UowFactory, stop: threading.Event, contacts: ClientContacts | None = None
) -> Inbox:
    """Billing's declined charges and refunds: a notice to the client to sign in."""
    handlers = billing_notification_handlers(contacts or _contacts(settings), settings.public_base_url)
    return Inbox(BILLING_NOTIFICATIONS_QUEUE, uow_factory, handlers, stop)


def sender_loop(
    uow_factory: UowFactory,
    mailer: Mailer,
    policy: SendingPolicy,
    idle_wait: float = 0.5,
    wake: Doorbell | None = None,
) -> Loop:
    woken = wake or Doorbell()

    def run(stop: threading.Event) -> None:
        backoff = 0.5
        while not stop.is_set():
            try:
                attempted = send_due_emails(uow_factory, mailer, policy)
                backoff = 0.5
                if len(attempted) < policy.batch_size and not stop.is_set():
                    woken.wait(idle_wait)
            except DBAPIError as error:
                log.warning("email sender paused", extra={"error": type(error).__name__, "retry_in_s": backoff})
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)

    return run


def text_sender_loop(uow_factory: UowFactory, sender: SmsSender, max_attempts: int, idle_wait: float = 0.5) -> Loop:
    def run(stop: threading.Event) -> None:
        backoff = 0.5
        while not stop.is_set():
            try:
                attempted = send_due_texts(uow_factory, sender, max_attempts)
                backoff = 0.5
                if len(attempted) < TEXT_BATCH_SIZE:
                    stop.wait(idle_wait)
            except DBAPIError as error:
                log.warning("text sender paused", extra={"error": type(error).__name__, "retry_in_s": backoff})
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)

    return run


def upload_reminder_loop(
    uow_factory: UowFactory, contacts: ClientContacts, public_base_url: str, interval: float
) -> Loop:
    """Every `interval` seconds, the one reminder of each requested upload past its due date."""

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                if reminded := sweep_upload_reminders(uow_factory, contacts, public_base_url):
                    log.info("upload reminders swept", extra={"reminders": reminded})
            except DBAPIError as error:
                log.warning("upload reminders paused", extra={"error": type(error).__name__})
            except Problem as problem:  # identity did not answer: what was due stays due
                log.warning("upload reminders paused: identity unreachable", extra={"error": problem.code})
            stop.wait(interval)

    return run


def build_worker(settings: MessagingSettings, engine: Engine, clock: Clock) -> ServiceWorker:
    worker = ServiceWorker(settings, engine, clock)
    uow_factory = uow_factory_for(engine, clock)
    wake_sender = Doorbell()
    # SQLite takes one writer at a time: more threads would only queue for its lock.
    parallel = engine.dialect.name != "sqlite"

    def consume(inbox: Inbox, consumers: int = 1) -> None:
        # Several consumers of one queue (its handler waits on identity): the inbox keeps each event once.
        for _ in range(consumers):
            worker.consume(WakingInbox(inbox, wake_sender))  # type: ignore[arg-type]

    consume(notifications_inbox(settings, uow_factory, worker.stop))
    consume(identity_notifications_inbox(settings, uow_factory, worker.stop))
    consume(forms_notifications_inbox(settings, uow_factory, worker.stop))
    consume(scheduling_notifications_inbox(settings, uow_factory, worker.stop))
    thread_consumers = settings.thread_notice_consumers if parallel else 1
    consume(thread_notifications_inbox(settings, uow_factory, worker.stop), thread_consumers)
    consume(scheduling_requests_inbox(settings, uow_factory, worker.stop))
    consume(billing_notifications_inbox(settings, uow_factory, worker.stop))
    policy = SendingPolicy(settings.mail_from, settings.max_send_attempts)
    mailer = mailer_from_settings(settings)
    # Several senders: each email is its own transaction and file write; SKIP LOCKED keeps them apart.
    for number in range(settings.email_senders if parallel else 1):
        worker.add_loop(f"email-sender-{number}", sender_loop(uow_factory, mailer, policy, wake=wake_sender))
    texts = text_sender_loop(uow_factory, sms_sender_from_settings(settings), settings.max_send_attempts)
    worker.add_loop("text-sender", texts)
    reminders = upload_reminder_loop(
        uow_factory, _contacts(settings), settings.public_base_url, settings.upload_reminder_interval
    )
    worker.add_loop("upload-reminders", reminders)
    return worker


def main() -> None:
    settings = MessagingSettings.from_env()
    configure_logging(settings.service_name, settings.log_level)
    engine = make_engine(settings.database_url)
    build_worker(settings, engine, clock_from_settings(settings.clock_offset_file)).run()


if __name__ == "__main__":
    main()
