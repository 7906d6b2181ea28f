"""An invitation to the portal: a single-use link, valid until it expires, is used or is replaced."""

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


def new_token() -> tuple[str, str]:
    """A fresh link token (256 bits) and the hash that is all we keep of it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    sent_by: str
    expires_at: dt.datetime
    sent_event_id: str | None = None
    accepted_at: dt.datetime | None = None
    account_id: str | None = None
    superseded_at: dt.datetime | None = None

    def state_at(self, now: dt.datetime) -> InvitationState:
        # A used invitation stays "used" forever: the person should sign in, not ask again.
        if self.accepted_at is not None:
            return InvitationState.USED
        if self.superseded_at is not None:
            return InvitationState.SUPERSEDED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    def supersede(self, now: dt.datetime) -> None:
        """A newer invitation was sent; an open one stops working, others keep their state."""
        if self.state_at(now) is InvitationState.OPEN:
            self.superseded_at = now

    def accept(self, account_id: str, now: dt.datetime) -> None:
        self.accepted_at = now
        self.account_id = account_id
