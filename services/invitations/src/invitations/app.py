"""The one place where the invitations service is wired together."""

from __future__ import annotations

from flask import Flask
from portalkit import db
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.http import InternalClient
from portalkit.sealed import Sealer
from portalkit.web import create_service_app, database_and_broker_checks
from sqlalchemy import Engine

from invitations.adapters.identity import IdentityClient
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.api import Wiring, public, staff
from invitations.domain import portal_agreements
from invitations.service.identity import Identity
from invitations.service.sending import Mailing
from invitations.settings import InvitationsSettings


def create_app(
    settings: InvitationsSettings | None = None, clock: Clock | None = None, identity: Identity | None = None
) -> Flask:
    settings = settings or InvitationsSettings.from_env()
    clock = clock or clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    checks = database_and_broker_checks(engine, settings.amqp_url)
    app, api = create_service_app(
        settings.service_name, "1.0.0", checks, outbox_engine=engine, log_level=settings.log_level
    )
    install_verifier(app, TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock))
    app.extensions["invitations"] = wire(settings, clock, engine, identity)
    app.extensions["invitations_engine"] = engine
    api.register_blueprint(staff.blueprint)
    api.register_blueprint(public.blueprint)
    return app


def wire(settings: InvitationsSettings, clock: Clock, engine: Engine, identity: Identity | None) -> Wiring:
    session_factory = db.make_session_factory(engine)
    return Wiring(
        unit_of_work=lambda: InvitationsUnitOfWork(session_factory, clock),
        identity=identity or IdentityClient(InternalClient(settings.identity_url, settings.internal_token)),
        mailing=mailing_of(settings),
        agreements=portal_agreements(
            settings.terms_version, settings.privacy_version, settings.electronic_notices_version
        ),
    )


def mailing_of(settings: InvitationsSettings) -> Mailing:
    return Mailing(
        Sealer(settings.sealed_payload_key),
        settings.public_base_url,
        settings.default_expiry_hours,
        settings.reminder_hours_before_expiry,
    )
