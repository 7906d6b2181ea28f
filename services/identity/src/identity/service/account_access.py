"""What staff do to a client's account (PIN, reset link, disable, enable, its audit), and what a
person sees and ends of their own sessions and sign-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.errors import Problem, not_found

from identity.domain.model import Account
from identity.domain.sessions import SessionPolicy
from identity.events import ACCOUNT_DISABLED, ACCOUNT_ENABLED
from identity.service import passwords, secret_sign_in, two_factor
from identity.service.challenges import must_enrol
from identity.service.one_time_secrets import SecretDelivery, record_account_event
from identity.service.practice_settings import session_policy_of
from identity.service.profile_access import open_profile_ids
from identity.service.sign_in import Caller
from identity.service.unit_of_work import IdentityUnitOfWork

HISTORY_SIZE = 100
MY_SIGN_INS = 50


def no_account() -> Problem:
    return Problem(404, "account-not-found", "This client has no portal account yet.", "Invite them first.")


def _client_account(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> Account:
    """The portal account of a client of the caller's practice; another practice's client is 404."""
    if uow.clients.get(practice_id, client_id) is None:
        raise not_found("Client")
    account = uow.accounts.for_clients(practice_id, [client_id]).get(client_id)
    if account is None:
        raise no_account()
    return account


def issue_sign_in_pin(
    uow: IdentityUnitOfWork, practice_id: str, client_id: str, staff_id: str, pepper: bytes, caller: Caller
) -> dict[str, Any]:
    with uow:
        account = _client_account(uow, practice_id, client_id)
        if not account.is_active:
            raise passwords.account_disabled()
        return secret_sign_in.issue_staff_pin(uow, account, staff_id, pepper, caller)


def issue_reset_link(
    uow: IdentityUnitOfWork,
    practice_id: str,
    client_id: str,
    staff_id: str,
    choice: tuple[dt.datetime | None, bool],
    delivery: SecretDelivery,
    caller: Caller,
) -> dict[str, Any]:
    expires_at, send_email = choice
    with uow:
        account = _client_account(uow, practice_id, client_id)
        return passwords.issue_staff_reset_link(uow, account, staff_id, expires_at, send_email, delivery, caller)


def set_enabled(
    uow: IdentityUnitOfWork, practice_id: str, client_id: str, staff_id: str, enabled: bool, caller: Caller
) -> dict[str, Any]:
    """Disable (every session ends at once) or enable again; an event only when it changes."""
    with uow:
        account = _client_account(uow, practice_id, client_id)
        changed = account.enable() if enabled else account.disable()
        if changed:
            _announce(uow, account, staff_id, enabled, caller)
        uow.commit()
        return account_state(account)


def _announce(uow: IdentityUnitOfWork, account: Account, staff_id: str, enabled: bool, caller: Caller) -> None:
    now = uow.clock.now()
    if not enabled:
        for session in uow.sessions.of_account(account.id):
            session.revoke(now)
    action = "enabled" if enabled else "disabled"
    record_account_event(uow, account.practice_id, account.id, action, caller, actor_id=staff_id)
    data = {"account_id": account.id, "client_id": account.profile_id, "actor_id": staff_id}
    uow.publish(ACCOUNT_ENABLED if enabled else ACCOUNT_DISABLED, data, account.practice_id)


def reset_two_factor(
    uow: IdentityUnitOfWork, practice_id: str, client_id: str, staff_id: str, caller: Caller
) -> dict[str, Any]:
    """A client lost their phone: two-factor sign-in off, recovery codes gone, every session ended."""
    with uow:
        account = _client_account(uow, practice_id, client_id)
        two_factor.reset_for_client(uow, account, staff_id, caller)
        return {**account_state(account), "two_factor_enabled": False}


def account_state(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "client_id": account.profile_id,
        "email": account.email,
        "status": account.status,
        "email_verified": account.is_verified,
        "created_at": account.created_at,
    }


def sign_in_history(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> dict[str, Any]:
    """Sign-in attempts and account events of a client's account, newest first."""
    with uow:
        account = _client_account(uow, practice_id, client_id)
        attempts: list[dict[str, Any]] = [
            {
                "at": e.at,
                "kind": "sign_in",
                "method": e.method,
                "result": e.result,
                "ip": e.ip,
                "user_agent": e.user_agent,
            }
            for e in uow.sign_ins.of_account(account.id, HISTORY_SIZE)
        ]
        actions: list[dict[str, Any]] = [
            {
                "at": e.at,
                "kind": e.action,
                "purpose": e.purpose,
                "actor_id": e.actor_id,
                "ip": e.ip,
                "user_agent": e.user_agent,
            }
            for e in uow.account_log.of_account(account.id, HISTORY_SIZE)
        ]
        items = sorted(attempts + actions, key=lambda item: item["at"], reverse=True)[:HISTORY_SIZE]
        return {"account": account_state(account), "items": items}


def my_sign_ins(uow: IdentityUnitOfWork, account_id: str) -> list[dict[str, Any]]:
    with uow:
        return [
            {"at": e.at, "method": e.method, "result": e.result, "ip": e.ip, "user_agent": e.user_agent}
            for e in uow.sign_ins.of_account(account_id, MY_SIGN_INS)
        ]


def my_sessions(
    uow: IdentityUnitOfWork, account_id: str, current_session: str | None, policy: SessionPolicy
) -> list[dict[str, Any]]:
    with uow:
        now = uow.clock.now()
        account = uow.accounts.get(account_id)
        policy = session_policy_of(uow.practices.get(account.practice_id) if account else None, policy)
        return [
            {
                "id": s.id,
                "created_at": s.created_at,
                "last_seen_at": s.last_used_at,
                "user_agent": s.user_agent,
                "ip": s.ip,
                "current": s.id == current_session,
            }
            for s in uow.sessions.of_account(account_id)
            if s.is_alive(now, policy)
        ]


def end_my_session(uow: IdentityUnitOfWork, account_id: str, session_id: str, caller: Caller) -> None:
    with uow:
        session = uow.sessions.get(session_id)
        if session is None or session.account_id != account_id:
            raise not_found("Session")
        session.revoke(uow.clock.now())
        record_account_event(uow, session.practice_id, account_id, "session_ended", caller)
        uow.commit()


def session_state(uow: IdentityUnitOfWork, session_id: str, policy: SessionPolicy) -> dict[str, Any]:
    """For the gateway, on every call a person makes (so the call counts as activity for the idle
    timeout): is the session on, must its staff member turn on two-factor sign-in before
    any staff path answers (then 403 `mfa-enrolment-required`), and which client profiles may its
    account open now (a token naming another one is stale: 403 `profile-access-ended`)?"""
    with uow:
        found = uow.sessions.with_holder(session_id)
        if found is None:
            return {"active": False, "mfa_enrolment_required": False, "profile_ids": []}
        session, account, practice = found
        active = account.is_active and session.is_alive(uow.clock.now(), session_policy_of(practice, policy))
        if active and session.seen(uow.clock.now()):
            uow.commit()
        return {
            "active": active,
            "mfa_enrolment_required": active and must_enrol(uow, account),
            # Only client accounts are linked to profiles; a staff account opens none.
            "profile_ids": open_profile_ids(uow, account) if active and not account.is_staff else [],
        }
