"""The one place where the forms service is wired together."""

from __future__ import annotations

from flask import Flask
from portalkit import db
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.http import InternalClient
from portalkit.web import create_service_app, database_and_broker_checks
from sqlalchemy import Engine

from forms.adapters.identity import IdentityClient
from forms.adapters.signed_pdf import SignedConsentPdf
from forms.adapters.submission_pdf import SubmissionPdf
from forms.adapters.unit_of_work import FormsUnitOfWork
from forms.api import Wiring, client, recurring, staff, templates
from forms.service.identity import Identity
from forms.settings import FormsSettings


def create_app(
    settings: FormsSettings | None = None, clock: Clock | None = None, identity: Identity | None = None
) -> Flask:
    settings = settings or FormsSettings.from_env()
    clock = clock or clock_from_settings(settings.clock_offset_file)
    engine = db.make_engine(settings.database_url)
    checks = database_and_broker_checks(engine, settings.amqp_url)
    app, api = create_service_app(
        settings.service_name,
        "1.0.0",
        checks,
        outbox_engine=engine,
        log_level=settings.log_level,
        proxy_hops=settings.trusted_proxy_hops,
    )
    install_verifier(app, TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock))
    app.extensions["forms"] = wire(settings, clock, engine, identity)
    app.extensions["forms_engine"] = engine
    api.register_blueprint(templates.blueprint)
    api.register_blueprint(staff.blueprint)
    api.register_blueprint(client.blueprint)
    api.register_blueprint(recurring.blueprint)
    return app


def wire(settings: FormsSettings, clock: Clock, engine: Engine, identity: Identity | None) -> Wiring:
    session_factory = db.make_session_factory(engine)
    return Wiring(
        unit_of_work=lambda: FormsUnitOfWork(session_factory, clock),
        identity=identity
        or IdentityClient(
            InternalClient(settings.identity_url, settings.internal_token), settings.feature_cache_seconds
        ),
        signed_pdf=SignedConsentPdf(settings.pdf_font_path),
        submission_pdf=SubmissionPdf(settings.pdf_font_path),
    )
