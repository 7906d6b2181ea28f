"""The moment after the first step of a sign-in: an account with two-factor sign-in on gets a
challenge instead of tokens; a staff member whom the practice requires to enrol is told so."""

from __future__ import annotations

from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem

from identity.domain.model import Account
from identity.domain.two_factor import issue_challenge
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.unit_of_work import IdentityUnitOfWork


def mfa_enrolment_required() -> Problem:
    return Problem(
        403,
        "mfa-enrolment-required",
        "Turn on two-factor sign-in first.",
        "Your practice requires two-factor sign-in for staff. Set it up under My account, then try again.",
    )


def start_challenge_if_on(
    uow: IdentityUnitOfWork, account: Account, started_by: str, caller: Caller
) -> dict[str, Any] | None:
    """The challenge answer when the account has a second factor, else None; the caller commits."""
    factor = uow.two_factors.get(account.id)
    if factor is None or not factor.is_on:
        return None
    challenge_id, challenge = issue_challenge(account.id, account.practice_id, started_by, uow.clock.now())
    uow.challenges.add(challenge)
    record_account_event(uow, account.practice_id, account.id, "mfa_challenge_issued", caller, started_by)
    return {
        "mfa_required": True,
        "challenge_id": challenge_id,
        "methods": factor.methods,
        "expires_at": utc_iso(challenge.expires_at),
    }


def must_enrol(uow: IdentityUnitOfWork, account: Account) -> bool:
    """A staff member of a practice that requires two-factor sign-in, without it."""
    if not account.is_staff:
        return False
    practice = uow.practices.get(account.practice_id)
    if practice is None or not practice.require_staff_two_factor:
        return False
    factor = uow.two_factors.get(account.id)
    return factor is None or not factor.is_on


def account_must_enrol(uow: IdentityUnitOfWork, account_id: str) -> bool:
    with uow:
        account = uow.accounts.get(account_id)
        return account is not None and must_enrol(uow, account)


def with_enrolment_notice(answer: dict[str, Any], required: bool) -> dict[str, Any]:
    return {**answer, "mfa_enrolment_required": True} if required else answer
