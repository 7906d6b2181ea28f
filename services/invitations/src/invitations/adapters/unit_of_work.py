"""The database transaction every use case of this service runs in."""

from __future__ import annotations

from portalkit.db import UnitOfWork

from invitations.adapters.repositories import InvitationRepository, LinkCopyRepository, PortalRepository


class InvitationsUnitOfWork(UnitOfWork):
    invitations: InvitationRepository
    portals: PortalRepository
    link_copies: LinkCopyRepository

    def _start(self) -> None:
        self.invitations = InvitationRepository(self.session)
        self.portals = PortalRepository(self.session)
        self.link_copies = LinkCopyRepository(self.session)
