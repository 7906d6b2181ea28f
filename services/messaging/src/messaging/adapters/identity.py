"""Identity's internal API (docs/contracts.md): who in a practice should be told."""

from __future__ import annotations

import time

import requests
from portalkit.errors import Problem
from portalkit.http import InternalClient
from portalkit.identity import default_email, practice_name

from messaging.service.client_notices import ClientContact
from messaging.service.forms_notifications import PracticeStaff, StaffMember


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
        return PracticeStaff(practice_name(body), members)


class IdentityPracticeDirectory:
    """For threads: is a client one of the practice's, which staff may be addressed or given a thread.

    With `public_base_url`, a contact carries the practice's logo as an absolute address (identity
    gives the public path); a practice's logo is remembered for `logo_ttl` seconds, as it rarely
    changes and the notices ask for it with every message."""

    def __init__(self, http: InternalClient, public_base_url: str = "", logo_ttl: float = 300.0) -> None:
        self._http = http
        self._public_base_url = public_base_url.rstrip("/")
        self._logo_ttl = logo_ttl
        self._logos: dict[str, tuple[float, str | None]] = {}

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
        email = default_email(body)
        account = body.get("account") or {}
        can_sign_in = bool(account) and account.get("status") != "disabled"
        practice = practice_name(body)
        logo = self.logo_url(practice_id)
        account_id = str(account["id"]) if account.get("id") else None
        consented = account.get("electronic_notices") is True
        return ClientContact(
            email, str(body.get("first_name") or ""), practice, can_sign_in, logo, account_id, consented
        )

    def logo_url(self, practice_id: str) -> str | None:
        """The practice's logo as an absolute address; None without one (or when identity cannot say:
        the email goes out with the practice's name instead)."""
        if not self._public_base_url:
            return None
        remembered = self._logos.get(practice_id)
        if remembered and remembered[0] > time.monotonic():
            return remembered[1]
        try:
            response = self._http.get(f"/internal/practices/{practice_id}/settings")
        except Problem:
            return None
        if not response.ok:
            return None
        path = response.json().get("logo_url")
        logo = f"{self._public_base_url}{path}" if isinstance(path, str) and path.startswith("/") else None
        self._logos[practice_id] = (time.monotonic() + self._logo_ttl, logo)
        return logo

    def practice_name(self, practice_id: str) -> str:
        """For the code texted to a client's mobile number; "" when identity cannot say (the text then
        names no practice rather than not going)."""
        try:
            response = self._http.get(f"/internal/practices/{practice_id}/settings")
        except Problem:
            return ""
        return str(response.json().get("name") or "") if response.ok else ""

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
