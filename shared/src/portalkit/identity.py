"""The reads of identity's internal API (docs/contracts.md) that forms, scheduling and billing share:
a client's record, the links joining accounts to a client profile, a practice's staff, and the
practice's settings (features, time zone), which are kept a few seconds per practice as the gateway
does, so a change takes effect that soon. Each service turns these answers into its own types.

A 404 is an answer (no such client here); another 4xx is identity's problem passed on; anything
else is a 502 to the caller."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable, Iterable
from typing import Any

import requests

from portalkit.errors import Problem
from portalkit.http import InternalClient, relay_problem


class IdentityReader:
    def __init__(
        self, http: InternalClient, settings_cache_seconds: float = 10.0, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._http = http
        self._ttl = settings_cache_seconds
        self._now = now
        self._settings: dict[str, tuple[float, dict[str, Any]]] = {}

    def client_record(self, practice_id: str, client_id: str) -> dict[str, Any] | None:
        """The client's record (names, date of birth, emails, practice, account); None: no such client here."""
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        check(response)
        return dict(response.json())

    def client_exists(self, practice_id: str, client_id: str) -> bool:
        return self.client_record(practice_id, client_id) is not None

    def profile_links(self, practice_id: str, client_id: str) -> list[dict[str, Any]]:
        """The accounts linked to a client profile: `{account_id, kind, active}` each."""
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}/links")
        check(response)
        return list(response.json().get("items") or [])

    def staff_members(self, practice_id: str, roles: Iterable[str]) -> list[dict[str, Any]]:
        """The practice's active staff in those roles, `{account_id, email, role}` each; [] for an unknown practice."""
        response = self._http.get(f"/internal/practices/{practice_id}/staff", params=[("role", r) for r in roles])
        if response.status_code == 404:
            return []
        check(response)
        return list(response.json().get("items") or [])

    def practice_settings(self, practice_id: str) -> dict[str, Any]:
        """A copy younger than the cache's seconds, else asked again (also when the clock went back)."""
        now = self._now()
        kept = self._settings.get(practice_id)
        if kept and 0 <= now - kept[0] < self._ttl:
            return kept[1]
        response = self._http.get(f"/internal/practices/{practice_id}/settings")
        check(response)
        settings = dict(response.json())
        self._settings[practice_id] = (now, settings)
        return settings

    def features(self, practice_id: str) -> dict[str, bool]:
        features = self.practice_settings(practice_id).get("features") or {}
        return {str(name): bool(on) for name, on in features.items()}

    def time_zone(self, practice_id: str) -> dt.tzinfo:
        name = self.practice_settings(practice_id).get("time_zone") or "UTC"
        try:
            return zoneinfo.ZoneInfo(str(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC  # identity checks the name; a zone this machine lacks falls back to UTC days


def default_email(record: dict[str, Any]) -> str | None:
    return next((str(e["address"]) for e in record.get("emails") or [] if e.get("is_default")), None)


def practice_name(record: dict[str, Any]) -> str:
    return str((record.get("practice") or {}).get("name") or "")


def full_name(record: dict[str, Any]) -> str:
    return " ".join(str(part) for part in (record.get("first_name"), record.get("last_name")) if part)


def check(response: requests.Response) -> None:
    if 400 <= response.status_code < 500:
        raise relay_problem(response)
    if response.status_code >= 300:
        raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
