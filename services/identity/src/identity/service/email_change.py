"""A person changes the address they sign in with: the current password proves it is them, a link
mailed to the new address proves that address is theirs, and the current address is told at once
(so an owner who did not ask can act). Staff cannot do this for them.

Whether the new address is taken is only said when the link is used, to whoever holds that mailbox:
asking tells nobody whether an address has an account."""

from __future__ import annotations

import dataclasses
from typing import Any

from portalkit.errors import Problem, ValidationProblem
from sqlalchemy.exc import IntegrityError

from identity.adapters.password_hasher import PasswordHasher
from identity.domain.model import Account, normal_address
from identity.domain.sent_secrets import EMAIL_CHANGE, EMAIL_VERIFICATION, PASSWORD_RESET, SIGN_IN_LINK, SecretRequest
from identity.events import ACCOUNT_EMAIL_CHANGED, EMAIL_CHANGE_NOTICE_REQUESTED, EMAIL_CHANGE_REQUESTED
from identity.service.caller import Caller
from identity.service.one_time_secrets import SecretDelivery, expiry_text, issue, record_account_event, redeem_token
from identity.service.passwords import account_disabled
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.service.verification import recipient_name

# Secrets mailed to the old address stop working once the account signs in with another one.
_MAILED_PURPOSES = (SIGN_IN_LINK, PASSWORD_RESET, EMAIL_VERIFICATION)


@dataclasses.dataclass(frozen=True)
class EmailChange:
    account_id: str
    new_email: str
    current_password: str


def email_exists() -> Problem:
    return Problem(
        409,
        "account-email-exists",
        "Another account of the practice signs in with this address.",
        "Use another address, or ask the practice.",
    )


def request_email_change(
    uow: IdentityUnitOfWork, change: EmailChange, hasher: PasswordHasher, delivery: SecretDelivery, caller: Caller
) -> dict[str, Any]:
    with uow:
        account = uow.accounts.get(change.account_id)
        if account is None or not hasher.matches(account.password_hash, change.current_password):
            raise ValidationProblem({"current_password": ["This is not your current password."]})
        new_email = normal_address(change.new_email)
        if new_email == account.email:
            raise ValidationProblem({"new_email": ["You already sign in with this address."]})
        expires_at = _mail_link(uow, account, new_email, delivery, caller)
        _mail_notice(uow, account, new_email, delivery)
        uow.commit()
        return {"new_email": new_email, "expires_at": expires_at}


def _mail_link(
    uow: IdentityUnitOfWork, account: Account, new_email: str, delivery: SecretDelivery, caller: Caller
) -> Any:
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = uow.clock.now() + practice.lifetimes.email_change
    request = SecretRequest(account.practice_id, account.id, EMAIL_CHANGE, expires_at, True, False, new_email=new_email)
    issued = issue(uow, request, delivery.pepper, caller)
    sealed = delivery.sealed(
        to=new_email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name,
        confirm_url=delivery.url(f"/email-change/{issued.token}"),
        expires_at=expiry_text(expires_at),
    )
    data = {"account_id": account.id, "expires_at": expiry_text(expires_at), "delivery": sealed}
    uow.publish(EMAIL_CHANGE_REQUESTED, data, account.practice_id)
    return expires_at


def _mail_notice(uow: IdentityUnitOfWork, account: Account, new_email: str, delivery: SecretDelivery) -> None:
    practice = uow.practices.get(account.practice_id)
    sealed = delivery.sealed(
        to=account.email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name if practice else "",
        new_email_hint=email_hint(new_email),
    )
    uow.publish(EMAIL_CHANGE_NOTICE_REQUESTED, {"account_id": account.id, "delivery": sealed}, account.practice_id)


def confirm_email_change(uow: IdentityUnitOfWork, token: str, caller: Caller) -> dict[str, Any]:
    """The link's token alone is the proof: it reached the new address."""
    with uow:
        secret, account = redeem_token(uow, token, (EMAIL_CHANGE,))
        if not account.is_active:
            raise account_disabled()
        new_email = secret.new_email or ""
        if uow.accounts.in_practice_with_email(account.practice_id, new_email) is not None:
            raise email_exists()
        account.change_email(new_email, uow.clock.now())
        _retire_mailed_secrets(uow, account)
        record_account_event(uow, account.practice_id, account.id, "email_changed", caller, EMAIL_CHANGE)
        data = {"account_id": account.id, "client_id": account.profile_id, "actor_id": None}
        uow.publish(ACCOUNT_EMAIL_CHANGED, data, account.practice_id)
        try:
            uow.commit()
        except IntegrityError as error:  # another account took the address since we looked
            raise email_exists() from error
        return {"account_id": account.id, "email": account.email}


def _retire_mailed_secrets(uow: IdentityUnitOfWork, account: Account) -> None:
    now = uow.clock.now()
    for purpose in _MAILED_PURPOSES:
        for secret in uow.secrets.live(account.id, purpose):
            secret.supersede(now)


def email_hint(address: str) -> str:
    """`r***@example.test`: enough for the owner to recognise, not enough to write to."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"
