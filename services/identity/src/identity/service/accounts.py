"""Opening accounts: a client's portal account when an invitation is accepted, and staff accounts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from identity.adapters.password_hasher import PasswordHasher
from identity.domain.model import ACTIVE, AGREEMENT_KINDS, CLIENT_ROLE, Account, Agreement, Practice, new_id
from identity.domain.passwords import password_problems
from identity.domain.profile_links import own_link
from identity.events import ACCOUNT_CREATED
from identity.service.one_time_secrets import SecretDelivery
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.service.verification import request_verification

DEMO_PRACTICE_NAME = "Riverbend Counseling (demo)"
DEMO_OWNER_EMAIL = "owner@demo.test"


@dataclasses.dataclass(frozen=True)
class AcceptedAgreement:
    kind: str
    version: str
    accepted_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ClientSignUp:
    practice_id: str
    client_id: str
    invitation_id: str
    email: str
    password: str
    agreements: list[AcceptedAgreement]


def account_exists() -> Problem:
    return Problem(409, "account-exists", "This client already has a portal account.", "Sign in instead.")


def open_client_account(
    uow: IdentityUnitOfWork, sign_up: ClientSignUp, hasher: PasswordHasher, delivery: SecretDelivery
) -> dict[str, Any]:
    """Idempotent on the invitation: accepting it twice answers with the account opened the first time.
    A new account gets its verification email."""
    _check_agreements(sign_up.agreements)
    with uow:
        opened = _opened_for(uow, sign_up)
        if opened is not None:
            return opened
        account = _new_client_account(uow, sign_up, hasher)
        request_verification(uow, account, delivery)
        try:
            uow.commit()
        except IntegrityError as error:  # a concurrent request opened it first
            uow.rollback()
            opened = _opened_for(uow, sign_up)
            if opened is None:
                raise account_exists() from error
            return opened
        return {"account_id": account.id, "email": account.email, "created": True}


def _opened_for(uow: IdentityUnitOfWork, sign_up: ClientSignUp) -> dict[str, Any] | None:
    account = uow.accounts.for_invitation(sign_up.invitation_id)
    if account is None:
        return None
    if account.practice_id != sign_up.practice_id or account.profile_id != sign_up.client_id:
        raise account_exists()
    return {"account_id": account.id, "email": account.email, "created": False}


def _new_client_account(uow: IdentityUnitOfWork, sign_up: ClientSignUp, hasher: PasswordHasher) -> Account:
    if uow.clients.get(sign_up.practice_id, sign_up.client_id) is None:
        raise not_found("Client")
    problems = password_problems(sign_up.password, sign_up.email)
    if problems:
        raise ValidationProblem({"password": problems})
    if uow.accounts.in_practice_with_email(sign_up.practice_id, sign_up.email) or uow.accounts.for_clients(
        sign_up.practice_id, [sign_up.client_id]
    ):
        raise account_exists()
    account = Account.open(
        sign_up.practice_id,
        sign_up.email,
        hasher.hash(sign_up.password),
        CLIENT_ROLE,
        uow.clock.now(),
        profile_id=sign_up.client_id,
        invitation_id=sign_up.invitation_id,
    )
    uow.accounts.add(account)
    uow.flush()
    uow.profile_links.add(own_link(account.practice_id, account.id, sign_up.client_id, account.created_at))
    for accepted in sign_up.agreements:
        uow.accounts.add_agreement(Agreement(account.id, accepted.kind, accepted.version, accepted.accepted_at))
    data = {"account_id": account.id, "role": account.role, "client_id": sign_up.client_id}
    uow.publish(ACCOUNT_CREATED, {**data, "invitation_id": sign_up.invitation_id}, account.practice_id)
    return account


def _check_agreements(agreements: list[AcceptedAgreement]) -> None:
    kinds = sorted(agreement.kind for agreement in agreements)
    if kinds != sorted(AGREEMENT_KINDS):
        raise ValidationProblem({"agreements": [f"Accept each of {', '.join(AGREEMENT_KINDS)} once."]})


def ensure_staff(
    uow: IdentityUnitOfWork, practice_name: str, email: str, password: str, role: str, hasher: PasswordHasher
) -> dict[str, str]:
    """The practice of that name and a staff account in it, both created when missing; the password
    is (re)set every time so that whoever runs this can print it."""
    problems = password_problems(password, email)
    if problems:
        raise ValidationProblem({"password": problems})
    with uow:
        practice = uow.practices.named(practice_name)
        if practice is None:
            practice = Practice(new_id(), practice_name)
            uow.practices.add(practice)
            uow.flush()
        account = uow.accounts.in_practice_with_email(practice.id, email)
        if account is None:
            account = Account.open(practice.id, email, hasher.hash(password), role, uow.clock.now())
            account.verify_email(uow.clock.now())  # whoever runs this vouches for the address
            uow.accounts.add(account)
        else:
            account.password_hash, account.role, account.status = hasher.hash(password), role, ACTIVE
            account.verify_email(uow.clock.now())
        uow.commit()
        return {"practice_id": practice.id, "account_id": account.id}


def seed_demo(uow: IdentityUnitOfWork, password: str, hasher: PasswordHasher) -> dict[str, str]:
    return ensure_staff(uow, DEMO_PRACTICE_NAME, DEMO_OWNER_EMAIL, password, "owner", hasher)
