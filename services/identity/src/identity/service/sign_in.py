"""Signing in with a password, refreshing a session, signing out, and who the caller is."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, not_found

from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.signing import AccessTokens
from identity.domain.lockout import FailureRecord, LockoutPolicy, ip_is_throttled, is_locked
from identity.domain.model import Account, SignInEvent
from identity.domain.sessions import (
    IssuedRefreshToken,
    Session,
    SessionPolicy,
    SessionRefused,
    hash_token,
    issue_refresh_token,
)
from identity.events import ACCOUNT_SIGNED_IN
from identity.service.caller import Caller
from identity.service.challenges import must_enrol, start_challenge_if_on, with_enrolment_notice
from identity.service.practice_settings import session_policy_of
from identity.service.profile_access import check_profile, reachable, starting_profile
from identity.service.unit_of_work import IdentityUnitOfWork

HOUR = dt.timedelta(hours=1)


@dataclasses.dataclass(frozen=True)
class Credentials:
    email: str
    password: str
    practice_id: str | None = None


@dataclasses.dataclass(frozen=True)
class Outcome:
    account: Account | None
    result: str
    practice_id: str | None = None


def invalid_credentials() -> Problem:
    # One answer for unknown address, wrong password and disabled account: nothing to learn from it.
    return Problem(401, "invalid-credentials", "The email or password is not right.", "Check both and try again.")


def email_not_verified() -> Problem:
    return Problem(
        403,
        "email-not-verified",
        "Confirm your email address first.",
        "Open the link in the email we sent you, or ask for a new one.",
    )


def invalid_refresh_token() -> Problem:
    return Problem(401, "invalid-refresh-token", "Your session has ended.", "Sign in again.")


def sign_in(
    uow: IdentityUnitOfWork,
    credentials: Credentials,
    caller: Caller,
    hasher: PasswordHasher,
    tokens: AccessTokens,
    policy: SessionPolicy,
    lockout: LockoutPolicy | None = None,
) -> dict[str, Any]:
    lockout = lockout or LockoutPolicy()
    with uow:
        now = uow.clock.now()
        outcome = _check_password(uow, credentials, caller, hasher, lockout)
        account = outcome.account
        if account is None or outcome.result != "succeeded":
            uow.sign_ins.record(_audit(credentials.email, outcome, "password", caller, now))
            uow.commit()
            raise invalid_credentials()
        if hasher.needs_rehash(account.password_hash):
            account.password_hash = hasher.hash(credentials.password)
        if not account.is_verified:
            uow.sign_ins.record(_audit(credentials.email, outcome, "password", caller, now))
            uow.commit()
            raise email_not_verified()
        return finish_sign_in(uow, account, "password", caller, tokens, policy)


def finish_sign_in(
    uow: IdentityUnitOfWork, account: Account, method: str, caller: Caller, tokens: AccessTokens, policy: SessionPolicy
) -> dict[str, Any]:
    """The first step passed: a challenge when two-factor sign-in is on, else a session. Commits."""
    challenge = start_challenge_if_on(uow, account, method, caller)
    if challenge is not None:
        record_attempt(uow, account.email, account, "mfa_required", method, caller)
        uow.commit()
        return challenge
    record_attempt(uow, account.email, account, "succeeded", method, caller)
    session, refresh = open_session(uow, account, caller, policy)
    enrol = must_enrol(uow, account)
    uow.commit()
    # Signed after the commit: the signing key may need its own transaction (see SigningKeys).
    answer = token_response(tokens.issue(account, session.id, session.profile_id), refresh.token, tokens.ttl_seconds)
    return with_enrolment_notice(answer, enrol)


def open_session(
    uow: IdentityUnitOfWork, account: Account, caller: Caller, policy: SessionPolicy
) -> tuple[Session, IssuedRefreshToken]:
    now = uow.clock.now()
    account.signed_in(now)
    uow.publish(ACCOUNT_SIGNED_IN, {"account_id": account.id, "client_id": account.profile_id}, account.practice_id)
    session = Session.start(
        account.id,
        account.practice_id,
        now,
        policy,
        (caller.ip or "")[:64] or None,
        (caller.user_agent or "")[:300],
        profile_id=starting_profile(uow, account),
    )
    refresh = issue_refresh_token(session.id, now)
    uow.sessions.add(session, refresh.record)
    return session, refresh


def _check_password(
    uow: IdentityUnitOfWork, credentials: Credentials, caller: Caller, hasher: PasswordHasher, lockout: LockoutPolicy
) -> Outcome:
    now = uow.clock.now()
    candidates = uow.accounts.with_email(credentials.email)
    if credentials.practice_id:
        candidates = [account for account in candidates if account.practice_id == credentials.practice_id]
    if not candidates:
        hasher.spend_the_time_of_a_check(credentials.password)
        return Outcome(None, "unknown_email")
    if caller.ip and ip_is_throttled(uow.sign_ins.failures_from_ip_since(caller.ip, now - HOUR), lockout):
        return _refused_everywhere(candidates, credentials, hasher, "throttled")
    open_ones = [a for a in candidates if not is_locked(_failures(uow, a, now), lockout, now)]
    for account in open_ones:
        if hasher.matches(account.password_hash, credentials.password):
            return Outcome(account, "succeeded" if account.is_active else "disabled", account.practice_id)
    if not open_ones:
        return _refused_everywhere(candidates, credentials, hasher, "locked")
    for account in open_ones:
        account.sign_in_failed(now)
    only = candidates[0] if len(candidates) == 1 else None
    return Outcome(only, "wrong_password", candidates[0].practice_id)


def _refused_everywhere(
    candidates: list[Account], credentials: Credentials, hasher: PasswordHasher, result: str
) -> Outcome:
    """Locked or throttled: the password is still checked, so the answer takes the usual time."""
    hasher.spend_the_time_of_a_check(credentials.password)
    only = candidates[0] if len(candidates) == 1 else None
    return Outcome(only, result, candidates[0].practice_id)


def _failures(uow: IdentityUnitOfWork, account: Account, now: dt.datetime) -> FailureRecord:
    return FailureRecord(
        in_a_row=account.failed_sign_ins,
        last_at=account.last_failed_sign_in_at,
        in_the_last_hour=uow.sign_ins.failures_of_account_since(account.id, now - HOUR),
    )


def refresh_session(
    uow: IdentityUnitOfWork, refresh_token: str, caller: Caller, tokens: AccessTokens, policy: SessionPolicy
) -> dict[str, Any]:
    with uow:
        now = uow.clock.now()
        presented = uow.sessions.token_for_update(hash_token(refresh_token))
        session = uow.sessions.get(presented.session_id) if presented else None
        account = uow.accounts.get(session.account_id) if session else None
        if presented is None or session is None or account is None:
            raise invalid_refresh_token()
        try:
            if not account.is_active:
                session.revoke(now)
                raise SessionRefused("disabled")
            practice_policy = session_policy_of(uow.practices.get(session.practice_id), policy)
            refresh = session.rotate(presented, now, practice_policy)
        except SessionRefused as refused:
            uow.sign_ins.record(_audit(account.email, Outcome(account, refused.reason), "refresh", caller, now))
            uow.commit()  # the revocation stands even though the caller is refused
            raise invalid_refresh_token() from refused
        uow.sessions.add_token(refresh.record)
        if not reachable(uow, account, session.profile_id):
            session.profile_id = None  # the link ended or was removed: the person picks again
        uow.sign_ins.record(_audit(account.email, Outcome(account, "succeeded"), "refresh", caller, now))
        uow.commit()
    return token_response(tokens.issue(account, session.id, session.profile_id), refresh.token, tokens.ttl_seconds)


def sign_out(uow: IdentityUnitOfWork, refresh_token: str | None, session_id: str | None) -> None:
    """End the session named by the refresh token or by the access token; unknown ones are ignored."""
    with uow:
        now = uow.clock.now()
        presented = uow.sessions.token_for_update(hash_token(refresh_token)) if refresh_token else None
        named = {presented.session_id if presented else None, session_id}
        for session in filter(None, (uow.sessions.get(sid) for sid in named if sid)):
            session.revoke(now)
        uow.commit()


def describe_account(
    uow: IdentityUnitOfWork, account_id: str, practice_id: str, profile_id: str | None, policy: SessionPolicy
) -> dict[str, Any]:
    """The caller as their token names them: `profile_id` is the token's, checked against the
    account's links (403 `profile-access-ended` once the link ended or was removed). The idle
    timeout lets pages warn before it ends the session."""
    with uow:
        account = uow.accounts.get(account_id)
        if account is None or account.practice_id != practice_id:
            raise not_found("Account")
        check_profile(uow, account, profile_id)
        practice = uow.practices.get(practice_id)
        profile = uow.clients.get(practice_id, profile_id) if profile_id else None
        factor = uow.two_factors.get(account.id)
        return {
            "account_id": account.id,
            "email": account.email,
            "profile_id": profile_id,
            "practice_id": account.practice_id,
            "role": account.role,
            "first_name": profile.first_name if profile else None,
            "last_name": profile.last_name if profile else None,
            "practice_name": practice.name if practice else None,
            "two_factor_enabled": bool(factor and factor.is_on),
            "mfa_enrolment_required": must_enrol(uow, account),
            "session_idle_seconds": int(session_policy_of(practice, policy).idle.total_seconds()),
        }


def token_response(access_token: str, refresh_token: str, expires_in: int) -> dict[str, Any]:
    return {
        "access_token": access_token,
        "refresh_token": refresh_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }


def record_attempt(
    uow: IdentityUnitOfWork, email: str, account: Account | None, result: str, method: str, caller: Caller
) -> None:
    outcome = Outcome(account, result, account.practice_id if account else None)
    uow.sign_ins.record(_audit(email, outcome, method, caller, uow.clock.now()))


def _audit(email: str, outcome: Outcome, method: str, caller: Caller, now: dt.datetime) -> SignInEvent:
    account = outcome.account
    return SignInEvent(
        email=email.strip().lower()[:320],
        result=outcome.result,
        method=method,
        at=now,
        practice_id=account.practice_id if account else outcome.practice_id,
        account_id=account.id if account else None,
        ip=(caller.ip or "")[:64] or None,
        user_agent=(caller.user_agent or "")[:300] or None,
    )
