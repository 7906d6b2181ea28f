"""Sessions and their refresh tokens: rotated on every use, and a reused one ends the whole family."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets

from identity.domain.model import new_id

REFRESH_TOKEN_BYTES = 32


class SessionRefused(Exception):
    """The refresh token cannot continue the session; `reason` is for the audit log only."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class SessionPolicy:
    idle: dt.timedelta
    absolute: dt.timedelta


def hash_token(token: str) -> str:
    """Refresh tokens are stored only as their SHA-256: a stolen table signs nobody in."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclasses.dataclass
class RefreshToken:
    token_hash: str
    session_id: str
    issued_at: dt.datetime
    used_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class IssuedRefreshToken:
    """The token to hand to the client once, and the record of it to keep."""

    token: str
    record: RefreshToken


def issue_refresh_token(session_id: str, now: dt.datetime) -> IssuedRefreshToken:
    token = secrets.token_urlsafe(REFRESH_TOKEN_BYTES)
    return IssuedRefreshToken(token, RefreshToken(hash_token(token), session_id, now))


# How often a session's "last used" moment is written when calls are made with it: the idle timeout
# may end a session up to this much early, and pages warn that much sooner.
SEEN_RESOLUTION = dt.timedelta(minutes=1)


@dataclasses.dataclass
class Session:
    """A family of refresh tokens from one sign-in."""

    id: str
    account_id: str
    practice_id: str
    created_at: dt.datetime
    last_used_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    ip: str | None = None
    user_agent: str | None = None
    # The client profile its tokens are scoped to (None for staff, or a client who has not chosen).
    profile_id: str | None = None

    @classmethod
    def start(
        cls,
        account_id: str,
        practice_id: str,
        now: dt.datetime,
        policy: SessionPolicy,
        ip: str | None = None,
        user_agent: str | None = None,
        profile_id: str | None = None,
    ) -> Session:
        return cls(
            new_id(),
            account_id,
            practice_id,
            now,
            now,
            now + policy.absolute,
            ip=ip,
            user_agent=user_agent,
            profile_id=profile_id,
        )

    def is_alive(self, now: dt.datetime, policy: SessionPolicy) -> bool:
        """Whether calls made with this session's access tokens may still be answered."""
        return self.revoked_at is None and now < self.expires_at and now - self.last_used_at < policy.idle

    def seen(self, now: dt.datetime) -> bool:
        """The person made a call with this session: the idle timeout counts from now. Written at
        most once a minute (SEEN_RESOLUTION); says whether it was written."""
        if now - self.last_used_at < SEEN_RESOLUTION:
            return False
        self.last_used_at = now
        return True

    def rotate(self, presented: RefreshToken, now: dt.datetime, policy: SessionPolicy) -> IssuedRefreshToken:
        """Spend `presented` and issue its successor, or refuse (revoking the family when it must end)."""
        if presented.used_at is not None:
            # Two holders of one token: one of them stole it, and we cannot tell which.
            self.revoke(now)
            raise SessionRefused("reused")
        self._check_alive(now, policy)
        presented.used_at = now
        self.last_used_at = now
        return issue_refresh_token(self.id, now)

    def _check_alive(self, now: dt.datetime, policy: SessionPolicy) -> None:
        if self.revoked_at is not None:
            raise SessionRefused("revoked")
        if now >= self.expires_at:
            self.revoke(now)
            raise SessionRefused("expired")
        if now - self.last_used_at >= policy.idle:
            self.revoke(now)
            raise SessionRefused("idle")

    def revoke(self, now: dt.datetime) -> None:
        if self.revoked_at is None:
            self.revoked_at = now
