"""Changing a password, forgetting it (an emailed code), and staff reset links. A new password
ends the account's sessions; self-service reset works even while sign-in is locked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, ValidationProblem

from identity.adapters.password_hasher import PasswordHasher
from identity.domain.model import LONGEST_STAFF_RESET_LINK, Account
from identity.domain.passwords import password_problems
from identity.domain.sent_secrets import PASSWORD_RESET, STAFF_RESET_LINK, SecretRequest
from identity.events import PASSWORD_RESET_REQUESTED
from identity.service.one_time_secrets import (
    SecretDelivery,
    expiry_text,
    issue,
    mail_each_account,
    record_account_event,
    redeem_code,
    redeem_token,
)
from identity.service.sign_in import Caller
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.service.verification import mark_verified, recipient_name


@dataclasses.dataclass(frozen=True)
class Reset:
    """A new password with its proof: a mailed code (with the address) or a staff reset link."""

    password: str
    email: str | None = None
    code: str | None = None
    token: str | None = None
    practice_id: str | None = None


def account_disabled() -> Problem:
    return Problem(409, "account-disabled", "This account is disabled.", "Enable it first.")


def change_password(
    uow: IdentityUnitOfWork,
    account_id: str,
    session_id: str | None,
    current: str,
    new: str,
    hasher: PasswordHasher,
    caller: Caller,
) -> None:
    with uow:
        account = uow.accounts.get(account_id)
        if account is None or not hasher.matches(account.password_hash, current):
            raise ValidationProblem({"current_password": ["This is not your current password."]})
        _set_password(uow, account, new, hasher, caller, keep_session=session_id)
        uow.commit()


def forgot_password(uow: IdentityUnitOfWork, email: str, delivery: SecretDelivery, caller: Caller) -> None:
    """Mail a reset code to every active account of the address; the answer is the same for any address."""
    mail_each_account(
        uow,
        email,
        PASSWORD_RESET,
        lambda account: account.is_active,
        lambda account: _mail_reset(uow, account, delivery, caller),
        caller,
    )


def _mail_reset(uow: IdentityUnitOfWork, account: Account, delivery: SecretDelivery, caller: Caller) -> None:
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = uow.clock.now() + practice.lifetimes.password_reset
    request = SecretRequest(account.practice_id, account.id, PASSWORD_RESET, expires_at, False, True)
    issued = issue(uow, request, delivery.pepper, caller)
    sealed = delivery.sealed(
        to=account.email,
        recipient_name=recipient_name(uow, account),
        practice_name=practice.name,
        code=issued.code,
        expires_at=expiry_text(expires_at),
    )
    data = {"account_id": account.id, "expires_at": expiry_text(expires_at), "method": "code", "delivery": sealed}
    uow.publish(PASSWORD_RESET_REQUESTED, data, account.practice_id)


def reset_password(
    uow: IdentityUnitOfWork, reset: Reset, hasher: PasswordHasher, delivery: SecretDelivery, caller: Caller
) -> None:
    with uow:
        if reset.token:
            secret, account = redeem_token(uow, reset.token, (STAFF_RESET_LINK,))
        else:
            secret, account = redeem_code(
                uow, reset.email or "", reset.code or "", PASSWORD_RESET, delivery.pepper, reset.practice_id
            )
        if not account.is_active:
            raise account_disabled()
        record_account_event(uow, account.practice_id, account.id, "secret_used", caller, secret.purpose)
        _set_password(uow, account, reset.password, hasher, caller)
        if secret.purpose == PASSWORD_RESET:  # the code came by email: the address works
            mark_verified(uow, account, delivery, caller)
        uow.commit()


def _set_password(
    uow: IdentityUnitOfWork,
    account: Account,
    password: str,
    hasher: PasswordHasher,
    caller: Caller,
    keep_session: str | None = None,
) -> None:
    problems = password_problems(password, account.email)
    if problems:
        field = "new_password" if keep_session is not None else "password"
        raise ValidationProblem({field: problems})
    account.change_password(hasher.hash(password))
    now = uow.clock.now()
    for session in uow.sessions.of_account(account.id):
        if session.id != keep_session:
            session.revoke(now)
    record_account_event(uow, account.practice_id, account.id, "password_changed", caller)


def issue_staff_reset_link(
    uow: IdentityUnitOfWork,
    account: Account,
    staff_id: str,
    expires_at: dt.datetime | None,
    send_email: bool,
    delivery: SecretDelivery,
    caller: Caller,
) -> dict[str, Any]:
    """The caller's unit of work is open and holds `account`; this commits."""
    now = uow.clock.now()
    practice = uow.practices.get(account.practice_id)
    assert practice is not None
    expires_at = expires_at or now + practice.lifetimes.staff_reset_link
    if not now < expires_at <= now + LONGEST_STAFF_RESET_LINK:
        raise ValidationProblem({"expires_at": ["Pick a time in the future, at most 7 days from now."]})
    if not account.is_active:
        raise account_disabled()
    request = SecretRequest(account.practice_id, account.id, STAFF_RESET_LINK, expires_at, True, False, staff_id)
    issued = issue(uow, request, delivery.pepper, caller)
    url = delivery.url(f"/reset-password/{issued.token}")
    if send_email:
        sealed = delivery.sealed(
            to=account.email,
            recipient_name=recipient_name(uow, account),
            practice_name=practice.name,
            reset_url=url,
            expires_at=expiry_text(expires_at),
        )
        data = {"account_id": account.id, "expires_at": expiry_text(expires_at), "method": "link", "delivery": sealed}
        uow.publish(PASSWORD_RESET_REQUESTED, data, account.practice_id)
    uow.commit()
    return {"url": url, "expires_at": expires_at, "emailed": send_email}
