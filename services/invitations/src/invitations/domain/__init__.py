"""The practice's rules about invitations and client portals; no framework here."""

from invitations.domain.agreements import Agreement, portal_agreements
from invitations.domain.invitation import Invitation, InvitationState, hash_token, new_token, reminder_time
from invitations.domain.portal import (
    HAS_ACCOUNT,
    NEVER_SIGNED_IN,
    SYSTEM,
    ClientPortal,
    PortalStatus,
    PortalView,
    TimelineEntry,
)

__all__ = [
    "HAS_ACCOUNT",
    "NEVER_SIGNED_IN",
    "SYSTEM",
    "Agreement",
    "ClientPortal",
    "Invitation",
    "InvitationState",
    "PortalStatus",
    "PortalView",
    "TimelineEntry",
    "hash_token",
    "new_token",
    "portal_agreements",
    "reminder_time",
]
