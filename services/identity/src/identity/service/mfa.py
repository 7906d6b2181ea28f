"""The second step of a sign-in: a code from the authenticator app, a texted code, or a recovery
code answers the challenge, and only then does a session open. Every answer is in the sign-in
audit; wrong ones count against the challenge (five kill it) and against the account's lockout."""

from __future__ import annotations

import dataclasses
from typing import Any

from portalkit.errors import Problem, ValidationProblem

from identity.domain.model import Account
from identity.domain.sent_secrets import SMS_SIGN_IN, SecretRefused
from identity.domain.two_factor import (
    RECOVERY_CODE,
    SMS,
    SMS_CODE_LIFETIME,
    TOTP,
    ChallengeRefused,
    MfaChallenge,
    TwoFactor,
    matching_step,
    redeem_recovery_code,
)
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.secret_sign_in import Signing
from identity.service.sign_in import invalid_credentials, open_session, record_attempt, token_response
from identity.service.two_factor import text_code, unseal_totp
from identity.service.unit_of_work import IdentityUnitOfWork

_REFUSALS = {
    "expired": ("challenge-expired", "This sign-in has timed out.", "Sign in again."),
    "used": ("challenge-used", "This sign-in step is already done.", "Sign in again if you need to."),
    "locked": ("challenge-locked", "Too many wrong codes.", "Sign in again to get a new chance."),
}


@dataclasses.dataclass(frozen=True)
class MfaAnswer:
    challenge_id: str
    method: str
    code: str


def challenge_not_found() -> Problem:
    return Problem(404, "challenge-not-found", "This sign-in step is not valid.", "Sign in again.")


def challenge_refused(reason: str) -> Problem:
    code, title, detail = _REFUSALS[reason]
    return Problem(410, code, title, detail)


def wrong_code() -> Problem:
    return Problem(401, "invalid-code", "The code is not right.", "Check it and try again.")


def too_many_texts() -> Problem:
    return Problem(429, "too-many-codes", "We have sent enough codes for this sign-in.", "Sign in again.")


def answer_challenge(uow: IdentityUnitOfWork, answer: MfaAnswer, signing: Signing, caller: Caller) -> dict[str, Any]:
    with uow:
        challenge, account, factor = _open_challenge(uow, answer.challenge_id, answer.method, caller)
        if answer.method not in factor.methods:
            raise ValidationProblem({"method": [f"Use one of: {', '.join(factor.methods)}."]})
        if not _code_is_right(uow, answer, account, factor, signing):
            challenge.wrong_code()
            record_attempt(uow, account.email, account, "wrong_code", answer.method, caller)
            uow.commit()
            raise wrong_code()
        challenge.complete(uow.clock.now())
        record_account_event(uow, account.practice_id, account.id, "mfa_challenge_passed", caller, answer.method)
        record_attempt(uow, account.email, account, "succeeded", answer.method, caller)
        session, refresh = open_session(uow, account, caller, signing.policy)
        uow.commit()
    access = signing.tokens.issue(account, session.id, session.profile_id)
    return token_response(access, refresh.token, signing.tokens.ttl_seconds)


def text_challenge_code(uow: IdentityUnitOfWork, challenge_id: str, signing: Signing, caller: Caller) -> dict[str, Any]:
    with uow:
        challenge, account, factor = _open_challenge(uow, challenge_id, SMS, caller)
        if SMS not in factor.methods or factor.phone is None:
            raise ValidationProblem({"challenge_id": ["This account has no phone for codes."]})
        if not challenge.may_text():
            raise too_many_texts()
        challenge.texted()
        expires_at = min(challenge.expires_at, uow.clock.now() + SMS_CODE_LIFETIME)
        text_code(uow, account, factor.phone, SMS_SIGN_IN, expires_at, signing.delivery, caller)
        uow.commit()
        return {"expires_at": expires_at}


def _open_challenge(
    uow: IdentityUnitOfWork, challenge_id: str, method: str, caller: Caller
) -> tuple[MfaChallenge, Account, TwoFactor]:
    challenge = uow.challenges.with_id(challenge_id)
    account = uow.accounts.get(challenge.account_id) if challenge else None
    factor = uow.two_factors.for_update(challenge.account_id) if challenge else None
    if challenge is None or account is None or factor is None:
        raise challenge_not_found()
    try:
        challenge.check_open(uow.clock.now())
    except ChallengeRefused as refused:
        raise challenge_refused(refused.reason) from refused
    if not account.is_active:
        record_attempt(uow, account.email, account, "disabled", method, caller)
        uow.commit()
        raise invalid_credentials()
    return challenge, account, factor


def _code_is_right(
    uow: IdentityUnitOfWork, answer: MfaAnswer, account: Account, factor: TwoFactor, signing: Signing
) -> bool:
    now = uow.clock.now()
    if answer.method == TOTP and factor.totp_secret:
        secret = unseal_totp(signing.delivery, factor.totp_secret)
        step = matching_step(secret, answer.code, now, factor.totp_last_step)
        if step is not None:
            factor.used_totp_step(step)
        return step is not None
    if answer.method == SMS:
        return _texted_code_is_right(uow, account, answer.code, signing)
    if answer.method == RECOVERY_CODE:
        codes = uow.recovery_codes.unused(account.id)
        return redeem_recovery_code(codes, signing.delivery.pepper, account.id, answer.code, now)
    return False


def _texted_code_is_right(uow: IdentityUnitOfWork, account: Account, code: str, signing: Signing) -> bool:
    now = uow.clock.now()
    for secret in uow.secrets.live(account.id, SMS_SIGN_IN):
        try:
            secret.check_code(code, signing.delivery.pepper, now)
            secret.redeem(now)
            return True
        except SecretRefused:
            continue
    return False
