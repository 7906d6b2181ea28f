"""An invitation to the portal: a single-use link, valid until it expires, is used, replaced or revoked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import secrets


class InvitationState(enum.StrEnum):
    OPEN = "open"
    EXPIRED = "expired"
    USED = "used"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


def new_token() -> tuple[str, str]:
    """A fresh link token (256 bits) and the hash that is all we look it up by."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reminder_time(sent_at: dt.datetime, expires_at: dt.datetime, hours_before: int) -> dt.datetime | None:
    """When the one reminder is due; None when reminders are off or it would fall at or before sending."""
    if hours_before <= 0:
        return None
    remind_at = expires_at - dt.timedelta(hours=hours_before)
    return remind_at if remind_at > sent_at else None


@dataclasses.dataclass(eq=False)
class Invitation:
    id: str
    practice_id: str
    client_id: str
    email: str
    # Copied from identity when sent, so the public invitation page needs no call to identity.
    first_name: str
    practice_name: str
    token_hash: str
    sent_at: dt.datetime
    # None when the system sent it (an automatic invitation); `cause` then says why.
    sent_by: str | None
    expires_at: dt.datetime
    sent_event_id: str | None = None
    accepted_at: dt.datetime | None = None
    account_id: str | None = None
    superseded_at: dt.datetime | None = None
    # The raw token, sealed (portalkit.sealed), kept only while the link is open: staff copy the
    # link and the reminder email carries it. Cleared the moment the invitation stops being open.
    sealed_token: str | None = None
    # Due markers of the scheduler: set while the job is pending, cleared when done or moot, so
    # the sweeps read only due rows through their indexes.
    remind_at: dt.datetime | None = None
    expiry_due_at: dt.datetime | None = None
    reminded_at: dt.datetime | None = None
    reminded_event_id: str | None = None
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None
    cause: str | None = None

    def state_at(self, now: dt.datetime) -> InvitationState:
        # A used invitation stays "used" forever: the person should sign in, not ask again.
        if self.accepted_at is not None:
            return InvitationState.USED
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if self.superseded_at is not None:
            return InvitationState.SUPERSEDED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    def supersede(self, now: dt.datetime) -> None:
        """A newer invitation was sent; an open one stops working, others keep their state."""
        if self.state_at(now) is InvitationState.OPEN:
            self.superseded_at = now
            self._close()

    def revoke(self, revoked_by: str, now: dt.datetime) -> None:
        self.revoked_at = now
        self.revoked_by = revoked_by
        self._close()

    def accept(self, account_id: str, now: dt.datetime) -> None:
        self.accepted_at = now
        self.account_id = account_id
        self._close()

    def mark_expired(self) -> None:
        self._close()

    def mark_reminded(self, now: dt.datetime) -> None:
        self.reminded_at = now
        self.remind_at = None

    def _close(self) -> None:
        self.sealed_token = None
        self.remind_at = None
        self.expiry_due_at = None
