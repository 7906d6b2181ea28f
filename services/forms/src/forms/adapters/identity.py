"""Identity's internal API (docs/contracts.md), over the internal network."""

from __future__ import annotations

from portalkit.errors import Problem
from portalkit.http import InternalClient, relay_problem

from forms.service.identity import ClientRecord


class IdentityClient:
    def __init__(self, http: InternalClient) -> None:
        self._http = http

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
        return ClientRecord(str(body["id"]), name, str((body.get("practice") or {}).get("name") or ""))
