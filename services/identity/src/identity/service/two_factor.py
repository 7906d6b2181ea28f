"""Turning two-factor sign-in on and off: an authenticator app, a phone for texted codes, the
recovery codes shown once, and staff resetting a client's. Every change ends the account's other
sessions (all of them when staff reset it) and is written to the account's audit log."""

from __future__ import annotations

import dataclasses
from typing import Any

from portalkit.errors import Problem, ValidationProblem
from portalkit.sealed import SealError

from identity.adapters.password_hasher import PasswordHasher
from identity.domain.model import Account
from identity.domain.sent_secrets import SMS_ENROLMENT, SMS_SIGN_IN, SecretRefused, SecretRequest
from identity.domain.two_factor import (
    SMS_ENROLMENT_LIFETIME,
    PhoneInvalid,
    TwoFactor,
    issue_recovery_codes,
    matching_step,
    new_totp_secret,
    normalise_phone,
    phone_hint,
    provisioning_uri,
)
from identity.events import SMS_CODE_REQUESTED
from identity.service.caller import Caller
from identity.service.challenges import must_enrol
from identity.service.one_time_secrets import SecretDelivery, code_expired, expiry_text, issue, record_account_event
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class Me:
    """The signed-in person making a change, and the session they make it from (it stays)."""

    account_id: str
    session_id: str | None


def nothing_to_confirm() -> Problem:
    return Problem(409, "no-enrolment-pending", "There is nothing to confirm.", "Start the set-up again.")


def totp_already_on() -> Problem:
    return Problem(
        409, "totp-already-on", "An authenticator app is already set up.", "Turn two-factor sign-in off first."
    )


def status(uow: IdentityUnitOfWork, account_id: str) -> dict[str, Any]:
    with uow:
        account = _account(uow, account_id)
        factor = uow.two_factors.get(account_id)
        return two_factor_view(factor, len(uow.recovery_codes.unused(account_id)), must_enrol(uow, account))


def two_factor_view(factor: TwoFactor | None, recovery_codes_left: int, enrolment_required: bool) -> dict[str, Any]:
    on = factor is not None and factor.is_on
    return {
        "enabled": on,
        "methods": factor.methods if factor else [],
        "phone": phone_hint(factor.phone) if factor else None,
        "recovery_codes_left": recovery_codes_left if on else 0,
        "enrolment_required": enrolment_required,
    }


def start_totp(uow: IdentityUnitOfWork, account_id: str, delivery: SecretDelivery) -> dict[str, str]:
    """A new secret for the authenticator app; it counts only once a code from the app confirms it."""
    with uow:
        account = _account(uow, account_id)
        factor = _factor(uow, account)
        if factor.totp_confirmed_at is not None:
            raise totp_already_on()
        secret = new_totp_secret()
        factor.start_totp(delivery.sealer.seal({"totp_secret": secret}))
        practice = uow.practices.get(account.practice_id)
        uow.commit()
    return {"secret": secret, "otpauth_uri": provisioning_uri(secret, account.email, practice.name if practice else "")}


def confirm_totp(
    uow: IdentityUnitOfWork, me: Me, code: str, delivery: SecretDelivery, caller: Caller
) -> dict[str, list[str]]:
    with uow:
        account = _account(uow, me.account_id)
        factor = uow.two_factors.for_update(account.id)
        if factor is None or factor.totp_pending_secret is None:
            raise nothing_to_confirm()
        step = matching_step(unseal_totp(delivery, factor.totp_pending_secret), code, uow.clock.now(), None)
        if step is None:
            raise ValidationProblem({"code": ["This code is not right. Check the time on your phone and try again."]})
        factor.confirm_totp(step, uow.clock.now())
        codes = _changed(uow, account, me, "two_factor_totp_on", delivery, caller)
        uow.commit()
        return {"recovery_codes": codes}


def start_sms(
    uow: IdentityUnitOfWork, account_id: str, phone: str, delivery: SecretDelivery, caller: Caller
) -> dict[str, Any]:
    """Text a code to the number; the number counts once the code comes back."""
    try:
        number = normalise_phone(phone)
    except PhoneInvalid as error:
        raise ValidationProblem({"phone": [str(error)]}) from error
    with uow:
        account = _account(uow, account_id)
        _factor(uow, account).start_phone(number)
        expires_at = uow.clock.now() + SMS_ENROLMENT_LIFETIME
        text_code(uow, account, number, SMS_ENROLMENT, expires_at, delivery, caller)
        uow.commit()
        return {"phone": phone_hint(number), "expires_at": expires_at}


def text_code(
    uow: IdentityUnitOfWork,
    account: Account,
    phone: str,
    purpose: str,
    expires_at: Any,
    delivery: SecretDelivery,
    caller: Caller,
) -> None:
    """Issue a code (older ones of the purpose die) and ask the notifier to text it; the caller commits."""
    issued = issue(
        uow, SecretRequest(account.practice_id, account.id, purpose, expires_at, False, True), delivery.pepper, caller
    )
    practice = uow.practices.get(account.practice_id)
    sealed = delivery.sealed(
        to=phone, code=issued.code, expires_at=expiry_text(expires_at), practice_name=practice.name if practice else ""
    )
    kind = "enrolment" if purpose == SMS_ENROLMENT else "sign_in"
    data = {"account_id": account.id, "purpose": kind, "expires_at": expiry_text(expires_at), "delivery": sealed}
    uow.publish(SMS_CODE_REQUESTED, data, account.practice_id)


def confirm_sms(
    uow: IdentityUnitOfWork, me: Me, code: str, delivery: SecretDelivery, caller: Caller
) -> dict[str, list[str]]:
    with uow:
        account = _account(uow, me.account_id)
        factor = uow.two_factors.for_update(account.id)
        live = uow.secrets.live(account.id, SMS_ENROLMENT)
        if factor is None or factor.phone_pending is None or not live:
            raise nothing_to_confirm()
        try:
            live[0].check_code(code, delivery.pepper, uow.clock.now())
            live[0].redeem(uow.clock.now())
        except SecretRefused as refused:
            _refuse_texted_code(uow, refused)
        factor.confirm_phone(uow.clock.now())
        codes = _changed(uow, account, me, "two_factor_sms_on", delivery, caller)
        uow.commit()
        return {"recovery_codes": codes}


def _refuse_texted_code(uow: IdentityUnitOfWork, refused: SecretRefused) -> None:
    if refused.reason == "expired":
        raise code_expired() from refused
    uow.commit()  # the wrong try counts
    raise ValidationProblem({"code": ["This code is not right, or was tried too often. Ask for a new one."]})


def turn_off(uow: IdentityUnitOfWork, me: Me, current_password: str, hasher: PasswordHasher, caller: Caller) -> None:
    with uow:
        account = _account(uow, me.account_id)
        if not hasher.matches(account.password_hash, current_password):
            raise ValidationProblem({"current_password": ["This is not your current password."]})
        _switch_off(uow, account, keep_session=me.session_id)
        record_account_event(uow, account.practice_id, account.id, "two_factor_off", caller)
        uow.commit()


def reset_for_client(uow: IdentityUnitOfWork, account: Account, staff_id: str, caller: Caller) -> None:
    """Staff turn a client's two-factor sign-in off (a lost phone); every session ends. The caller's
    unit of work is open and holds `account`; this commits."""
    _switch_off(uow, account, keep_session=None)
    record_account_event(uow, account.practice_id, account.id, "two_factor_reset", caller, actor_id=staff_id)
    uow.commit()


def _switch_off(uow: IdentityUnitOfWork, account: Account, keep_session: str | None) -> None:
    now = uow.clock.now()
    factor = uow.two_factors.for_update(account.id)
    if factor is not None:
        factor.turn_off()
    uow.recovery_codes.remove_all(account.id)
    for purpose in (SMS_ENROLMENT, SMS_SIGN_IN):
        for secret in uow.secrets.live(account.id, purpose):
            secret.supersede(now)
    end_other_sessions(uow, account.id, keep_session)


def _changed(
    uow: IdentityUnitOfWork, account: Account, me: Me, action: str, delivery: SecretDelivery, caller: Caller
) -> list[str]:
    """After a factor is confirmed: a fresh set of recovery codes (the older set dies), the other
    sessions end, the audit log says so. The codes are returned to be shown once."""
    now = uow.clock.now()
    uow.recovery_codes.remove_all(account.id)
    codes, records = issue_recovery_codes(account.id, account.practice_id, delivery.pepper, now)
    uow.recovery_codes.add(records)
    end_other_sessions(uow, account.id, me.session_id)
    record_account_event(uow, account.practice_id, account.id, action, caller)
    return codes


def end_other_sessions(uow: IdentityUnitOfWork, account_id: str, keep_session: str | None) -> None:
    now = uow.clock.now()
    for session in uow.sessions.of_account(account_id):
        if session.id != keep_session:
            session.revoke(now)


def unseal_totp(delivery: SecretDelivery, sealed: str) -> str:
    try:
        return str(delivery.sealer.unseal(sealed)["totp_secret"])
    except (SealError, KeyError) as error:
        # The sealing key changed: the app must be set up again (staff can reset it).
        raise Problem(
            409, "totp-unreadable", "The authenticator set-up cannot be read.", "Ask the practice to reset it."
        ) from error


def _account(uow: IdentityUnitOfWork, account_id: str) -> Account:
    account = uow.accounts.get(account_id)
    if account is None:
        raise Problem(401, "unauthorized", "Not signed in.", "Sign in to continue.")
    return account


def _factor(uow: IdentityUnitOfWork, account: Account) -> TwoFactor:
    factor = uow.two_factors.for_update(account.id)
    if factor is None:
        factor = TwoFactor(account.id, account.practice_id)
        uow.two_factors.add(factor)
    return factor
