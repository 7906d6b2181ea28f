"""Every secret sent to a person: a link token, a typed code, or both, with the rules they all share.

A link token is 32 random bytes (256 bits) stored as its SHA-256; a code is 6 digits (about 20 bits)
stored as an HMAC under a server-side pepper, so a leaked table reveals neither. Each secret is
single use, expires, dies after five wrong codes, and is superseded by the next one of its purpose.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets

from portalkit.codes import code_digest, code_matches, new_code

from identity.domain.model import new_id

EMAIL_VERIFICATION = "email_verification"
SIGN_IN_LINK = "sign_in_link"
PASSWORD_RESET = "password_reset"
STAFF_RESET_LINK = "staff_reset_link"
STAFF_PIN = "staff_pin"
# Texted codes: confirming a phone for two-factor sign-in, and passing a sign-in challenge.
SMS_ENROLMENT = "sms_enrolment"
SMS_SIGN_IN = "sms_sign_in"
# A link mailed to the address an account wants to sign in with instead; the secret keeps that address.
EMAIL_CHANGE = "email_change"
PURPOSES = (
    EMAIL_VERIFICATION,
    SIGN_IN_LINK,
    PASSWORD_RESET,
    STAFF_RESET_LINK,
    STAFF_PIN,
    SMS_ENROLMENT,
    SMS_SIGN_IN,
    EMAIL_CHANGE,
)

LINK_TOKEN_BYTES = 32
MAX_WRONG_CODES = 5
# Self-service requests (forgot password, email me a link, resend verification) mail at most this
# many secrets of one purpose to one account an hour; later requests get the usual answer and no mail,
# so nobody can flood a client's inbox with our emails.
SELF_SERVICE_MAILS_PER_HOUR = 5


class SecretRefused(Exception):
    """The secret cannot be used; `reason` is one of expired, used, superseded, dead, wrong."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_link_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class SecretRequest:
    """What to issue: for whom, why, until when, by whom, and in which forms."""

    practice_id: str
    account_id: str
    purpose: str
    expires_at: dt.datetime
    with_link: bool
    with_code: bool
    issued_by: str | None = None
    new_email: str | None = None


@dataclasses.dataclass
class SentSecret:
    id: str
    practice_id: str
    account_id: str
    purpose: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    token_hash: str | None = None
    code_hash: str | None = None
    issued_by: str | None = None
    failed_attempts: int = 0
    used_at: dt.datetime | None = None
    superseded_at: dt.datetime | None = None
    new_email: str | None = None

    @property
    def is_dead(self) -> bool:
        return self.failed_attempts >= MAX_WRONG_CODES

    def check_usable(self, now: dt.datetime) -> None:
        if self.used_at is not None:
            raise SecretRefused("used")
        if self.superseded_at is not None:
            raise SecretRefused("superseded")
        if self.is_dead:
            raise SecretRefused("dead")
        if now >= self.expires_at:
            raise SecretRefused("expired")

    def check_code(self, code: str, pepper: bytes, now: dt.datetime) -> None:
        """A wrong code counts against the secret; after five, even the right one is refused."""
        if self.is_dead or self.code_hash is None:
            raise SecretRefused("dead")
        if not code_matches(self.code_hash, pepper, self.id, code):
            self.failed_attempts += 1
            raise SecretRefused("wrong")
        self.check_usable(now)

    def redeem(self, now: dt.datetime) -> None:
        self.check_usable(now)
        self.used_at = now

    def supersede(self, now: dt.datetime) -> None:
        if self.used_at is None and self.superseded_at is None:
            self.superseded_at = now


@dataclasses.dataclass(frozen=True)
class IssuedSecret:
    """What to send the person once (token and/or code), and the record of it to keep."""

    record: SentSecret
    token: str | None
    code: str | None


def issue_secret(request: SecretRequest, pepper: bytes, now: dt.datetime) -> IssuedSecret:
    if request.purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {request.purpose!r}")
    secret_id = new_id()
    token = secrets.token_urlsafe(LINK_TOKEN_BYTES) if request.with_link else None
    code = new_code() if request.with_code else None
    record = SentSecret(
        id=secret_id,
        practice_id=request.practice_id,
        account_id=request.account_id,
        purpose=request.purpose,
        issued_at=now,
        expires_at=request.expires_at,
        token_hash=hash_link_token(token) if token else None,
        code_hash=code_digest(pepper, secret_id, code) if code else None,
        issued_by=request.issued_by,
        new_email=request.new_email,
    )
    return IssuedSecret(record, token, code)
