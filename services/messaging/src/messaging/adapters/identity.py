"""Identity's internal API (docs/contracts.md): who in a practice should be told."""

from __future__ import annotations

import requests
from portalkit.errors import Problem
from portalkit.http import InternalClient

from messaging.service.forms_notifications import PracticeStaff, StaffMember
from messaging.service.thread_notifications import ClientContact


class IdentityStaffDirectory:
    def __init__(self, http: InternalClient) -> None:
        self._http = http

    def active_staff(self, practice_id: str, roles: tuple[str, ...]) -> PracticeStaff | None:
        response = self._http.get(f"/internal/practices/{practice_id}/staff", params=[("role", r) for r in roles])
        if response.status_code == 404:
            return None
        _check(response)
        body = response.json()
        members = tuple(
            StaffMember(str(item["account_id"]), str(item["email"]), str(item["role"]))
            for item in body.get("items") or []
        )
        return PracticeStaff(str((body.get("practice") or {}).get("name") or ""), members)


class IdentityPracticeDirectory:
    """For threads: is a client one of the practice's, which staff may be addressed or given a thread."""

    def __init__(self, http: InternalClient) -> None:
        self._http = http

    def client_exists(self, practice_id: str, client_id: str) -> bool:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return False
        _check(response)
        return True

    def contact(self, practice_id: str, client_id: str) -> ClientContact | None:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        _check(response)
        body = response.json()
        email = next((str(e["address"]) for e in body.get("emails") or [] if e.get("is_default")), None)
        account = body.get("account") or {}
        can_sign_in = bool(account) and account.get("status") != "disabled"
        practice = str((body.get("practice") or {}).get("name") or "")
        return ClientContact(email, str(body.get("first_name") or ""), practice, can_sign_in)

    def account_reaches(self, practice_id: str, client_id: str, account_id: str) -> bool:
        """For the profile picker: whether an active link joins the account to the profile."""
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}/links")
        if response.status_code == 404:
            return False
        _check(response)
        links = response.json().get("items") or []
        return any(str(link.get("account_id")) == account_id and link.get("active") for link in links)

    def staff_ids(self, practice_id: str, roles: tuple[str, ...]) -> set[str]:
        response = self._http.get(f"/internal/practices/{practice_id}/staff", params=[("role", r) for r in roles])
        if response.status_code == 404:
            return set()
        _check(response)
        return {str(item["account_id"]) for item in response.json().get("items") or []}


def _check(response: requests.Response) -> None:
    if not response.ok:
        raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")
