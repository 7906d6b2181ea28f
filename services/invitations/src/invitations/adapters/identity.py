"""Identity's internal API (docs/contracts.md), over the internal network."""

from __future__ import annotations

import dataclasses
from typing import Any

import requests
from portalkit.errors import Problem
from portalkit.http import InternalClient, relay_problem

from invitations.service.identity import ClientRecord, CreatedAccount, NewAccount


class IdentityClient:
    def __init__(self, http: InternalClient) -> None:
        self._http = http

    def client(self, practice_id: str, client_id: str) -> ClientRecord | None:
        response = self._http.get(f"/internal/practices/{practice_id}/clients/{client_id}")
        if response.status_code == 404:
            return None
        _refuse_unless_ok(response)
        return _client_record(response.json())

    def create_account(self, account: NewAccount) -> CreatedAccount:
        body = dataclasses.asdict(account)
        body["agreements"] = list(account.agreements)
        response = self._http.post("/internal/accounts", json=body)
        _refuse_unless_ok(response)
        answer = response.json()
        return CreatedAccount(str(answer["account_id"]), str(answer["email"]), bool(answer.get("created", True)))


def _refuse_unless_ok(response: requests.Response) -> None:
    if response.ok:
        return
    if 400 <= response.status_code < 500:
        # Identity's refusals (a password its policy rejects, an existing account) reach the person unchanged.
        raise relay_problem(response)
    raise Problem(502, "upstream-error", "The identity service could not answer.", "Try again in a moment.")


def _client_record(body: dict[str, Any]) -> ClientRecord:
    practice = body.get("practice") or {}
    hours = practice.get("invitation_expiry_hours")
    reminder = practice.get("invitation_reminder_hours")
    return ClientRecord(
        id=str(body["id"]),
        first_name=str(body.get("first_name") or ""),
        last_name=str(body.get("last_name") or ""),
        emails=tuple((str(e["address"]), bool(e.get("is_default"))) for e in body.get("emails") or []),
        practice_name=str(practice.get("name") or ""),
        invitation_expiry_hours=hours if isinstance(hours, int) else None,
        has_account=bool(body.get("account")),
        reminder_hours_before_expiry=reminder if isinstance(reminder, int) else None,
    )
