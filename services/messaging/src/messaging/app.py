"""The messaging web app: secure threads, health, readiness, metrics and, in dev, the staff mailbox."""

from __future__ import annotations

from flask import Flask
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.db import make_engine, make_session_factory
from portalkit.http import InternalClient
from portalkit.storage import ObjectStore, make_object_store
from portalkit.web import create_service_app, database_and_broker_checks

from messaging.adapters.identity import IdentityPracticeDirectory
from messaging.adapters.mail import FileMailbox
from messaging.adapters.repository import MessagingUnitOfWork
from messaging.adapters.virus_scanner import make_scanner
from messaging.api import documents, notice_history, notices, profile_pictures, threads, upload_requests
from messaging.api.dev_mailbox import dev_mailbox_blueprint
from messaging.service.file_intake import VirusScanner
from messaging.service.preferences import CodeSending
from messaging.service.threads import PracticeDirectory
from messaging.settings import MessagingSettings, code_pepper


def create_app(
    settings: MessagingSettings | None = None,
    clock: Clock | None = None,
    directory: PracticeDirectory | None = None,
    objects: ObjectStore | None = None,
    scanner: VirusScanner | None = None,
) -> Flask:
    settings = settings or MessagingSettings.from_env()
    clock = clock or clock_from_settings(settings.clock_offset_file)
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    checks = database_and_broker_checks(engine, settings.amqp_url)
    app, api = create_service_app(
        settings.service_name, "1", checks, outbox_engine=engine, log_level=settings.log_level
    )
    install_verifier(app, TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock))
    if settings.dev_mailbox and settings.mail_backend == "file":
        mailbox = FileMailbox(settings.mail_dir)
        api.register_blueprint(dev_mailbox_blueprint(lambda: MessagingUnitOfWork(sessions, clock), mailbox))
    identity = InternalClient(settings.identity_url, settings.internal_token)
    directory = directory or IdentityPracticeDirectory(identity)
    app.extensions["messaging_threads"] = threads.ThreadsWiring(
        unit_of_work=lambda: MessagingUnitOfWork(sessions, clock),
        directory=directory,
        clock=clock,
        objects=objects or make_object_store(settings),
        attachment_max_bytes=settings.attachment_max_bytes,
        scanner=scanner or make_scanner(settings),
    )
    app.extensions["messaging_notices"] = notices.NoticesWiring(
        unit_of_work=lambda: MessagingUnitOfWork(sessions, clock),
        clock=clock,
        webhook_secret=settings.email_webhook_secret,
        codes=CodeSending(code_pepper(settings), directory.practice_name),
    )
    app.extensions["messaging_engine"] = engine
    api.register_blueprint(threads.client)
    api.register_blueprint(threads.staff)
    # Documents shared with clients, clients' uploads and profile pictures: the threads' wiring (store, limit).
    api.register_blueprint(documents.client)
    api.register_blueprint(documents.staff)
    api.register_blueprint(upload_requests.client)
    api.register_blueprint(upload_requests.staff)
    api.register_blueprint(profile_pictures.blueprint)
    # Each client account's notice preferences, and the email provider's signed reports.
    api.register_blueprint(notices.blueprint)
    # Staff's list of a client's notices (sent, failed, bounced, withheld).
    api.register_blueprint(notice_history.blueprint)
    return app
