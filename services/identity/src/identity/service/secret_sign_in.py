"""Signing in without a password: an emailed link (or the code printed beside it), or a PIN that
staff read to a client on the phone. Disabled accounts are refused whatever the secret."""

from __future__ import annotations

import dataclasses
from typing import Any

from portalkit.errors import Problem

from identity.adapters.signing import AccessTokens
from identity.domain.model import Account
from identity.domain.sent_secrets import SIGN_IN_LINK, STAFF_PIN, SecretRequest, SentSecret
from identity.domain.sessions import SessionPolicy
from identity.events import SIGN_IN_LINK_REQUESTED
from identity.service.one_time_secrets import (
    SecretDelivery,
    expiry_text,
    issue,
    mail_each_account,
    record_account_event,
    redeem_code,
    redeem_token,
)
from identity.service.sign_in import (
    Caller,
    email_not_verified,
    finish_sign_in,
    invalid_credentials,
    record_attempt,
)
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.service.verification import mark_verified, recipient_name


@dataclasses.dataclass(frozen=True)
class SignInProof:
    """A link token, or an address with the code that came with it (or a staff PIN)."""

    token: str | None = None
    email: str | None = None
    code: str | None = None
    practice_id: str | None = None


@dataclasses.dataclass(frozen=True)
class Signing:
    tokens: AccessTokens
    policy: SessionPolicy
    delivery: SecretDelivery


def request_sign_in_link(uow: IdentityUnitOfWork, email: str, delivery: SecretDelivery, caller: Caller) -> None:
    """Mail a link and a code to each active account of the address; the same answer for any address."""
    mail_each_account(
        uow,
        email,
        SIGN_IN_LINK,
        lambda account: account.is_active,
        lambda account: _mail_sign_in_link(uow, account, delivery, caller),
        caller,
    )


def _mail_sign_in_link(uow: IdentityUnitOfWork, account: Account, delivery: SecretDelivery, caller: Caller) -> None:
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = uow.clock.now() + practice.lifetimes.sign_in_link
    request = SecretRequest(account.practice_id, account.id, SIGN_IN_LINK, expires_at, True, True)
    issued = issue(uow, request, delivery.pepper, caller)
    sealed = delivery.sealed(
        to=account.email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name,
        sign_in_url=delivery.url(f"/sign-in/link/{issued.token}"),
        code=issued.code,
        expires_at=expiry_text(expires_at),
    )
    data = {"account_id": account.id, "expires_at": expiry_text(expires_at), "delivery": sealed}
    uow.publish(SIGN_IN_LINK_REQUESTED, data, account.practice_id)


def sign_in_with_link(uow: IdentityUnitOfWork, proof: SignInProof, signing: Signing, caller: Caller) -> dict[str, Any]:
    with uow:
        if proof.token:
            secret, account = redeem_token(uow, proof.token, (SIGN_IN_LINK,))
            method = "link"
        else:
            secret, account = _redeem_code_counted(uow, proof, SIGN_IN_LINK, signing, caller, "link_code")
            method = "link_code"
        _refuse_disabled(uow, account, method, caller)
        record_account_event(uow, account.practice_id, account.id, "secret_used", caller, secret.purpose)
        mark_verified(uow, account, signing.delivery, caller)  # the link came by email: the address works
        return _open(uow, account, method, signing, caller)


def issue_staff_pin(
    uow: IdentityUnitOfWork, account: Account, staff_id: str, pepper: bytes, caller: Caller
) -> dict[str, Any]:
    """The caller's unit of work is open and holds `account`; this commits."""
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = uow.clock.now() + practice.lifetimes.staff_pin
    request = SecretRequest(account.practice_id, account.id, STAFF_PIN, expires_at, False, True, staff_id)
    issued = issue(uow, request, pepper, caller)
    uow.commit()
    return {"pin": issued.code, "expires_at": expires_at}


def sign_in_with_pin(uow: IdentityUnitOfWork, proof: SignInProof, signing: Signing, caller: Caller) -> dict[str, Any]:
    with uow:
        secret, account = _redeem_code_counted(uow, proof, STAFF_PIN, signing, caller, "pin")
        _refuse_disabled(uow, account, "pin", caller)
        if not account.is_verified:
            uow.rollback()
            raise email_not_verified()
        record_account_event(uow, account.practice_id, account.id, "secret_used", caller, secret.purpose)
        return _open(uow, account, "pin", signing, caller)


def _redeem_code_counted(
    uow: IdentityUnitOfWork, proof: SignInProof, purpose: str, signing: Signing, caller: Caller, method: str
) -> tuple[SentSecret, Account]:
    email = proof.email or ""
    try:
        return redeem_code(uow, email, proof.code or "", purpose, signing.delivery.pepper, proof.practice_id)
    except Problem:
        record_attempt(uow, email, None, "wrong_code", method, caller)
        uow.commit()
        raise


def _refuse_disabled(uow: IdentityUnitOfWork, account: Account, method: str, caller: Caller) -> None:
    """The secret stays unspent: the account may be enabled again before it expires."""
    if account.is_active:
        return
    uow.rollback()
    record_attempt(uow, account.email, account, "disabled", method, caller)
    uow.commit()
    raise invalid_credentials()


def _open(uow: IdentityUnitOfWork, account: Account, method: str, signing: Signing, caller: Caller) -> dict[str, Any]:
    return finish_sign_in(uow, account, method, caller, signing.tokens, signing.policy)
