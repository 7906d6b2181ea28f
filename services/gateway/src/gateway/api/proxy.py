"""The public API: every `/api/v1/...` request goes to the service that owns its path, after the
gateway has checked the caller's access token (each service checks it again itself)."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, Request, Response, request
from portalkit import context
from portalkit.auth import bearer_token
from portalkit.errors import Problem
from werkzeug.datastructures import Headers

from gateway.adapters.upstream import Upstream, UpstreamAnswer, UpstreamRequest
from gateway.api.admission import Admission
from gateway.api.browser_session import (
    access_token_from_cookie,
    body_with_refresh_cookie,
    end_session,
    start_session,
)
from gateway.feature_paths import feature_of
from gateway.routing import Route, SessionStep, find_route

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# Webhook-Timestamp and Webhook-Signature: an email provider's signed report (messaging checks them).
# Stripe-Signature: a processor webhook's proof (billing checks it against the body as sent).
FORWARDED_HEADERS = (
    "Authorization",
    "Content-Type",
    "Accept",
    "Idempotency-Key",
    "User-Agent",
    "If-None-Match",
    "Webhook-Timestamp",
    "Webhook-Signature",
    "Stripe-Signature",
)
# A service's Cache-Control is kept (security_headers.py makes every other API answer no-store);
# Content-Disposition names a download (a signed consent, a submission's PDF); Idempotent-Replayed says
# a payment's or refund's answer is the first one to its Idempotency-Key again.
RETURNED_HEADERS = ("Location", "Retry-After", "ETag", "Cache-Control", "Content-Disposition", "Idempotent-Replayed")


def no_such_path() -> Problem:
    return Problem(404, "not-found", "There is no such API path.", "Check the path against /openapi.json.")


def proxy_blueprint(
    upstream_urls: Mapping[str, str],
    upstream: Upstream,
    admission: Admission,
    cookie_secure: bool,
) -> Blueprint:
    blueprint = Blueprint("proxy", __name__)

    @blueprint.route("/api/v1/<path:_rest>", methods=METHODS)
    @blueprint.route("/.well-known/jwks.json", methods=["GET"])
    def forward(_rest: str = "") -> Response:
        route = find_route(request.path)
        # A feature's path nobody serves yet is still refused when the feature is off (feature_paths.py).
        if route is None and feature_of(request.path) is None:
            raise no_such_path()
        access_token = bearer_token() or access_token_from_cookie(request, route)
        if route is None or route.needs_token(request.method):
            admission.admit(access_token, request.path)
        if route is None:
            raise no_such_path()
        if route.body_limit:
            request.max_content_length = route.body_limit
        base_url = upstream_urls[route.upstream].rstrip("/")
        answer = upstream.send(_outgoing(request, route, base_url, access_token))
        response = _relay(answer, base_url)
        _follow_session_step(route, response, cookie_secure)
        return response

    return blueprint


def _outgoing(incoming: Request, route: Route, base_url: str, access_token: str | None) -> UpstreamRequest:
    headers = {name: incoming.headers[name] for name in FORWARDED_HEADERS if name in incoming.headers}
    if access_token:
        headers["Authorization"] = f"Bearer {access_token}"
    headers["X-Correlation-ID"] = context.current_correlation_id()
    headers["X-Forwarded-For"] = _forwarded_for(incoming)
    body = incoming.get_data()
    with_cookie = body_with_refresh_cookie(incoming, route, body)
    if with_cookie is not body:
        headers["Content-Type"] = "application/json"
    query = incoming.query_string.decode("latin-1")
    url = base_url + incoming.path + (f"?{query}" if query else "")
    return UpstreamRequest(incoming.method, url, headers, with_cookie)


def _forwarded_for(incoming: Request) -> str:
    earlier = incoming.headers.get("X-Forwarded-For", "").strip()
    client = incoming.remote_addr or "unknown"
    return f"{earlier}, {client}" if earlier else client


def _relay(answer: UpstreamAnswer, base_url: str) -> Response:
    headers = Headers(list(answer.headers.items()))
    response = Response(answer.body, status=answer.status)
    if "Content-Type" in headers:
        response.headers["Content-Type"] = headers["Content-Type"]
    else:
        del response.headers["Content-Type"]
    for name in RETURNED_HEADERS:
        if name in headers:
            response.headers[name] = headers[name]
    location = response.headers.get("Location", "")
    if location.startswith(base_url + "/"):
        response.headers["Location"] = location.removeprefix(base_url)
    return response


def _follow_session_step(route: Route, response: Response, cookie_secure: bool) -> None:
    if route.session in (SessionStep.START, SessionStep.RENEW):
        start_session(request, response, cookie_secure)
    if route.session is SessionStep.END or (route.session is SessionStep.RENEW and response.status_code == 401):
        end_session(response, cookie_secure)
