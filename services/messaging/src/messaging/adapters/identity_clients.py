"""Identity's internal API (docs/contracts.md): a client profile's default address and first name."""

from __future__ import annotations

from portalkit.errors import Problem
from portalkit.http import InternalClient

from messaging.service.appointment_requests import ClientAddress


class IdentityClientDirectory:
    def __init__(self, http: InternalClient) -> None:
        self._http = http

    def client(self, practice_id: str, client_id: str) -> ClientAddress | None:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        if not response.ok:
            raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
        body = response.json()
        email = next((str(e["address"]) for e in body.get("emails") or [] if e.get("is_default")), None)
        practice = str((body.get("practice") or {}).get("name") or "")
        return ClientAddress(email, str(body.get("first_name") or ""), practice)
