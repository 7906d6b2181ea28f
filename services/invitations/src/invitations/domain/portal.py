"""Where a client's portal stands, as staff see it, and how it got there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from invitations.domain.invitation import Invitation

SYSTEM = "system"


class PortalStatus(enum.StrEnum):
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    EXPIRED = "expired"
    SIGNED_UP = "signed_up"  # the account exists, its email is not verified yet
    ACTIVE = "active"
    DISABLED = "disabled"


# A client with an account is never invited again, by staff or automatically.
HAS_ACCOUNT = frozenset({PortalStatus.SIGNED_UP, PortalStatus.ACTIVE, PortalStatus.DISABLED})
# Filters of the client list beyond the statuses themselves.
NEVER_SIGNED_IN = "never_signed_in"


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
    verified_at: dt.datetime | None
    last_signed_in_at: dt.datetime | None
    disabled_at: dt.datetime | None
    timeline: tuple[TimelineEntry, ...]


@dataclasses.dataclass(eq=False)
class ClientPortal:
    practice_id: str
    client_id: str
    # Every status but `expired` is stored.
    status: PortalStatus = PortalStatus.NOT_INVITED
    email: str | None = None
    invited_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    signed_up_at: dt.datetime | None = None
    account_id: str | None = None
    verified_at: dt.datetime | None = None
    last_signed_in_at: dt.datetime | None = None
    disabled_at: dt.datetime | None = None
    timeline: list[TimelineEntry] = dataclasses.field(default_factory=list)

    def status_at(self, now: dt.datetime) -> PortalStatus:
        if self.status is PortalStatus.INVITED and self.expires_at is not None and now >= self.expires_at:
            return PortalStatus.EXPIRED
        return self.status

    @property
    def has_account(self) -> bool:
        return self.status in HAS_ACCOUNT

    def view_at(self, now: dt.datetime) -> PortalView:
        return PortalView(
            client_id=self.client_id,
            status=self.status_at(now),
            email=self.email,
            invited_at=self.invited_at,
            expires_at=self.expires_at,
            signed_up_at=self.signed_up_at,
            account_id=self.account_id,
            verified_at=self.verified_at,
            last_signed_in_at=self.last_signed_in_at,
            disabled_at=self.disabled_at,
            timeline=tuple(sorted([*self.timeline, *self._pending_expiry(now)], key=lambda entry: entry.at)),
        )

    def record_invitation(self, invitation: Invitation, sent_by_email: str, cause: str = "") -> None:
        # The previous invitation's lapse becomes history once a new one replaces it.
        self.timeline.extend(self._pending_expiry(invitation.sent_at))
        resend = self.invited_at is not None
        self.status = PortalStatus.INVITED
        self.email = invitation.email
        self.invited_at = invitation.sent_at
        self.expires_at = invitation.expires_at
        sender = sent_by_email or invitation.sent_by
        detail = f"Invitation sent to {invitation.email} " + (f"by {sender}" if sender else "automatically")
        detail += f" because {cause}" if cause else ""
        detail += f"; it expires on {plain_moment(invitation.expires_at)}."
        actor = invitation.sent_by or SYSTEM
        self.timeline.append(TimelineEntry("resent" if resend else "invited", invitation.sent_at, actor, detail))

    def record_revocation(self, invitation: Invitation, revoked_by_email: str) -> None:
        self.status = PortalStatus.NOT_INVITED
        self.expires_at = None
        detail = (
            f"The invitation sent to {invitation.email} was revoked by {revoked_by_email or invitation.revoked_by}."
        )
        at = invitation.revoked_at or invitation.sent_at
        self.timeline.append(TimelineEntry("revoked", at, invitation.revoked_by or SYSTEM, detail))

    def record_link_copy(self, invitation: Invitation, copied_by: str, copied_by_email: str, at: dt.datetime) -> None:
        detail = f"The link of the invitation sent to {invitation.email} was copied by {copied_by_email or copied_by}."
        self.timeline.append(TimelineEntry("link copied", at, copied_by, detail))

    def record_reminder(self, invitation: Invitation, at: dt.datetime) -> None:
        detail = (
            f"Reminder sent to {invitation.email}; the invitation expires on {plain_moment(invitation.expires_at)}."
        )
        self.timeline.append(TimelineEntry("reminded", at, SYSTEM, detail))

    def record_expiry(self, invitation: Invitation) -> None:
        """The scheduler saw the invitation lapse; once in the timeline, however often it is told."""
        entry = _expiry_entry(invitation.email, invitation.expires_at)
        if entry not in self.timeline:
            self.timeline.append(entry)

    def record_sign_up(self, account_id: str, email: str, at: dt.datetime) -> None:
        self.signed_up_at = self.signed_up_at or at
        self.account_id = account_id
        if not self.has_account:
            self.status = PortalStatus.SIGNED_UP
        self.timeline.append(
            TimelineEntry("signed_up", at, account_id, f"Account created for {email}; email not verified yet.")
        )

    def record_verified(self, account_id: str, at: dt.datetime) -> None:
        self.account_id = self.account_id or account_id
        self.verified_at = at
        if self.status is not PortalStatus.DISABLED:
            self.status = PortalStatus.ACTIVE
        self.timeline.append(TimelineEntry("active", at, account_id, "Email address verified; the portal is active."))

    def record_sign_in(self, account_id: str, at: dt.datetime) -> None:
        # Only the first sign-in is history; later ones just move `last_signed_in_at`.
        if self.last_signed_in_at is None:
            self.timeline.append(
                TimelineEntry("first sign-in", at, account_id, "Signed in to the portal for the first time.")
            )
        self.last_signed_in_at = max(at, self.last_signed_in_at or at)
        self.account_id = self.account_id or account_id

    def record_disabled(self, account_id: str, actor_id: str | None, at: dt.datetime) -> None:
        self.account_id = self.account_id or account_id
        if not self._changed_after("re-enabled", at):  # else a later enabling, applied first, stands
            self.status = PortalStatus.DISABLED
            self.disabled_at = at
        self.timeline.append(TimelineEntry("disabled", at, actor_id or SYSTEM, "Portal account disabled."))

    def record_enabled(self, account_id: str, actor_id: str | None, at: dt.datetime) -> None:
        self.account_id = self.account_id or account_id
        if not self._changed_after("disabled", at):  # else a later disabling, applied first, stands
            self.status = PortalStatus.ACTIVE if self.verified_at else PortalStatus.SIGNED_UP
            self.disabled_at = None
        self.timeline.append(TimelineEntry("re-enabled", at, actor_id or SYSTEM, "Portal account re-enabled."))

    def _changed_after(self, step: str, at: dt.datetime) -> bool:
        """Whether the timeline already holds `step` at a later moment: the account's events can arrive
        out of order (one returned to its queue after a failure comes back behind the next)."""
        return any(entry.status == step and entry.at > at for entry in self.timeline)

    def record_delivery(self, reminder: bool, delivered: bool, email: str, at: dt.datetime, reason: str = "") -> None:
        what = "reminder email" if reminder else "invitation email"
        if delivered:
            self.timeline.append(TimelineEntry(f"{what} sent", at, "messaging", f"Email sent to {email}."))
            return
        detail = f"Email to {email} could not be sent: {reason}" if reason else f"Email to {email} could not be sent."
        self.timeline.append(TimelineEntry(f"{what} failed", at, "messaging", detail))

    def record_bounce(self, reminder: bool, email: str, bounce_type: str, at: dt.datetime) -> None:
        """The mailbox bounced the email after all (or its owner reported it as unwanted)."""
        what = "reminder email" if reminder else "invitation email"
        detail = {
            "hard": f"Email to {email} bounced: the address does not take mail. Check it with the client.",
            "soft": f"Email to {email} bounced: the mailbox did not take it for now (full or unavailable).",
            "complaint": f"Email to {email} was reported as unwanted; it will not be mailed again.",
        }.get(bounce_type, f"Email to {email} bounced.")
        self.timeline.append(TimelineEntry(f"{what} bounced", at, "messaging", detail))

    def _pending_expiry(self, now: dt.datetime) -> list[TimelineEntry]:
        if self.status_at(now) is not PortalStatus.EXPIRED or self.expires_at is None or self.email is None:
            return []
        entry = _expiry_entry(self.email, self.expires_at)
        return [] if entry in self.timeline else [entry]


def _expiry_entry(email: str, expires_at: dt.datetime) -> TimelineEntry:
    detail = f"The invitation sent to {email} expired without being accepted."
    return TimelineEntry("expired", expires_at, SYSTEM, detail)


def plain_moment(moment: dt.datetime) -> str:
    """'28 Nov 2026, 16:02 UTC': how a timeline detail states a time to people."""
    utc = moment.astimezone(dt.UTC)
    return f"{utc.day} {utc:%b %Y, %H:%M} UTC"
