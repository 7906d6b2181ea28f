"""The practice's rules about invitations and client portals; no framework here."""

from invitations.domain.agreements import Agreement, portal_agreements
from invitations.domain.invitation import Invitation, InvitationState, hash_token, new_token
from invitations.domain.portal import ClientPortal, PortalStatus, PortalView, TimelineEntry

__all__ = [
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
]
