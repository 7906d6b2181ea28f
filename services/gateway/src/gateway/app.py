"""Wiring: the gateway app from its settings, with real or injected upstream transport and verifier."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.clock import Clock, clock_from_settings
from portalkit.web import CachedCheck, create_service_app

from gateway.adapters.billing_summary import BillingSummary
from gateway.adapters.client_tasks import ClientTasks, RequestedUploads
from gateway.adapters.identity_sessions import IdentitySessions
from gateway.adapters.next_appointment import NextAppointment
from gateway.adapters.practice_features import PracticeFeatures
from gateway.adapters.unread_messages import WAITING_DOCUMENTS_PATH, UnreadMessages
from gateway.adapters.upstream import HttpUpstream, Upstream, UpstreamRequest, bad_gateway
from gateway.api.admission import Admission
from gateway.api.dashboard import dashboard_blueprint
from gateway.api.openapi import MergedOpenApi, install_merged_openapi
from gateway.api.pages import pages_blueprint
from gateway.api.proxy import proxy_blueprint
from gateway.security_headers import install_security_headers
from gateway.settings import GatewaySettings

VERSION = "1.0.0"


def create_app(
    settings: GatewaySettings | None = None,
    clock: Clock | None = None,
    upstream: Upstream | None = None,
    verifier: TokenVerifier | None = None,
) -> Flask:
    settings = settings or GatewaySettings.from_env()
    clock = clock or clock_from_settings(settings.clock_offset_file)
    upstream = upstream or HttpUpstream(settings.upstream_timeout)
    verifier = verifier or TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock)
    urls = settings.upstream_urls()
    app, _api = create_service_app(
        settings.service_name,
        VERSION,
        _readiness_checks(upstream, urls),
        log_level=settings.log_level,
        proxy_hops=settings.trusted_proxy_hops,
    )
    install_verifier(app, verifier)
    admission = Admission(
        verifier,
        IdentitySessions(upstream, settings.identity_url, settings.internal_token),
        PracticeFeatures(
            upstream, settings.identity_url, settings.internal_token, clock, settings.feature_cache_seconds
        ),
    )
    app.register_blueprint(
        dashboard_blueprint(
            admission,
            ClientTasks(upstream, settings.forms_url),
            NextAppointment(upstream, settings.scheduling_url),
            UnreadMessages(upstream, settings.messaging_url),
            BillingSummary(upstream, settings.billing_url),
            UnreadMessages(upstream, settings.messaging_url, path=WAITING_DOCUMENTS_PATH, field="waiting"),
            RequestedUploads(upstream, settings.messaging_url),
        )
    )
    app.register_blueprint(proxy_blueprint(urls, upstream, admission, settings.cookie_secure))
    app.register_blueprint(pages_blueprint())
    install_merged_openapi(app, MergedOpenApi(upstream, urls, VERSION))
    install_security_headers(app)
    return app


def _readiness_checks(upstream: Upstream, urls: Mapping[str, str]) -> dict[str, Callable[[], None]]:
    return {name: CachedCheck(_answers_healthz(upstream, url)) for name, url in urls.items()}


def _answers_healthz(upstream: Upstream, base_url: str) -> Callable[[], None]:
    def check() -> None:
        answer = upstream.send(UpstreamRequest("GET", base_url.rstrip("/") + "/healthz", timeout=2.0))
        if answer.status != 200:
            raise bad_gateway()

    return check
