"""Two-factor sign-in: an authenticator app (TOTP, RFC 6238), a phone for SMS codes, ten recovery
codes, and the challenge a sign-in must pass when either is on.

A TOTP code is accepted one 30-second step early or late, and never twice: the last step used is
remembered per account and no step at or before it is accepted again. Recovery codes (50 random
bits each) are stored as HMACs under the server's pepper and are single use. A challenge is a
256-bit random id stored as its SHA-256; it lives five minutes, survives five wrong codes, and is
used once.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import re
import secrets

import pyotp

TOTP = "totp"
SMS = "sms"
RECOVERY_CODE = "recovery_code"
METHODS = (TOTP, SMS, RECOVERY_CODE)

TOTP_STEP = dt.timedelta(seconds=30)
TOTP_TOLERANCE_STEPS = 1
RECOVERY_CODE_COUNT = 10
CHALLENGE_LIFETIME = dt.timedelta(minutes=5)
MAX_CHALLENGE_TRIES = 5
MAX_CHALLENGE_TEXTS = 3
SMS_CODE_LIFETIME = dt.timedelta(minutes=5)
SMS_ENROLMENT_LIFETIME = dt.timedelta(minutes=10)

# Letters and digits nobody confuses when reading them off paper (no 0/o, 1/l/i).
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10
_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")


class PhoneInvalid(ValueError):
    pass


def normalise_phone(raw: str) -> str:
    """E.164 (`+` and 8 to 15 digits); spaces, dots, dashes and brackets are dropped."""
    phone = re.sub(r"[\s.\-()]", "", raw or "")
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if not _PHONE.match(phone):
        raise PhoneInvalid("Give the number with its country code, e.g. +1 555 010 0199.")
    return phone


def phone_hint(phone: str | None) -> str | None:
    """What may be shown of a number: its last two digits."""
    return f"•••• {phone[-2:]}" if phone else None


# --- TOTP ----------------------------------------------------------------------------------------


def new_totp_secret() -> str:
    """160 random bits, base32 as authenticator apps expect (RFC 4226 recommends 160)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def totp_step(now: dt.datetime) -> int:
    return int(now.timestamp()) // int(TOTP_STEP.total_seconds())


def provisioning_uri(secret: str, account_name: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=issuer or "Client portal")


def matching_step(secret: str, code: str, now: dt.datetime, last_used_step: int | None) -> int | None:
    """The time step whose code this is (now, one before or one after), or None. Steps at or
    before `last_used_step` never match: a code seen once is spent for its whole window."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit():
        return None
    generator = pyotp.TOTP(secret)
    current = totp_step(now)
    for step in range(current - TOTP_TOLERANCE_STEPS, current + TOTP_TOLERANCE_STEPS + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        if hmac.compare_digest(generator.generate_otp(step), code):
            return step
    return None


@dataclasses.dataclass
class TwoFactor:
    """An account's second factors. The TOTP secrets are kept sealed (encrypted) by the service."""

    account_id: str
    practice_id: str
    totp_secret: str | None = None
    totp_pending_secret: str | None = None
    totp_confirmed_at: dt.datetime | None = None
    totp_last_step: int | None = None
    phone: str | None = None
    phone_pending: str | None = None
    phone_confirmed_at: dt.datetime | None = None

    @property
    def methods(self) -> list[str]:
        """The ways to pass a challenge, in the order a sign-in page offers them."""
        if not self.is_on:
            return []
        own = [TOTP] if self.totp_confirmed_at else []
        own += [SMS] if self.phone_confirmed_at else []
        return [*own, RECOVERY_CODE]

    @property
    def is_on(self) -> bool:
        return self.totp_confirmed_at is not None or self.phone_confirmed_at is not None

    def start_totp(self, sealed_secret: str) -> None:
        self.totp_pending_secret = sealed_secret

    def confirm_totp(self, step: int, now: dt.datetime) -> None:
        self.totp_secret, self.totp_pending_secret = self.totp_pending_secret, None
        self.totp_confirmed_at = now
        self.totp_last_step = step

    def used_totp_step(self, step: int) -> None:
        self.totp_last_step = max(step, self.totp_last_step or step)

    def start_phone(self, phone: str) -> None:
        self.phone_pending = phone

    def confirm_phone(self, now: dt.datetime) -> None:
        self.phone, self.phone_pending = self.phone_pending, None
        self.phone_confirmed_at = now

    def turn_off(self) -> None:
        self.totp_secret = self.totp_pending_secret = None
        self.totp_confirmed_at = None
        self.totp_last_step = None
        self.phone = self.phone_pending = None
        self.phone_confirmed_at = None


# --- recovery codes ------------------------------------------------------------------------------


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_code_digest(pepper: bytes, account_id: str, code: str) -> str:
    """Dashes, spaces and case do not matter to the person typing it."""
    plain = re.sub(r"[\s\-]", "", code or "").lower()
    return hmac.new(pepper, f"recovery:{account_id}:{plain}".encode(), hashlib.sha256).hexdigest()


@dataclasses.dataclass
class RecoveryCode:
    account_id: str
    practice_id: str
    code_hash: str
    issued_at: dt.datetime
    used_at: dt.datetime | None = None
    id: int | None = None

    def matches(self, digest: str) -> bool:
        return self.used_at is None and hmac.compare_digest(self.code_hash, digest)


def issue_recovery_codes(
    account_id: str, practice_id: str, pepper: bytes, now: dt.datetime
) -> tuple[list[str], list[RecoveryCode]]:
    """Ten codes to show once, and their records to keep."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    records = [
        RecoveryCode(account_id, practice_id, recovery_code_digest(pepper, account_id, code), now) for code in codes
    ]
    return codes, records


def redeem_recovery_code(
    records: list[RecoveryCode], pepper: bytes, account_id: str, code: str, now: dt.datetime
) -> bool:
    digest = recovery_code_digest(pepper, account_id, code)
    for record in records:
        if record.matches(digest):
            record.used_at = now
            return True
    return False


# --- the sign-in challenge -----------------------------------------------------------------------


class ChallengeRefused(Exception):
    """`reason`: expired, used or locked (five wrong codes)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_challenge_id(challenge_id: str) -> str:
    return hashlib.sha256(challenge_id.encode()).hexdigest()


@dataclasses.dataclass
class MfaChallenge:
    """The second step of one sign-in; `started_by` is how the first step was passed."""

    id_hash: str
    account_id: str
    practice_id: str
    started_by: str
    created_at: dt.datetime
    expires_at: dt.datetime
    failed_attempts: int = 0
    texts_sent: int = 0
    used_at: dt.datetime | None = None

    def check_open(self, now: dt.datetime) -> None:
        if self.used_at is not None:
            raise ChallengeRefused("used")
        if self.failed_attempts >= MAX_CHALLENGE_TRIES:
            raise ChallengeRefused("locked")
        if now >= self.expires_at:
            raise ChallengeRefused("expired")

    def wrong_code(self) -> None:
        self.failed_attempts += 1

    def complete(self, now: dt.datetime) -> None:
        self.check_open(now)
        self.used_at = now

    def may_text(self) -> bool:
        return self.texts_sent < MAX_CHALLENGE_TEXTS

    def texted(self) -> None:
        self.texts_sent += 1


def issue_challenge(account_id: str, practice_id: str, started_by: str, now: dt.datetime) -> tuple[str, MfaChallenge]:
    """The id to hand to the person once, and the record of the challenge to keep."""
    challenge_id = secrets.token_urlsafe(32)
    record = MfaChallenge(
        id_hash=hash_challenge_id(challenge_id),
        account_id=account_id,
        practice_id=practice_id,
        started_by=started_by,
        created_at=now,
        expires_at=now + CHALLENGE_LIFETIME,
    )
    return challenge_id, record
