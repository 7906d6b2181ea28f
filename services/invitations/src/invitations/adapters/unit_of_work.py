"""The database transaction every use case of this service runs in."""

from __future__ import annotations

from portalkit.db import UnitOfWork

from invitations.adapters.repositories import InvitationRepository, PortalRepository


class InvitationsUnitOfWork(UnitOfWork):
    invitations: InvitationRepository
    portals: PortalRepository

    def _start(self) -> None:
        self.invitations = InvitationRepository(self.session)
        self.portals = PortalRepository(self.session)
