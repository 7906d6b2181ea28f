"""Where a client's portal stands, as staff see it, and how it got there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from portalkit.clock import utc_iso

from invitations.domain.invitation import Invitation

SYSTEM = "system"


class PortalStatus(enum.StrEnum):
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    EXPIRED = "expired"
    SIGNED_UP = "signed_up"


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    status: str
    at: dt.datetime
    actor: str
    detail: str


@dataclasses.dataclass(frozen=True)
class PortalView:
    """The portal as staff see it at one moment; `expired` is worked out here, never stored."""

    client_id: str
    status: PortalStatus
    email: str | None
    invited_at: dt.datetime | None
    expires_at: dt.datetime | None
    signed_up_at: dt.datetime | None
    account_id: str | None
    timeline: tuple[TimelineEntry, ...]


@dataclasses.dataclass(eq=False)
class ClientPortal:
    practice_id: str
    client_id: str
    # Only not_invited, invited or signed_up are stored.
    status: PortalStatus = PortalStatus.NOT_INVITED
    email: str | None = None
    invited_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    signed_up_at: dt.datetime | None = None
    account_id: str | None = None
    timeline: list[TimelineEntry] = dataclasses.field(default_factory=list)

    def status_at(self, now: dt.datetime) -> PortalStatus:
        if self.status is PortalStatus.INVITED and self.expires_at is not None and now >= self.expires_at:
            return PortalStatus.EXPIRED
        return self.status

    def view_at(self, now: dt.datetime) -> PortalView:
        return PortalView(
            client_id=self.client_id,
            status=self.status_at(now),
            email=self.email,
            invited_at=self.invited_at,
            expires_at=self.expires_at,
            signed_up_at=self.signed_up_at,
            account_id=self.account_id,
            timeline=tuple(sorted([*self.timeline, *self._pending_expiry(now)], key=lambda entry: entry.at)),
        )

    def record_invitation(self, invitation: Invitation, sent_by_email: str) -> None:
        # The previous invitation's lapse becomes history once a new one replaces it.
        self.timeline.extend(self._pending_expiry(invitation.sent_at))
        resend = self.status is not PortalStatus.NOT_INVITED
        self.status = PortalStatus.INVITED
        self.email = invitation.email
        self.invited_at = invitation.sent_at
        self.expires_at = invitation.expires_at
        detail = f"Invitation sent to {invitation.email} by {sent_by_email or invitation.sent_by}; "
        detail += f"it expires at {utc_iso(invitation.expires_at)}."
        self.timeline.append(
            TimelineEntry("resent" if resend else "invited", invitation.sent_at, invitation.sent_by, detail)
        )

    def record_sign_up(self, account_id: str, email: str, at: dt.datetime) -> None:
        self.status = PortalStatus.SIGNED_UP
        self.signed_up_at = at
        self.account_id = account_id
        self.timeline.append(TimelineEntry("signed_up", at, account_id, f"Account created for {email}."))

    def record_delivery(self, delivered: bool, email: str, at: dt.datetime, reason: str = "") -> None:
        if delivered:
            self.timeline.append(TimelineEntry("invitation email sent", at, "messaging", f"Email sent to {email}."))
            return
        detail = f"Email to {email} could not be sent: {reason}" if reason else f"Email to {email} could not be sent."
        self.timeline.append(TimelineEntry("invitation email failed", at, "messaging", detail))

    def _pending_expiry(self, now: dt.datetime) -> list[TimelineEntry]:
        if self.status_at(now) is not PortalStatus.EXPIRED or self.expires_at is None:
            return []
        detail = f"The invitation sent to {self.email} expired without being accepted."
        return [TimelineEntry("expired", self.expires_at, SYSTEM, detail)]
