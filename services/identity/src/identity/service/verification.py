"""Email verification: a link mailed when the account opens; until it is used, no password sign-in.
Once verified, a confirmation email gives the username and the portal's address."""

from __future__ import annotations

from typing import Any

from identity.domain.model import Account
from identity.domain.sent_secrets import EMAIL_VERIFICATION, SecretRequest
from identity.events import ACCOUNT_CONFIRMATION_REQUESTED, ACCOUNT_VERIFIED, EMAIL_VERIFICATION_REQUESTED
from identity.service.one_time_secrets import (
    SecretDelivery,
    expiry_text,
    issue,
    mail_each_account,
    record_account_event,
    redeem_token,
)
from identity.service.sign_in import Caller
from identity.service.unit_of_work import IdentityUnitOfWork


def request_verification(
    uow: IdentityUnitOfWork, account: Account, delivery: SecretDelivery, caller: Caller | None = None
) -> None:
    """Issue a verification link and ask the notifier to mail it; the caller commits."""
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = uow.clock.now() + practice.lifetimes.email_verification
    request = SecretRequest(account.practice_id, account.id, EMAIL_VERIFICATION, expires_at, True, False)
    issued = issue(uow, request, delivery.pepper, caller)
    sealed = delivery.sealed(
        to=account.email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name,
        verify_url=delivery.url(f"/verify-email/{issued.token}"),
        expires_at=expiry_text(expires_at),
    )
    data = {"account_id": account.id, "expires_at": expiry_text(expires_at), "delivery": sealed}
    uow.publish(EMAIL_VERIFICATION_REQUESTED, data, account.practice_id)


def verify_email(uow: IdentityUnitOfWork, token: str, delivery: SecretDelivery, caller: Caller) -> dict[str, Any]:
    with uow:
        secret, account = redeem_token(uow, token, (EMAIL_VERIFICATION,))
        record_account_event(uow, account.practice_id, account.id, "secret_used", caller, secret.purpose)
        mark_verified(uow, account, delivery, caller)
        uow.commit()
        return {"account_id": account.id, "email": account.email, "verified": True, "practice_id": account.practice_id}


def mark_verified(uow: IdentityUnitOfWork, account: Account, delivery: SecretDelivery, caller: Caller) -> None:
    """Record the verification (once) and send the confirmation email; the caller commits."""
    if not account.verify_email(uow.clock.now()):
        return
    record_account_event(uow, account.practice_id, account.id, "email_verified", caller)
    practice = uow.practices.get(account.practice_id)
    sealed = delivery.sealed(
        to=account.email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name if practice else "",
        username=account.email,
        sign_in_url=delivery.url(f"/sign-in?practice={account.practice_id}"),
    )
    verified = {"account_id": account.id, "client_id": account.profile_id, "actor_id": None}
    uow.publish(ACCOUNT_VERIFIED, verified, account.practice_id)
    uow.publish(ACCOUNT_CONFIRMATION_REQUESTED, {"account_id": account.id, "delivery": sealed}, account.practice_id)


def resend_verification(uow: IdentityUnitOfWork, email: str, delivery: SecretDelivery, caller: Caller) -> None:
    """Whatever the address: the answer never says whether it has an account."""
    mail_each_account(
        uow,
        email,
        EMAIL_VERIFICATION,
        lambda account: account.is_active and not account.is_verified,
        lambda account: request_verification(uow, account, delivery, caller),
        caller,
    )


def recipient_name(uow: IdentityUnitOfWork, account: Account) -> str:
    profile = uow.clients.get(account.practice_id, account.profile_id) if account.profile_id else None
    return f"{profile.first_name} {profile.last_name}" if profile else ""
