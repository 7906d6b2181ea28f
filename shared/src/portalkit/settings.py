"""Settings read from the environment, once, in one place per service.

A service declares a frozen dataclass that extends `BaseSettings` and calls `from_env()`.
Each field is read from an environment variable of the same name in upper case. A service-prefixed
variable (``IDENTITY_DATABASE_URL``) wins over the plain one (``DATABASE_URL``), so one shell can
start every service with its own database while a container only needs the plain name.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from collections.abc import Mapping
from typing import Any, Self


def _convert(raw: str, kind: Any) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    return raw


@dataclasses.dataclass(frozen=True)
class BaseSettings:
    service_name: str = "portal"
    database_url: str = ""
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/%2F"
    var_dir: str = "var"
    log_level: str = "INFO"
    # The web address people use; links in emails are built from it.
    public_base_url: str = "http://127.0.0.1:8080"
    # Where access tokens' signing keys are published, and what the tokens must say.
    jwks_url: str = "http://127.0.0.1:8081/.well-known/jwks.json"
    token_issuer: str = "portal-identity"
    token_audience: str = "portal"
    # Shared secret on the internal network, for calls between services.
    internal_token: str = ""
    # Key (Fernet, urlsafe base64 of 32 bytes) sealing delivery secrets inside events.
    sealed_payload_key: str = ""
    # Test hook: a file holding a number of seconds every process adds to the wall clock.
    clock_offset_file: str = ""
    # How many proxies in front of this process append to X-Forwarded-For (services: the gateway).
    # The client's address is then read from that header; 0 trusts nobody's header.
    trusted_proxy_hops: int = 1
    outbox_batch_size: int = 500
    # Published events stay in the outbox this long (for inspection and replay), then the relay deletes them.
    outbox_retention_hours: int = 168
    # Port of the worker process's /metrics (events published and consumed, outbox backlog); 0: off.
    worker_metrics_port: int = 0
    consumer_delivery_limit: int = 5
    # Where files outside the database go (portalkit.storage): "local" (VAR_DIR/objects/<service>)
    # or "s3" (any S3-compatible store; an empty endpoint, region or key: boto3's own defaults).
    storage_backend: str = "local"
    s3_endpoint_url: str = ""
    s3_bucket: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Self:
        environ = os.environ if environ is None else environ
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        prefix = str(overrides.get("service_name") or cls.service_name).upper() + "_"
        for field in dataclasses.fields(cls):
            name = field.name.upper()
            raw = environ.get(prefix + name, environ.get(name))
            if raw is not None:
                values[field.name] = _convert(raw, hints[field.name])
        values.update(overrides)
        settings = cls(**values)
        if not settings.database_url:
            default = f"sqlite:///{settings.var_dir}/{settings.service_name}.db"
            settings = dataclasses.replace(settings, database_url=default)
        return settings
