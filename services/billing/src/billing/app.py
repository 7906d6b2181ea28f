"""The one place where the billing service is wired together."""

from __future__ import annotations

import functools

from flask import Flask
from portalkit import db
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.http import InternalClient
from portalkit.storage import ObjectStore, make_object_store
from portalkit.web import create_service_app, database_and_broker_checks
from sqlalchemy import Engine

from billing.adapters.identity import IdentityClient
from billing.adapters.processors import Processors
from billing.adapters.sandbox import SandboxProcessor
from billing.adapters.stripe import StripeProcessor
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.api import Wiring, client, documents, estimates, insurance, sandbox, staff, webhooks
from billing.service.identity import Identity
from billing.service.insurance import Photos
from billing.service.processor import PaymentProcessor
from billing.settings import BillingSettings


def create_app(
    settings: BillingSettings | None = None,
    clock: Clock | None = None,
    identity: Identity | None = None,
    processor: PaymentProcessor | None = None,
    objects: ObjectStore | None = None,
) -> Flask:
    settings = settings or BillingSettings.from_env()
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
    the_sandbox = SandboxProcessor(engine, clock)
    app.extensions["billing"] = Wiring(
        unit_of_work=functools.partial(BillingUnitOfWork, db.make_session_factory(engine), clock),
        identity=identity
        or IdentityClient(
            InternalClient(settings.identity_url, settings.internal_token), clock, settings.feature_cache_seconds
        ),
        processors=make_processors(settings, engine, clock, processor or the_sandbox),
        sandbox=the_sandbox,
        stripe_publishable_key=settings.stripe_publishable_key,
    )
    app.extensions["billing_engine"] = engine
    api.register_blueprint(client.blueprint)
    api.register_blueprint(staff.blueprint)
    api.register_blueprint(sandbox.blueprint)
    # Stripe's signed webhooks (no user token: the signature is the proof).
    app.extensions["billing_webhook_secret"] = settings.stripe_webhook_secret
    app.extensions["billing_clock"] = clock
    api.register_blueprint(webhooks.blueprint)
    # Insurance: the client's policies and photos of their cards (in object storage), staff's view.
    app.extensions["billing_insurance_photos"] = Photos(
        objects or make_object_store(settings), settings.insurance_photo_max_bytes
    )
    api.register_blueprint(insurance.client)
    api.register_blueprint(insurance.staff)
    # Statements, superbills and receipts (PDF).
    app.config["BILLING_PDF_FONT_PATH"] = settings.pdf_font_path
    api.register_blueprint(documents.client_blueprint)
    api.register_blueprint(documents.staff_blueprint)
    # Good Faith Estimates (PDF), acknowledged by the client.
    api.register_blueprint(estimates.client_blueprint)
    api.register_blueprint(estimates.staff_blueprint)
    return app


def make_processors(
    settings: BillingSettings, engine: Engine, clock: Clock, sandbox: PaymentProcessor | None = None
) -> Processors:
    """The sandbox, and Stripe when its three keys are set (practices choose between them)."""
    stripe = (
        StripeProcessor(settings.stripe_secret_key, engine, clock, settings.stripe_api_base)
        if settings.stripe_configured
        else None
    )
    return Processors(sandbox or SandboxProcessor(engine, clock), stripe)
