"""create_app: the one place where identity's pieces are wired together."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.db import lookup_session_factory, make_engine, make_session_factory
from portalkit.sealed import Sealer
from portalkit.storage import ObjectStore, make_object_store
from portalkit.web import create_service_app, database_and_broker_checks
from sqlalchemy import Engine

from identity.adapters.orm import start_mappers
from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.places import make_place_lookup
from identity.adapters.signing import AccessTokens, SigningKeys, TokenRules
from identity.api import (
    Dependencies,
    auth,
    client_profiles,
    clients,
    credentials,
    internal,
    keys,
    me,
    my_profiles,
    practice,
    staff_accounts,
    two_factor,
)
from identity.domain.lockout import LockoutPolicy
from identity.domain.sessions import SessionPolicy
from identity.service.one_time_secrets import SecretDelivery
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.settings import IdentitySettings, code_pepper


def create_app(
    settings: IdentitySettings | None = None, clock: Clock | None = None, objects: ObjectStore | None = None
) -> Flask:
    settings = settings or IdentitySettings.from_env()
    clock = clock or clock_from_settings(settings.clock_offset_file)
    engine = make_engine(settings.database_url)
    start_mappers()
    checks = database_and_broker_checks(engine, settings.amqp_url)
    app, api = create_service_app(
        "identity",
        "1.0.0",
        checks,
        outbox_engine=engine,
        log_level=settings.log_level,
        proxy_hops=settings.trusted_proxy_hops,
    )
    deps = _dependencies(settings, clock, engine, objects or make_object_store(settings))
    app.extensions["identity"] = deps
    app.extensions["identity_engine"] = engine
    install_verifier(app, _own_verifier(settings, clock, deps.signing_keys))
    for blueprint in (
        auth.blp,
        credentials.blp,
        me.blp,
        my_profiles.blp,
        two_factor.blp,
        clients.blp,
        staff_accounts.blp,
        client_profiles.blp,
        practice.blp,
        internal.blp,
    ):
        api.register_blueprint(blueprint)
    app.register_blueprint(keys.blp)
    return app


def _dependencies(settings: IdentitySettings, clock: Clock, engine: Engine, objects: ObjectStore) -> Dependencies:
    session_factory = make_session_factory(engine)
    lookup_sessions = lookup_session_factory(engine)
    signing_keys = SigningKeys(engine, clock)
    rules = TokenRules(settings.token_issuer, settings.token_audience, settings.access_token_ttl_seconds)
    return Dependencies(
        uow=lambda: IdentityUnitOfWork(session_factory, clock),
        lookup_uow=lambda: IdentityUnitOfWork(lookup_sessions, clock),
        hasher=PasswordHasher(),
        signing_keys=signing_keys,
        tokens=AccessTokens(signing_keys, rules, clock),
        session_policy=session_policy(settings),
        internal_token=settings.internal_token,
        delivery=SecretDelivery(settings.public_base_url, Sealer(settings.sealed_payload_key), code_pepper(settings)),
        lockout=LockoutPolicy(per_ip_per_hour=settings.sign_in_failures_per_ip_per_hour),
        objects=objects,
        places=make_place_lookup(settings.geoip_database),
    )


def session_policy(settings: IdentitySettings) -> SessionPolicy:
    return SessionPolicy(
        idle=dt.timedelta(seconds=settings.session_idle_seconds),
        absolute=dt.timedelta(seconds=settings.session_absolute_seconds),
    )


def _own_verifier(settings: IdentitySettings, clock: Clock, signing_keys: SigningKeys) -> TokenVerifier:
    """Identity reads its own key set from its database rather than over HTTP from itself."""

    def fetch(_url: str) -> dict[str, Any]:
        return signing_keys.public_key_set()

    return TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=fetch)
