"""Identity's internal API (docs/contracts.md), over the internal network."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from typing import Any

from portalkit.errors import Problem
from portalkit.http import InternalClient, relay_problem

from forms.service.identity import ClientRecord, ProfileLink


class IdentityClient:
    def __init__(self, http: InternalClient, feature_cache_seconds: float = 10.0) -> None:
        self._http = http
        self._feature_cache_seconds = feature_cache_seconds
        self._settings: dict[str, tuple[float, dict[str, Any]]] = {}

    def features(self, practice_id: str) -> dict[str, bool]:
        features = self._practice_settings(practice_id).get("features") or {}
        return {str(name): bool(on) for name, on in features.items()}

    def time_zone(self, practice_id: str) -> dt.tzinfo:
        name = self._practice_settings(practice_id).get("time_zone") or "UTC"
        try:
            return zoneinfo.ZoneInfo(str(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC  # identity checks the name; a zone this machine lacks falls back to UTC days

    def _practice_settings(self, practice_id: str) -> dict[str, Any]:
        """Kept a few seconds per practice (as the gateway does): a change takes effect that soon."""
        cached = self._settings.get(practice_id)
        if cached and time.monotonic() - cached[0] < self._feature_cache_seconds:
            return cached[1]
        response = self._http.get(f"/internal/practices/{practice_id}/settings")
        if not response.ok:
            raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
        settings = dict(response.json())
        self._settings[practice_id] = (time.monotonic(), settings)
        return settings

    def client(self, practice_id: str, client_id: str) -> ClientRecord | None:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        if 400 <= response.status_code < 500:
            raise relay_problem(response)
        if not response.ok:
            raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
        body = response.json()
        name = " ".join(part for part in (body.get("first_name"), body.get("last_name")) if part)
        default = next((str(e["address"]) for e in body.get("emails") or [] if e.get("is_default")), None)
        return ClientRecord(
            str(body["id"]),
            name,
            str((body.get("practice") or {}).get("name") or ""),
            first_name=str(body.get("first_name") or ""),
            default_email=default,
        )

    def links(self, practice_id: str, client_id: str) -> list[ProfileLink]:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}/links")
        if 400 <= response.status_code < 500:
            raise relay_problem(response)
        if not response.ok:
            raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
        items = response.json().get("items") or []
        return [ProfileLink(str(i["account_id"]), str(i["kind"]), bool(i.get("active"))) for i in items]
