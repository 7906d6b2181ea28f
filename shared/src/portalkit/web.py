"""The Flask application every service starts from: problem+json errors, correlation ids, JSON
logs, /healthz, /readyz, /metrics and the OpenAPI document at /openapi.json."""

from __future__ import annotations

import functools
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, Response, g, jsonify, request
from flask_smorest import Api
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from portalkit import context
from portalkit.broker import ping as ping_broker
from portalkit.db import ping as ping_database
from portalkit.errors import PROBLEM_MEDIA_TYPE, Problem, ValidationProblem
from portalkit.logs import configure_logging
from portalkit.metrics import BacklogCollector, HttpMetrics
from portalkit.outbox import outbox_backlog

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1 * 1024 * 1024

ReadinessCheck = Callable[[], None]


def problem_response(problem: Problem) -> Response:
    response = jsonify(problem.to_dict())
    response.status_code = problem.status
    response.mimetype = PROBLEM_MEDIA_TYPE
    retry_after = problem.extra.get("retry_after")
    if isinstance(retry_after, int) and not isinstance(retry_after, bool) and retry_after >= 0:
        # A refusal that says when to come back says it in the header too (RFC 9110), for clients
        # and proxies that read no body.
        response.headers["Retry-After"] = str(retry_after)
    return response


def create_service_app(
    name: str,
    version: str,
    checks: Mapping[str, ReadinessCheck],
    registry: CollectorRegistry | None = None,
    outbox_engine: Engine | None = None,
    log_level: str = "INFO",
    proxy_hops: int = 1,
) -> tuple[Flask, Api]:
    """The base app; with `outbox_engine`, /metrics also reports that database's outbox backlog."""
    configure_logging(name, log_level)
    app = Flask(name)
    app.config.update(
        API_TITLE=f"{name} service",
        API_VERSION=version,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        JSON_SORT_KEYS=False,
    )
    api = Api(app)
    if proxy_hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxy_hops)  # type: ignore[method-assign]
    app.extensions["metrics_registry"] = registry = registry or CollectorRegistry()
    if outbox_engine is not None:
        registry.register(BacklogCollector(functools.partial(outbox_backlog, outbox_engine)))
    _install_request_context(app, HttpMetrics(registry))
    _install_error_handlers(app)
    _install_operational_routes(app, checks, registry)
    return app, api


def _install_request_context(app: Flask, metrics: HttpMetrics) -> None:
    @app.before_request
    def _begin() -> None:
        incoming = request.headers.get("X-Correlation-ID") or request.headers.get("X-Request-ID")
        context.correlation_id.set(incoming if incoming and len(incoming) <= 100 else str(uuid.uuid4()))
        context.causation_id.set(None)
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        route = request.url_rule.rule if request.url_rule else "unmatched"
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        metrics.requests.labels(request.method, route, str(response.status_code)).inc()
        metrics.latency.labels(request.method, route).observe(elapsed)
        response.headers["X-Correlation-ID"] = context.current_correlation_id()
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def _install_error_handlers(app: Flask) -> None:
    app.register_error_handler(Problem, problem_response)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        details = getattr(error, "data", None)  # webargs puts the field messages of a 422 here
        if error.code == 422 and details:
            return problem_response(ValidationProblem(_field_messages(details.get("messages", {}))))
        status = error.code or 500
        code = (error.name or "error").lower().replace(" ", "-")
        return problem_response(Problem(status, code, error.name or "Error", error.description))

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_down(error: Exception) -> Response:
        log.warning("database unavailable", extra={"error": repr(error)})
        return problem_response(
            Problem(503, "service-unavailable", "The service is unavailable for a moment.", "Try again shortly.")
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error")
        return problem_response(Problem(500, "internal-error", "Something went wrong on our side."))


def _field_messages(messages: Mapping[str, Any]) -> dict[str, list[str]]:
    """webargs reports `{location: {field: [messages]}}`; clients want `{field: [messages]}`, a nested
    field named by its dotted path (`items.3.options.0.label`), so a page can show it beside its input."""
    fields: dict[str, list[str]] = {}
    for by_field in messages.values():
        _flatten(by_field or {}, "", fields)
    return fields


def _flatten(problems: Any, path: str, into: dict[str, list[str]]) -> None:
    if isinstance(problems, Mapping):
        for key, inner in problems.items():
            _flatten(inner, f"{path}.{key}" if path else str(key), into)
    elif isinstance(problems, list) and any(isinstance(p, Mapping) for p in problems):
        for inner in problems:
            _flatten(inner, path, into)
    else:
        into.setdefault(path, []).extend(str(p) for p in (problems if isinstance(problems, list) else [problems]))


def _install_operational_routes(app: Flask, checks: Mapping[str, ReadinessCheck], registry: CollectorRegistry) -> None:
    @app.get("/healthz")
    def healthz() -> Any:
        return {"status": "alive"}

    @app.get("/readyz")
    def readyz() -> Any:
        failures = {}
        for check_name, check in checks.items():
            try:
                check()
            except Exception as error:  # any failure means not ready; the reason is reported
                failures[check_name] = type(error).__name__
        if failures:
            return problem_response(
                Problem(503, "not-ready", "Not ready.", "A dependency is unreachable.", checks=failures)
            )
        return {"status": "ready", "checks": sorted(checks)}

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def database_and_broker_checks(engine: Engine, amqp_url: str) -> dict[str, ReadinessCheck]:
    """What a service with a database and a broker needs to be ready."""
    return {
        "database": CachedCheck(functools.partial(ping_database, engine), ttl=2.0),
        "broker": CachedCheck(functools.partial(ping_broker, amqp_url)),
    }


class CachedCheck:
    """A readiness check that remembers a success for a few seconds (probes come often)."""

    def __init__(self, check: ReadinessCheck, ttl: float = 5.0) -> None:
        self._check = check
        self._ttl = ttl
        self._ok_until = 0.0

    def __call__(self) -> None:
        if time.monotonic() < self._ok_until:
            return
        self._check()
        self._ok_until = time.monotonic() + self._ttl
