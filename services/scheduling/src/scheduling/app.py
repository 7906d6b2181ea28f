"""The one place where the scheduling service is wired together."""

from __future__ import annotations

import functools

from flask import Flask
from portalkit import db
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.http import InternalClient
from portalkit.web import create_service_app, database_and_broker_checks

from scheduling.adapters.identity import IdentityClient
from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.adapters.video import JitsiRooms
from scheduling.api import Wiring, client, requests, setup, staff
from scheduling.service.identity import Identity
from scheduling.settings import SchedulingSettings


def create_app(
    settings: SchedulingSettings | None = None, clock: Clock | None = None, identity: Identity | None = None
) -> Flask:
    settings = settings or SchedulingSettings.from_env()
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
    app.extensions["scheduling"] = Wiring(
        unit_of_work=functools.partial(SchedulingUnitOfWork, db.make_session_factory(engine), clock),
        identity=identity
        or IdentityClient(
            InternalClient(settings.identity_url, settings.internal_token), settings.feature_cache_seconds
        ),
        public_base_url=settings.public_base_url,
        video=JitsiRooms(
            settings.video_base_url,
            settings.video_app_id,
            settings.video_app_secret,
            settings.video_token_audience,
            settings.video_token_domain,
        ),
    )
    app.extensions["scheduling_engine"] = engine
    api.register_blueprint(staff.blueprint)
    api.register_blueprint(setup.blueprint)
    api.register_blueprint(client.blueprint)
    api.register_blueprint(requests.blueprint)
    return app
