"""Identity's internal API (docs/contracts.md), over the internal network."""

from __future__ import annotations

import datetime as dt

import requests
from portalkit.clock import Clock
from portalkit.errors import Problem
from portalkit.http import InternalClient, relay_problem

from billing.service.identity import ClientDetails


class IdentityClient:
    def __init__(self, http: InternalClient, clock: Clock, feature_cache_seconds: float = 10.0) -> None:
        self._http = http
        self._clock = clock
        self._ttl = dt.timedelta(seconds=feature_cache_seconds)
        self._features: dict[str, tuple[dt.datetime, dict[str, bool]]] = {}

    def client_exists(self, practice_id: str, client_id: str) -> bool:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return False
        _check(response)
        return True

    def client_details(self, practice_id: str, client_id: str) -> ClientDetails | None:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        _check(response)
        body = response.json()
        born = body.get("date_of_birth")
        name = f"{body.get('first_name') or ''} {body.get('last_name') or ''}".strip()
        return ClientDetails(name, dt.date.fromisoformat(born) if born else None)

    def features(self, practice_id: str) -> dict[str, bool]:
        """Kept a few seconds per practice (as the gateway does): a change takes effect that soon. A copy
        from the future (the test clock moved back) is asked again."""
        now = self._clock.now()
        cached = self._features.get(practice_id)
        if cached and dt.timedelta(0) <= now - cached[0] < self._ttl:
            return cached[1]
        response = self._http.get(f"/internal/practices/{practice_id}/settings")
        _check(response)
        features = {str(name): bool(on) for name, on in (response.json().get("features") or {}).items()}
        self._features[practice_id] = (now, features)
        return features


def _check(response: requests.Response) -> None:
    if 400 <= response.status_code < 500:
        raise relay_problem(response)
    if response.status_code >= 300:
        raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
